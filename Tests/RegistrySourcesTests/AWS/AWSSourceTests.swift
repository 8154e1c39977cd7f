import AWSCore
import BedrockStandIn
import Foundation
import RegionRegistry
import RegistrySources
import Testing

@Suite("AWS source against the Bedrock stand-in")
struct AWSSourceTests {
    typealias W = AWSTestWorld

    @Test("routes are read per source region, grants per destination region, every request signed")
    func snapshotMatchesTheAccount() async throws {
        try await withAWSHarness { harness in
            let snapshot = try await harness.source.snapshot()
            #expect(snapshot.scope == .complete)
            #expect(snapshot.failedRegions.isEmpty)
            try snapshot.validate()

            let profiles = Dictionary(uniqueKeysWithValues: snapshot.profiles.map { ($0.id, $0) })
            #expect(Set(profiles.keys) == ["us.\(W.sonnet)", "us.\(W.llama)", "global.\(W.sonnet)", "eu.\(W.sonnet)",
                                           "apac.\(W.sonnet)", "a1b2c3d4e5f6"])
            let us = try #require(profiles["us.\(W.sonnet)"])
            #expect(us.route(from: "us-east-1")?.destinationRegions == ["us-east-1", "us-east-2", "us-west-2"])
            #expect(us.route(from: "us-west-2")?.destinationRegions == ["us-east-1", "us-west-2"])
            #expect(us.routes.count == 2)
            #expect(us.geo == "us" && us.modelId == W.sonnet && us.type == .systemDefined)
            #expect(us.arn == "arn:aws:bedrock:us-east-1:\(BedrockStandIn.accountId):inference-profile/us.\(W.sonnet)")
            #expect(us.createdAt == "2025-05-14T00:00:00.123Z", "9 fractional digits normalised to milliseconds")
            let global = try #require(profiles["global.\(W.sonnet)"])
            #expect(Set(global.routes.map(\.sourceRegion)) == ["us-east-1", "us-west-2", "eu-central-1"])
            let team = try #require(profiles["a1b2c3d4e5f6"])
            #expect(team.type == .application && team.geo == "application")

            let grants = Dictionary(uniqueKeysWithValues: (snapshot.awsGrants ?? []).map { ("\($0.region)/\($0.modelId)", $0) })
            #expect(grants["us-east-2/\(W.sonnet)"]?.status == .granted)
            #expect(grants["eu-west-3/\(W.sonnet)"]?.status == .denied)
            #expect(grants["eu-west-3/\(W.sonnet)"]?.agreementStatus == "PENDING")
            #expect(grants["ap-northeast-3/\(W.sonnet)"]?.status == .denied, "404 from the destination region: not offered there")
            #expect(grants["us-west-2/\(W.llama)"]?.status == .granted)
            #expect(grants["eu-west-1/\(W.llama)"] == nil, "no route sends llama to eu-west-1, so it is not asked")

