import Foundation
import Testing
@testable import RegistryHealth

@Suite struct SampleBatchDecoderTests {
    static let profile = "us.anthropic.claude-sonnet-4-20250514-v1:0"
    let context = SampleValidationContext(
        knownRegions: ["us-east-1", "us-east-2", "us-west-2", "eu-west-1"],
        knownModels: [HealthFixture.haiku, HealthFixture.sonnet],
        profileModels: [profile: HealthFixture.sonnet],
        now: HealthFixture.noon)

    static let good = #"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":120.5,"outcome":"ok"}"#

    func body(_ samples: [String]) -> [UInt8] {
        Array(#"{"samples": [\#(samples.joined(separator: ",\n"))]}"#.utf8)
    }

    func firstProblem(_ body: [UInt8], context: SampleValidationContext? = nil) -> SampleBatchProblem? {
        do {
            _ = try SampleBatchDecoder.decode(body, context: context ?? self.context)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Good batches

    @Test func decodesBothModelFormsOffsetsAndFractions() throws {
        let samples = try SampleBatchDecoder.decode(body([
            #"{"region":"us-west-2","model_id":"anthropic.claude-3-haiku-20240307-v1:0","source_region":"us-east-1","observed_at":"2026-05-01T11:58:30.123456789Z","latency_ms":1200,"ttft_ms":310.25,"outcome":"throttled","http_status":429,"origin":"probe"}"#,
            #"{ "profile_id" : "\#(Self.profile)", "region" : "us-east-2", "observed_at" : "2026-05-01T13:58:30.25+02:00", "latency_ms" : 8.5e2, "outcome" : "timeout", "http_status" : null }"#,
            #"{"region":"us-east-1","model_id":"arn:aws:bedrock:us-east-1:123456789012:inference-profile/\#(Self.profile)","observed_at":"2026-05-01T06:59:59-05:00","latency_ms":0,"outcome":"error","origin":"gate\"way \u00e9 \ud83d\ude80"}"#,
        ]), context: context)

        #expect(samples.count == 3)
        let first = samples[0]
        #expect(first.region == "us-west-2")
        #expect(first.modelId == HealthFixture.haiku)
        #expect(first.profileId == nil)
        #expect(first.sourceRegion == "us-east-1")
        #expect(abs(first.observedAt.timeIntervalSince(HealthFixture.noon) - (-89.876543211)) < 1e-6)
        #expect(first.latencyMs == 1200)
        #expect(first.ttftMs == 310.25)
        #expect(first.outcome == .throttled)
        #expect(first.httpStatus == 429)
        #expect(first.origin == "probe")

        let second = samples[1]
        #expect(second.modelId == HealthFixture.sonnet)  // derived from the profile
        #expect(second.profileId == Self.profile)
        #expect(second.observedAt == HealthFixture.at(seconds: -89.75))
        #expect(second.latencyMs == 850)
        #expect(second.outcome == .timeout)
        #expect(second.httpStatus == nil)
        #expect(second.origin == "gateway")

        let third = samples[2]
        #expect(third.profileId == Self.profile)  // a profile ARN given as model_id
        #expect(third.modelId == HealthFixture.sonnet)
        #expect(third.observedAt == HealthFixture.at(seconds: -1))
        #expect(third.origin == "gate\"way é 🚀")
    }

    @Test func acceptsTimestampsWithinSkewAndRetention() throws {
        let samples = try SampleBatchDecoder.decode(body([
            Self.good.replacingOccurrences(of: "2026-05-01T11:59:00Z", with: "2026-05-01T12:05:00Z"),  // +300 s
            Self.good.replacingOccurrences(of: "2026-05-01T11:59:00Z", with: "2026-04-30T12:00:00Z"),  // −86,400 s
        ]), context: context)
        #expect(samples.count == 2)
    }

    @Test func acceptsExactlyMaxSamples() throws {
        let samples = try SampleBatchDecoder.decode(body(Array(repeating: Self.good, count: SampleBatchDecoder.maxSamples)), context: context)
        #expect(samples.count == 10_000)
    }

    // MARK: Bad samples: index and field named, lowest index wins

    @Test(arguments: [
        (#"{"model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#, "region", "required"),
        (#"{"region":null,"model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#, "region", "required"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"fine"}"#, "outcome", "must be one of ok, error, throttled, timeout"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":-1,"outcome":"ok"}"#, "latency_ms", "must be a number ≥ 0"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":"12","outcome":"ok"}"#, "latency_ms", "must be a number ≥ 0"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","outcome":"ok"}"#, "latency_ms", "required"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"ttft_ms":-0.5,"outcome":"ok"}"#, "ttft_ms", "must be a number ≥ 0"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok","colour":"red"}"#, "colour", "unknown field"),
        (#"{"region":"us-east-1","region":"us-west-2","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#, "region", "duplicate field"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T12:05:01Z","latency_ms":1,"outcome":"ok"}"#, "observed_at", "is 301 s in the future"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-04-30T11:59:59Z","latency_ms":1,"outcome":"ok"}"#, "observed_at", "beyond retention"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"yesterday","latency_ms":1,"outcome":"ok"}"#, "observed_at", "RFC 3339"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","latency_ms":1,"outcome":"ok"}"#, "observed_at", "required"),
        (#"{"region":"mars-north-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#, "region", "unknown region mars-north-1"),
        (#"{"region":"us-east-1","source_region":"mars-north-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#, "source_region", "unknown region"),
        (#"{"region":"us-east-1","model_id":"acme.rocket-v1","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#, "model_id", "unknown model acme.rocket-v1"),
        (#"{"region":"us-east-1","profile_id":"eu.acme.rocket-v1","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#, "profile_id", "unknown inference profile eu.acme.rocket-v1"),
        (#"{"region":"us-east-1","profile_id":"us.anthropic.claude-sonnet-4-20250514-v1:0","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#, "model_id", "does not match profile"),
        (#"{"region":"us-east-1","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#, "model_id", "required (or profile_id)"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok","http_status":200.5}"#, "http_status", "HTTP status"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok","http_status":42}"#, "http_status", "HTTP status"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok","origin":""}"#, "origin", "1–64 characters"),
        (#"{"region":"us-east-1","model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok","origin":"\#(String(repeating: "x", count: 65))"}"#, "origin", "1–64 characters"),
        (#"{"region":7,"model_id":"anthropic.claude-3-haiku-20240307-v1:0","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#, "region", "must be a string"),
        (#"["us-east-1"]"#, "", "must be an object"),
    ])
    func reportsTheFirstBadSampleByIndexAndField(bad: String, field: String, reason: String) throws {
        // Another bad sample comes later: the lowest index is the one reported.
        let laterBad = #"{"region":"us-east-1","outcome":"maybe"}"#
        let problem = try #require(firstProblem(body([Self.good, Self.good, bad, Self.good, laterBad])))
        #expect(problem.index == 2)
        #expect(problem.field == field)
        #expect(problem.reason.contains(reason), "\(problem)")
    }

    @Test func descriptionNamesIndexAndField() {
        #expect(SampleBatchProblem(index: 3, field: "latency_ms", reason: "must be a number ≥ 0").description
                == "samples[3].latency_ms: must be a number ≥ 0")
        #expect(SampleBatchProblem(index: 0, field: "", reason: "must be an object").description == "samples[0]: must be an object")
        #expect(SampleBatchProblem(index: nil, field: "samples", reason: "must not be empty").description == "samples: must not be empty")
    }

    // MARK: Unknown regions, models and profiles

    @Test func acceptUnknownAdmitsNewRegionsModelsAndProfiles() throws {
        var lenient = context
        lenient.acceptUnknown = true
        let samples = try SampleBatchDecoder.decode(body([
            #"{"region":"ap-south-2","model_id":"acme.rocket-v1","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#,
            #"{"region":"ap-south-2","profile_id":"apac.acme.rocket-v1","model_id":"acme.rocket-v1","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#,
        ]), context: lenient)
        #expect(samples.map(\.region) == ["ap-south-2", "ap-south-2"])
        #expect(samples.map(\.modelId) == ["acme.rocket-v1", "acme.rocket-v1"])
        #expect(samples[1].profileId == "apac.acme.rocket-v1")
    }

    @Test func acceptUnknownStillNeedsAModelAndARegionCode() throws {
        var lenient = context
        lenient.acceptUnknown = true
        let noModel = try #require(firstProblem(body([
            #"{"region":"ap-south-2","profile_id":"apac.acme.rocket-v1","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#,
        ]), context: lenient))
        #expect(noModel.field == "model_id")
        #expect(noModel.reason == "required when profile_id is not a known profile")

        let badRegion = try #require(firstProblem(body([
            #"{"region":"Not A Region","model_id":"acme.rocket-v1","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#,
        ]), context: lenient))
        #expect(badRegion.field == "region")
    }

    @Test func contextFromARegistryViewKnowsItsRegionsModelsAndProfiles() throws {
        let profile = HealthFixture.profile(Self.profile, geo: "us", routes: ["us-east-1": ["us-east-1", "us-west-2"]])
        let view = HealthFixture.view(profiles: [profile], grants: [])
        let context = SampleValidationContext(view: view, now: HealthFixture.noon)
        #expect(context.knownRegions == ["us-east-1", "us-west-2"])
        #expect(context.knownModels == [HealthFixture.sonnet])
        #expect(context.profileModels == [Self.profile: HealthFixture.sonnet])
        #expect(!context.acceptUnknown)
        let samples = try SampleBatchDecoder.decode(body([
            #"{"region":"us-west-2","model_id":"\#(Self.profile)","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#,
        ]), context: context)
        #expect(samples.first?.profileId == Self.profile)
    }

    /// A gateway cannot see which destination served a cross-region request (LiteLLM, Bedrock's
    /// headers): it sends the profile and the source region, and regiond attributes the sample.
    @Test func aSampleWithoutRegionCountsInItsOnlyDestinationOrElseItsSourceRegion() throws {
        let profile = HealthFixture.profile(Self.profile, geo: "us", routes: ["us-east-1": ["us-east-1", "us-west-2"], "us-west-2": ["us-east-2"]])
        let context = SampleValidationContext(view: HealthFixture.view(profiles: [profile], grants: []), now: HealthFixture.noon)
        let sample = { (source: String) in
            #"{"profile_id":"\#(Self.profile)","source_region":"\#(source)","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#
        }
        let samples = try SampleBatchDecoder.decode(body([sample("us-east-1"), sample("us-west-2")]), context: context)
        #expect(samples.map(\.region) == ["us-east-1", "us-east-2"], "two destinations → the source; one → that destination")
        #expect(samples.allSatisfy { $0.modelId == HealthFixture.sonnet })

        let offRoute = try #require(firstProblem(body([sample("us-east-2")]), context: context))
        #expect(offRoute.description.hasSuffix("source_region: profile \(Self.profile) has no route from us-east-2"), "\(offRoute)")
        let noSource = try #require(firstProblem(body([
            #"{"profile_id":"\#(Self.profile)","observed_at":"2026-05-01T11:59:00Z","latency_ms":1,"outcome":"ok"}"#,
        ]), context: context))
        #expect(noSource.field == "region")
    }

    // MARK: The batch as a whole

    @Test func tooManySamplesIsABatchProblemEvenWithABadSampleFirst() throws {
        let bad = #"{"region":"us-east-1","outcome":"maybe"}"#
        let samples = [Self.good, bad] + Array(repeating: Self.good, count: SampleBatchDecoder.maxSamples - 1)
        let problem = try #require(firstProblem(body(samples)))
        #expect(problem.index == nil)
        #expect(problem.field == "samples")
        #expect(problem.description == "samples: at most 10000 samples per batch (got 10001)")
    }

    @Test(arguments: [
        ("not json", "body", "not valid JSON"),
        ("", "body", "not valid JSON"),
        (#"{"samples": [{"region": "us-east-1"}"#, "body", "not valid JSON"),
        (#"{"samples": []} trailing"#, "body", "not valid JSON"),
        (#"{"samples": [01]}"#, "body", "not valid JSON"),
        (#"{"samples": ["\x"]}"#, "body", "not valid JSON"),
        (#"[{"region": "us-east-1"}]"#, "body", #"must be a JSON object {"samples": [...]}"#),
        (#""samples""#, "body", "must be a JSON object"),
        (#"{"samples": {"region": "us-east-1"}}"#, "samples", "must be an array of sample objects"),
        ("{}", "samples", "required"),
        (#"{"samples": []}"#, "samples", "must not be empty"),
        (#"{"samples": [{}], "samples": []}"#, "samples", "duplicate field"),
        (#"{"batch": 1, "samples": [{}]}"#, "batch", "unknown field"),
    ])
    func reportsBatchProblemsWithoutAnIndex(text: String, field: String, reason: String) throws {
        let problem = try #require(firstProblem(Array(text.utf8)))
        #expect(problem.index == nil)
        #expect(problem.field == field)
        #expect(problem.reason.contains(reason), "\(problem)")
    }

    @Test func aBodyThatIsNotJSONIsReportedAsSuchWhateverComesFirst() throws {
        let bad = #"{"region":"us-east-1","outcome":"maybe"}"#
        let text = #"{"samples": [\#(bad), \#(Self.good), {"region": ]}"#
        let problem = try #require(firstProblem(Array(text.utf8)))
        #expect(problem.field == "body")
        #expect(problem.reason.hasPrefix("not valid JSON"))
    }

    @Test func invalidUTF8InAStringIsAProblem() throws {
        var bytes = body([Self.good])
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "u")))  // the "us-east-1" of region
        bytes[at] = 0xFF
        let problem = try #require(firstProblem(bytes))
        #expect(problem.index == 0)
        #expect(problem.field == "region")
        #expect(problem.reason == "must be valid UTF-8")
    }

    @Test func deepNestingIsRejectedNotOverflowed() throws {
        let nested = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let text = #"{"samples": [{"region": \#(nested)}]}"#
        let problem = try #require(firstProblem(Array(text.utf8)))
        #expect(problem.field == "body")
        #expect(problem.reason.contains("nested too deeply"))
    }

    @Test func numbersParseExactly() throws {
        for (text, value) in [("0.1", 0.1), ("123.456", 123.456), ("1e3", 1000.0), ("2.5E-1", 0.25), ("12345678901234567890", 12345678901234567890.0), ("0.000000000000000000000001", 1e-24)] {
            let samples = try SampleBatchDecoder.decode(body([Self.good.replacingOccurrences(of: "120.5", with: text)]), context: context)
            #expect(samples[0].latencyMs == value, "\(text)")
        }
    }
}
