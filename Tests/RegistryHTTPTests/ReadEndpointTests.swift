import Foundation
import Hummingbird
import HummingbirdTesting
import RegionRegistry
import RegistrySources
import Testing

@Suite struct ReadEndpointTests {
    @Test func profileByIdHasItsRoutesPerSourceRegion() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let response = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))", method: .get)
            OpenAPIChecker.check(response, "GET", "/v1/profiles/{id}")
            #expect(response.status == .ok)
            let routes = try #require(response.json["routes"] as? [[String: Any]])
            let bySource = Dictionary(uniqueKeysWithValues: routes.map { ($0["source_region"] as! String, $0["destination_regions"] as! [String]) })
            #expect(bySource["us-east-2"] == ["us-east-1", "us-east-2", "us-west-2"])
            #expect(bySource["us-west-2"] == ["us-east-1", "us-west-2"])
            #expect(response.json["model_id"] as? String == TestAPI.haikuModel)
            #expect(response.json["type"] as? String == "SYSTEM_DEFINED")
        }
    }

    @Test func profileByUnencodedColonAndByArn() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let plain = try await client.execute(uri: "/v1/profiles/us.anthropic.claude-sonnet-4-20250514-v1:0", method: .get)
            #expect(plain.status == .ok)
            let arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0"
            let byArn = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(arn))", method: .get)
            OpenAPIChecker.check(byArn, "GET", "/v1/profiles/{id}")
            #expect(byArn.json["id"] as? String == "us.anthropic.claude-sonnet-4-20250514-v1:0")
        }
    }

    @Test func unknownIdsAre404WithAJSONError() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let profile = try await client.execute(uri: "/v1/profiles/us.nothing-v1%3A0", method: .get)
            OpenAPIChecker.check(profile, "GET", "/v1/profiles/{id}")
            #expect(profile.status == .notFound && profile.errorCode == "not_found")
            let region = try await client.execute(uri: "/v1/regions/mars-north-1", method: .get)
            OpenAPIChecker.check(region, "GET", "/v1/regions/{code}")
            #expect(region.status == .notFound)
            let route = try await client.execute(uri: "/v1/nowhere", method: .get)
            #expect(route.status == .notFound && route.errorCode == "not_found")
        }
    }

    @Test func profileFiltersAndBadEnums() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let eu = try await client.execute(uri: "/v1/profiles?geo=eu&source_region=eu-central-1", method: .get)
            OpenAPIChecker.check(eu, "GET", "/v1/profiles")
            let profiles = try #require(eu.json["profiles"] as? [[String: Any]])
            #expect(!profiles.isEmpty)
            #expect(profiles.allSatisfy { ($0["geo"] as? String) == "eu" })
            #expect(eu.json["count"] as? Int == profiles.count)

            let toSydney = try await client.execute(uri: "/v1/profiles?destination_region=ap-southeast-2&type=SYSTEM_DEFINED", method: .get)
            let ids = (toSydney.json["profiles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids.contains { $0.hasPrefix("au.") } && ids.contains { $0.hasPrefix("apac.") })
            #expect(!ids.contains { $0.hasPrefix("us.") })

            let byModel = try await client.execute(uri: "/v1/profiles?model=\(TestAPI.encoded(TestAPI.haikuModel))", method: .get)
            #expect((byModel.json["profiles"] as? [[String: Any]])?.compactMap { $0["id"] as? String }.contains(TestAPI.haiku) == true)

            let badType = try await client.execute(uri: "/v1/profiles?type=CUSTOM", method: .get)
            OpenAPIChecker.check(badType, "GET", "/v1/profiles")
            #expect(badType.status == .badRequest && badType.errorCode == "invalid_parameter")
            let badBool = try await client.execute(uri: "/v1/profiles?include_removed=maybe", method: .get)
            #expect(badBool.status == .badRequest)
        }
    }

    @Test func regionsListAndOne() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let list = try await client.execute(uri: "/v1/regions", method: .get)
            OpenAPIChecker.check(list, "GET", "/v1/regions")
            #expect((list.json["count"] as? Int ?? 0) >= 30)
            let one = try await client.execute(uri: "/v1/regions/eu-central-1", method: .get)
            OpenAPIChecker.check(one, "GET", "/v1/regions/{code}")
            #expect(one.json["partition"] as? String == "aws")
        }
    }

    @Test func eTagsAnswer304AndChangeWithTheData() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let uri = "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/access?source_region=us-west-2"
            let first = try await client.execute(uri: uri, method: .get)
            let etag = try #require(first.headers[.eTag])
            var conditional = HTTPFields()
            conditional[.ifNoneMatch] = "\"other\", \(etag)"
            let second = try await client.execute(uri: uri, method: .get, headers: conditional)
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
            // A grant changes the access report, so the old ETag no longer matches.
            _ = try await client.execute(uri: "/v1/grants/us-east-1/\(TestAPI.haikuModel)", method: .put,
                                         headers: TestAPI.authorized(), body: TestAPI.body(#"{"status":"granted"}"#))
            let third = try await client.execute(uri: uri, method: .get, headers: conditional)
            #expect(third.status == .ok)
            #expect(third.headers[.eTag] != etag)
        }
    }

    @Test func accessPerRouteAndAudit() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let one = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/access?source_region=us-east-2", method: .get)
            OpenAPIChecker.check(one, "GET", "/v1/profiles/{id}/access")
            #expect(one.json["complete"] as? Bool == false)
            #expect(one.json["missing"] as? [String] == ["us-east-1", "us-east-2", "us-west-2"])

            let all = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/access", method: .get)
            OpenAPIChecker.check(all, "GET", "/v1/profiles/{id}/access")
            #expect((all.json["routes"] as? [[String: Any]])?.count == 3)

            let noRoute = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/access?source_region=eu-west-1", method: .get)
            OpenAPIChecker.check(noRoute, "GET", "/v1/profiles/{id}/access")
            #expect(noRoute.status == .notFound)

            let audit = try await client.execute(uri: "/v1/access/audit?geo=us", method: .get)
            OpenAPIChecker.check(audit, "GET", "/v1/access/audit")
            let incomplete = try #require(audit.json["incomplete"] as? [[String: Any]])
            #expect(incomplete.contains { ($0["profile_id"] as? String) == TestAPI.haiku && ($0["source_region"] as? String) == "us-west-2" })
        }
    }

    @Test func grantingEveryDestinationCompletesTheRoute() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            // Granting only the source region is the classic mistake: still incomplete.
            for region in ["us-west-2", "us-east-1"] {
                let put = try await client.execute(uri: "/v1/grants/\(region)/\(TestAPI.encoded(TestAPI.haikuModel))", method: .put,
                                                   headers: TestAPI.authorized(), body: TestAPI.body(#"{"status":"granted","note":"ticket 7"}"#))
                OpenAPIChecker.check(put, "PUT", "/v1/grants/{region}/{model_id}")
                #expect(put.status == .ok && put.json["origin"] as? String == "manual")
            }
            let west = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/access?source_region=us-west-2", method: .get)
            #expect(west.json["complete"] as? Bool == true)
            let east = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/access?source_region=us-east-2", method: .get)
            #expect(east.json["missing"] as? [String] == ["us-east-2"])
            let audit = try await client.execute(uri: "/v1/access/audit", method: .get)
            let incomplete = audit.json["incomplete"] as? [[String: Any]] ?? []
            #expect(!incomplete.contains { ($0["profile_id"] as? String) == TestAPI.haiku && ($0["source_region"] as? String) == "us-west-2" })

            let grants = try await client.execute(uri: "/v1/grants?model=\(TestAPI.encoded(TestAPI.haikuModel))", method: .get)
            OpenAPIChecker.check(grants, "GET", "/v1/grants")
            #expect(grants.json["count"] as? Int == 2)

            let delete = try await client.execute(uri: "/v1/grants/us-east-1/\(TestAPI.haikuModel)", method: .delete, headers: TestAPI.authorized())
            OpenAPIChecker.check(delete, "DELETE", "/v1/grants/{region}/{model_id}")
            #expect(delete.status == .noContent)
            let again = try await client.execute(uri: "/v1/grants/us-east-1/\(TestAPI.haikuModel)", method: .delete, headers: TestAPI.authorized())
            OpenAPIChecker.check(again, "DELETE", "/v1/grants/{region}/{model_id}")
            #expect(again.status == .notFound)
        }
    }

    @Test func metaEndpoints() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            OpenAPIChecker.check(health, "GET", "/healthz")
            let ready = try await client.execute(uri: "/readyz", method: .get)
            OpenAPIChecker.check(ready, "GET", "/readyz")
            #expect(ready.status == .ok && ready.json["ready"] as? Bool == true)
            #expect(ready.json["reason"] is NSNull)
            let status = try await client.execute(uri: "/v1/status", method: .get)
            OpenAPIChecker.check(status, "GET", "/v1/status")
            #expect(status.json["source"] as? String == "catalog:embedded")
            let doc = try await client.execute(uri: "/openapi.json", method: .get)
            OpenAPIChecker.check(doc, "GET", "/openapi.json")
            #expect((doc.json["openapi"] as? String)?.hasPrefix("3.1") == true)
        }
    }

    @Test func notReadyBeforeTheFirstSuccessfulRefresh() async throws {
        let api = try await TestAPI(refresh: false)
        try await api.application.test(.router) { client in
            let ready = try await client.execute(uri: "/readyz", method: .get)
            OpenAPIChecker.check(ready, "GET", "/readyz")
            #expect(ready.status == .serviceUnavailable)
            #expect((ready.json["checks"] as? [String: Bool])?["loaded"] == false)
            #expect(ready.json["reason"] as? String == "the first refresh has not started")
        }
    }

    @Test func notReadyAfterAFailedFirstRefreshSaysWhy() async throws {
        let api = try await TestAPI(source: CatalogSource(.file("/nonexistent/catalog.json")))
        try await api.application.test(.router) { client in
            let ready = try await client.execute(uri: "/readyz", method: .get)
            OpenAPIChecker.check(ready, "GET", "/readyz")
            #expect(ready.status == .serviceUnavailable)
            let reason = try #require(ready.json["reason"] as? String)
            #expect(reason.hasPrefix("no refresh has succeeded yet; the last one failed: /nonexistent/catalog.json"), "\(reason)")
        }
    }

    /// A `global.` profile: any commercial region, listed as such, judged by the source's grant.
    @Test func globalProfilesHaveCommercialScope() async throws {
        let api = try await TestAPI()
        let id = "global.anthropic.claude-haiku-4-5-20251001-v1:0", model = "anthropic.claude-haiku-4-5-20251001-v1:0"
        try await api.application.test(.router) { client in
            let profile = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(id))", method: .get)
            OpenAPIChecker.check(profile, "GET", "/v1/profiles/{id}")
            let route = try #require((profile.json["routes"] as? [[String: Any]])?.first { $0["source_region"] as? String == "eu-west-1" })
            #expect(route["destination_scope"] as? String == "commercial")
            let destinations = try #require(route["destination_regions"] as? [String])
            #expect(destinations.count == 33 && destinations.contains("us-west-2") && !destinations.contains { $0.hasPrefix("us-gov-") },
                    "every commercial region with Bedrock the catalog knows")

            _ = try await api.registry.setManualGrant(modelId: model, region: "eu-west-1", status: .granted, note: nil)
            let access = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(id))/access?source_region=eu-west-1", method: .get)
            OpenAPIChecker.check(access, "GET", "/v1/profiles/{id}/access")
            #expect(access.json["complete"] as? Bool == true, "the source region's grant decides")
            #expect((access.json["destinations"] as? [[String: Any]])?.map { $0["region"] as? String } == ["eu-west-1"])
            #expect((access.json["notes"] as? [String])?.first?.contains("unspecified") == true)

            let filtered = try await client.execute(uri: "/v1/profiles?destination_region=ap-southeast-7&geo=global", method: .get)
            #expect((filtered.json["profiles"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
        }
    }

    /// Lists page with `limit` and an opaque `after`; every page is complete, in order, once.
    @Test func listsPageWithOpaqueCursors() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let all = try await client.execute(uri: "/v1/profiles", method: .get)
            let expected = (all.json["profiles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(expected.count == 115 && all.json["next"] is NSNull && all.json["total"] as? Int == 115)
            var seen: [String] = [], cursor: String?, pages = 0
            repeat {
                let page = try await client.execute(uri: "/v1/profiles?limit=20" + (cursor.map { "&after=\($0)" } ?? ""), method: .get)
                OpenAPIChecker.check(page, "GET", "/v1/profiles")
                #expect(page.headers[.eTag] != nil && page.json["total"] as? Int == 115)
                seen += (page.json["profiles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                cursor = page.json["next"] as? String
                pages += 1
            } while cursor != nil && pages < 20
            #expect(seen == expected && pages == 6)

            let grants = try await client.execute(uri: "/v1/access/audit?limit=7&geo=eu", method: .get)
            OpenAPIChecker.check(grants, "GET", "/v1/access/audit")
            #expect((grants.json["incomplete"] as? [Any])?.count == 7 && grants.json["next"] is String)
            for bad in ["limit=0", "limit=5001", "limit=ten", "after=%21%21"] {
                let response = try await client.execute(uri: "/v1/profiles?\(bad)", method: .get)
                OpenAPIChecker.check(response, "GET", "/v1/profiles")
                #expect(response.status == .badRequest && response.errorCode == "invalid_parameter", "\(bad)")
            }
            // Any well-formed cursor is a position (the contract fuzzer sends made-up ones); empty is the first page.
            for (odd, first) in [("after=_w", false), ("after=", true)] {
                let response = try await client.execute(uri: "/v1/profiles?limit=5&\(odd)", method: .get)
                OpenAPIChecker.check(response, "GET", "/v1/profiles")
                let ids = (response.json["profiles"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(response.status == .ok && (ids == Array(expected.prefix(5))) == first, "\(odd)")
            }
        }
    }
}
