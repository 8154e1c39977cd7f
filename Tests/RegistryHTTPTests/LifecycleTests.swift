import Foundation
import HummingbirdTesting
import Testing

/// Models and their lifecycle over HTTP, from the embedded catalog. The catalog's statuses are as
/// of its compile date and move on with AWS's dates, so the expectations hold on any later day.
@Suite struct LifecycleTests {
    static let sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0"
    static let haiku = "anthropic.claude-3-haiku-20240307-v1:0"

    @Test func aModelSaysItsLifecycleAndWhatServesItFromEachSourceRegion() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let model = try await client.checkedGET("/v1/models/\(TestAPI.encoded(Self.sonnet))?source_region=eu-west-1", "/v1/models/{id}")
            #expect(model.status == .ok)
            let lifecycle = model.json["lifecycle"] as? [String: Any]
            #expect(["LEGACY", "EOL"].contains(lifecycle?["status"] as? String ?? ""), "\(lifecycle ?? [:])")
            #expect(lifecycle?["end_of_life_at"] as? String == "2027-04-08" && lifecycle?["days_to_end_of_life"] is Int)
            let profiles = model.json["profiles"] as? [[String: Any]] ?? []
            #expect(profiles.count == 1 && profiles.first?["source_region"] as? String == "eu-west-1")
            #expect(profiles.first?["profile_ids"] as? [String] == ["eu.\(Self.sonnet)", "global.\(Self.sonnet)"])
            #expect((model.json["in_region"] as? [String])?.contains("eu-west-1") == true)

            let eol = try await client.checkedGET("/v1/models?provider=anthropic&lifecycle=eol", "/v1/models")
            let ids = (eol.json["models"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.contains(Self.haiku) && !ids.contains("anthropic.claude-sonnet-4-6"), "\(ids)")
            let bad = try await client.checkedGET("/v1/models?lifecycle=retired", "/v1/models")
            #expect(bad.status == .badRequest && bad.errorCode == "invalid_parameter")
            #expect(try await client.checkedGET("/v1/models/nope.model-v1", "/v1/models/{id}").status == .notFound)

            let profile = try await client.checkedGET("/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))", "/v1/profiles/{id}")
            #expect((profile.json["lifecycle"] as? [String: Any])?["status"] as? String == "EOL")
        }
    }

    @Test func theLifecycleAuditListsRoutesOnLegacyAndEndedModelsWithTheirDates() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let ended = try await client.checkedGET("/v1/access/audit?lifecycle=eol&source_region=us-east-1", "/v1/access/audit")
            let routes = ended.json["incomplete"] as? [[String: Any]] ?? []
            let haiku = routes.first { $0["profile_id"] as? String == TestAPI.haiku }
            #expect((haiku?["lifecycle"] as? [String: Any])?["end_of_life_at"] as? String == "2026-09-10", "\(routes.map { $0["profile_id"] ?? "" })")
            #expect(routes.allSatisfy { ($0["lifecycle"] as? [String: Any])?["status"] as? String == "EOL" })

            // Legacy, or within 90 days of the end: Sonnet 4.5 is one or the other from now on.
            let ending = try await client.checkedGET("/v1/access/audit?lifecycle=legacy&source_region=eu-west-1", "/v1/access/audit")
            let ids = (ending.json["incomplete"] as? [[String: Any]] ?? []).compactMap { $0["profile_id"] as? String }
            #expect(ids.contains("eu.\(Self.sonnet)") && ids.contains("global.\(Self.sonnet)"), "\(ids)")

            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            let onLegacy = metrics.split(separator: "\n").first { $0.hasPrefix("regiond_routes_on_legacy_models ") }
            #expect((onLegacy?.split(separator: " ").last).flatMap { Double($0) }.map { $0 > 0 } == true, "\(onLegacy ?? "")")
            let haikuDays = metrics.split(separator: "\n").first { $0.hasPrefix("regiond_days_to_end_of_life{model=\"\(Self.haiku)\"}") }
            #expect((haikuDays?.split(separator: " ").last).flatMap { Double($0) }.map { $0 < 0 } == true, "\(haikuDays ?? "")")

            let resolved = try await client.checkedGET("/v1/resolve?model=\(Self.haiku)&source_region=us-east-1", "/v1/resolve")
            let warnings = resolved.json["warnings"] as? [String] ?? []
            #expect(warnings.first?.contains("is eol (end of life 2026-09-10)") == true, "\(warnings)")

            // A family picks its active member; `model=` stays exact (above: the ended Haiku, warned).
            let family = try await client.checkedGET("/v1/resolve?family=anthropic.claude-sonnet-4&source_region=eu-west-1&geo=eu", "/v1/resolve")
            #expect(family.json["model_id"] as? String == "anthropic.claude-sonnet-4-6" && family.json["profile_id"] as? String == "eu.anthropic.claude-sonnet-4-6",
                    "\(family.json)")
            #expect((family.json["warnings"] as? [String])?.isEmpty == true)
            let both = try await client.checkedGET("/v1/resolve?model=\(Self.haiku)&family=anthropic.claude&source_region=us-east-1", "/v1/resolve")
            #expect(both.status == .badRequest)
        }
    }
}