            let requests = harness.standIn.requests
            #expect(!requests.isEmpty)
            #expect(requests.allSatisfy { $0.signatureError == nil }, "\(requests.compactMap(\.signatureError))")
            // Availability is asked in (signed for) the destination region, with `:` sent encoded.
            let availability = requests.filter { $0.operation == "GetFoundationModelAvailability" }
            #expect(availability.contains { $0.region == "ap-northeast-3" && $0.path.hasSuffix("/anthropic.claude-sonnet-4-20250514-v1%3A0") })
            // us-east-1 has three system profiles at two per page: the token (`+`, `/`, `=`) was sent back intact.
            #expect(requests.contains { $0.region == "us-east-1" && $0.query.contains("nextToken=pg%2B%2F2%3D%3D") })
            #expect(requests.allSatisfy { $0.status < 400 || $0.operation == "GetFoundationModelAvailability" })
        }
    }

    @Test("throttling and server errors are retried with backoff, and counted")
    func retriesTransientErrors() async throws {
        try await withAWSHarness { harness in
            harness.standIn.inject(StandInFault(.throttle, region: "eu-central-1", operation: "ListFoundationModels", times: 1))
            harness.standIn.inject(StandInFault(.serverError, region: "eu-central-1", operation: "ListFoundationModels", times: 1))
            let snapshot = try await harness.source.snapshot()
            #expect(snapshot.scope == .complete)
            let eu = try #require(snapshot.regionReports.first { $0.region == "eu-central-1" && $0.part == .routes })
            #expect(eu.succeeded && eu.retries == 2 && eu.throttled == 1)
        }
    }

    @Test("a region that keeps failing is left out of the scope; the others are read")
    func failingRegionIsIsolated() async throws {
        try await withAWSHarness(maxAttempts: 2) { harness in
            harness.standIn.inject(StandInFault(.serverError, region: "eu-central-1", operation: "ListInferenceProfiles"))
            let snapshot = try await harness.source.snapshot()
            #expect(snapshot.scope == .sourceRegions(["us-east-1", "us-west-2", "ap-northeast-1"]))
            #expect(!snapshot.profiles.contains { $0.id.hasPrefix("eu.") })
            let failure = try #require(snapshot.failedRegions.first)
            #expect(snapshot.failedRegions.count == 1 && failure.region == "eu-central-1" && failure.part == .routes)
            #expect(failure.error?.contains("InternalServerException (HTTP 500)") == true, "\(failure.error ?? "")")
            #expect(failure.error?.contains("ListInferenceProfiles eu-central-1") == true)
            #expect(failure.requests >= 2 && failure.retries >= 1)
        }
    }

    @Test("access denied is reported at once, not retried")
    func accessDeniedIsNotRetried() async throws {
        try await withAWSHarness { harness in
            harness.standIn.inject(StandInFault(.accessDenied, region: "ap-northeast-1", operation: "ListFoundationModels"))
            let snapshot = try await harness.source.snapshot()
            let failure = try #require(snapshot.failedRegions.first { $0.region == "ap-northeast-1" })
            #expect(failure.error?.contains("AccessDeniedException (HTTP 403)") == true)
            #expect(failure.error?.contains("bedrock:ListFoundationModels") == true)
            #expect(harness.standIn.requests.filter { $0.region == "ap-northeast-1" && $0.operation == "ListFoundationModels" }.count == 1)
        }
    }

    @Test("a body that does not parse fails its region, with where")
    func malformedBodyFailsTheRegion() async throws {
        try await withAWSHarness { harness in
            harness.standIn.inject(StandInFault(.malformed, region: "us-west-2", operation: "ListInferenceProfiles"))
            let snapshot = try await harness.source.snapshot()
            let failure = try #require(snapshot.failedRegions.first)
            #expect(failure.region == "us-west-2")
            #expect(failure.error?.contains("malformed response") == true, "\(failure.error ?? "")")
            #expect(snapshot.profiles.allSatisfy { $0.route(from: "us-west-2") == nil })
        }
    }

    @Test("a slow answer times out, is retried, and succeeds on the next attempt")
    func slowAnswerTimesOut() async throws {
        try await withAWSHarness(maxAttempts: 4, timeout: .seconds(1)) { harness in
            harness.standIn.inject(StandInFault(.slow(.seconds(5)), region: "us-east-1", operation: "ListFoundationModels", times: 1))
            let snapshot = try await harness.source.snapshot()
            let east = try #require(snapshot.regionReports.first { $0.region == "us-east-1" && $0.part == .routes })
            // The timed-out attempt was retried (the stand-in may still finish answering it later:
            // its log is not a clock, so only the client's own count is asserted).
            #expect(east.succeeded && east.retries >= 1)
        }
    }

    @Test("a failing destination region keeps its grants out of the snapshot; routes still update")
    func failingGrantRegion() async throws {
        try await withAWSHarness(maxAttempts: 1) { harness in
            harness.standIn.inject(StandInFault(.throttle, region: "eu-west-1", operation: "GetFoundationModelAvailability"))
            let snapshot = try await harness.source.snapshot()
            let failure = try #require(snapshot.failedRegions.first)
            #expect(failure.region == "eu-west-1" && failure.part == .access)
            #expect(failure.error?.contains("ThrottlingException") == true)
            #expect(!(snapshot.awsGrants ?? []).contains { $0.region == "eu-west-1" })
            #expect(snapshot.grantScope == .sourceRegions([]), "a partial run removes no grant")
            #expect(snapshot.profiles.contains { $0.id.hasPrefix("eu.") })
        }
    }

    @Test("a wrong secret is refused by the stand-in's signature check, and not retried")
    func wrongSecretIsRefused() async throws {
        var wrong = AWSTestWorld.credentials
        wrong.secretAccessKey = "not-the-secret"
        try await withAWSHarness(credentials: wrong) { harness in
            let snapshot = try await harness.source.snapshot()
            #expect(snapshot.failedRegions.count == AWSTestWorld.sourceRegions.count)
            let failure = try #require(snapshot.failedRegions.first)
            #expect(failure.error?.contains("InvalidSignatureException (HTTP 403)") == true, "\(failure.error ?? "")")
            #expect(failure.error?.contains("not-the-secret") == false)
            #expect(harness.standIn.requests.allSatisfy { $0.signatureError != nil })
        }
    }
}
