import Foundation
import HummingbirdTesting
import RegionRegistry
import Testing

/// The residency guard over HTTP, from the embedded catalog: route answers say whether a route
/// stays inside, `/v1/resolve` answers only routes that do, the audit lists those that leave.
@Suite struct ResidencyTests {
    static let sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0"
    static let euSonnet = "eu.\(sonnet)", globalSonnet = "global.\(sonnet)"

    @Test func underAEuropeGuardResolveAnswersTheEUProfileAndTheAuditListsGlobalRoutesAsLeaving() async throws {
        let api = try await TestAPI()
        api.api.configure(residency: ResidencyGuard(regions: nil, geographies: ["Europe"]))
        try await api.application.test(.router) { client in
            let resolved = try await client.checkedGET("/v1/resolve?model=\(Self.sonnet)&source_region=eu-west-1", "/v1/resolve")
            #expect(resolved.status == .ok && resolved.json["profile_id"] as? String == Self.euSonnet, "\(resolved.json)")
            #expect((resolved.json["residency"] as? [String: Any])?["resident"] as? Bool == true)
            let alternatives = resolved.json["alternatives"] as? [[String: Any]] ?? []
            let global = alternatives.first { $0["profile_id"] as? String == Self.globalSonnet }
            #expect((global?["reason"] as? String)?.hasPrefix("refused for residency: may run in ") == true, "\(alternatives)")

            let audit = try await client.checkedGET("/v1/access/audit?residency=outside&source_region=eu-west-1", "/v1/access/audit")
            let leaving = audit.json["incomplete"] as? [[String: Any]] ?? []
            let ids = leaving.compactMap { $0["profile_id"] as? String }
            #expect(ids.contains(Self.globalSonnet) && !ids.contains(Self.euSonnet), "\(ids)")
            for route in leaving {
                let outside = (route["residency"] as? [String: Any])?["outside"] as? [String] ?? []
                #expect(!outside.isEmpty && !outside.contains("eu-west-3"), "\(route["profile_id"] ?? ""): \(outside)")
            }
            let globalRoute = leaving.first { $0["profile_id"] as? String == Self.globalSonnet }
            #expect(((globalRoute?["residency"] as? [String: Any])?["outside"] as? [String])?.contains("us-east-1") == true)
        }
    }

    @Test func aRequestNarrowsTheGuardAndNeverWidensIt() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let path = "/v1/profiles/\(TestAPI.encoded(Self.euSonnet))/access?source_region=eu-west-1"
            let free = try await client.checkedGET(path, "/v1/profiles/{id}/access")
            let unguarded = free.json["residency"] as? [String: Any]
            #expect(unguarded?["resident"] as? Bool == true && unguarded?["outside"] as? [String] == [], "no guard: resident")

            let narrowed = try await client.checkedGET(path + "&within=eu-west-1,eu-central-1", "/v1/profiles/{id}/access")
            let residency = narrowed.json["residency"] as? [String: Any]
            #expect(residency?["resident"] as? Bool == false)
            #expect(residency?["outside"] as? [String] == ["eu-north-1", "eu-south-1", "eu-south-2", "eu-west-3"])

            let refused = try await client.checkedGET("/v1/resolve?model=\(Self.sonnet)&source_region=eu-west-1&within=eu-west-1", "/v1/resolve")
            #expect(refused.status == .notFound)
            let message = (refused.json["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains("within the residency guard") && message.contains("\(Self.euSonnet) refused for residency: may run in eu-central-1"),
                    "\(message)")
            #expect(message.contains(Self.globalSonnet))

            api.api.configure(residency: ResidencyGuard(regions: nil, geographies: ["Europe"]))
            let widened = try await client.checkedGET("/v1/profiles/\(TestAPI.encoded(Self.euSonnet))?within=us-east-1", "/v1/profiles/{id}")
            let routes = widened.json["routes"] as? [[String: Any]] ?? []
            #expect(!routes.isEmpty && routes.allSatisfy { ($0["residency"] as? [String: Any])?["resident"] as? Bool == false },
                    "Europe ∩ {us-east-1} allows nothing: a request cannot widen the guard")

            let unknownRegion = try await client.checkedGET(path + "&within=mars-north-1", "/v1/profiles/{id}/access")
            #expect(unknownRegion.status == .badRequest && unknownRegion.errorCode == "invalid_parameter")
            let unknownGeography = try await client.checkedGET(path + "&geography=Atlantis", "/v1/profiles/{id}/access")
            #expect(unknownGeography.status == .badRequest)
            #expect((unknownGeography.json["error"] as? [String: Any])?["message"] as? String ?? "" ~= "Europe")
        }
    }
}

private func ~= (text: String, needle: String) -> Bool { text.contains(needle) }
