import Foundation
import OpenAPIChecking
import Testing

// Realistic response bodies, valid and not, checked against the project's real document.

extension OpenAPIDocumentTests {
    @Test func acceptsRealisticBodies() throws {
        let document = try realDocument()
        let residency = #""residency": {"resident": false, "outside": ["us-west-2"]}"#
        let lifecycle = #"{"status": "LEGACY", "legacy_at": "2026-10-08", "public_extended_access_at": null, "end_of_life_at": "2027-04-08", "recommended_replacement": null, "regions": ["us-east-1"], "evidence": ["L1"], "days_to_end_of_life": 127}"#
        let route = #"{"source_region": "us-east-2", "destination_regions": ["us-east-1", "us-east-2", "us-west-2"], "destination_scope": "regions", "confidence": "high", "evidence": ["E4"], \#(residency)}"#
        let profile = #"""
            {"id": "us.anthropic.claude-3-haiku-20240307-v1:0", "name": "US Anthropic Claude 3 Haiku", "type": "SYSTEM_DEFINED",
             "geo": "us", "model_id": "anthropic.claude-3-haiku-20240307-v1:0", "status": "ACTIVE",
             "first_seen": "2026-11-24T00:00:00Z", "last_seen": "2026-11-24T00:00:00Z",
             "arn": null, "description": null, "created_at": null, "updated_at": null, "removed_at": null,
             "routes": [\#(route)], "notes": [], "parent_profile_id": null, "lifecycle": \#(lifecycle)}
            """#
        let gates = #"{"availability": {"state": "pass", "reason": "granted"}, "identity": {"state": "unknown", "reason": "not checked"}, "scp": {"state": "fail", "reason": "denied by SCP level 0"}}"#
        let destination = #"{"region": "us-east-1", "status": "granted", "state": "manual", "reason": "set by an operator", "origin": "manual", "authorization_status": null, "entitlement_availability": null, "region_availability": null, "agreement_status": null, "note": "ok", "checked_at": "2026-11-24T00:00:00Z", "gates": \#(gates)}"#
        let unknown = #"{"region": "us-west-2", "status": "unknown", "state": null, "reason": "no grant is known", "origin": null, "authorization_status": null, "entitlement_availability": null, "region_availability": null, "agreement_status": null, "note": null, "checked_at": null, "gates": \#(gates)}"#
        let routeAccess = #"{"profile_id": "us.x", "model_id": "x", "source_region": "us-east-2", "destination_scope": "regions", "notes": [], "complete": false, "allowed": false, "destinations": [\#(destination), \#(unknown)], "missing": ["us-west-2"], \#(residency), "lifecycle": null}"#
        let run = #"{"id": 1, "source": "aws-published", "trigger": "startup", "started_at": "2026-11-24T00:00:00Z", "finished_at": "2026-11-24T00:00:01Z", "outcome": "partial", "error": "1 region part(s) failed", "added": 3, "changed": 0, "removed": 0, "index": 3, "regions": [{"region": "us-east-1", "part": "routes", "outcome": "failed", "error": "ListInferenceProfiles us-east-1: ThrottlingException (HTTP 429)", "skipped": [], "requests": 3, "retries": 2, "throttled": 3, "duration_ms": 120}]}"#
        let cases: [(String, String, Int, String)] = [
            ("GET", "/healthz", 200, #"{"status": "ok"}"#),
            ("GET", "/readyz", 503, #"{"ready": false, "reason": "the first refresh is still running", "checks": {"store": true, "migrations": true, "loaded": false}}"#),
            ("GET", "/openapi.json", 200, #"{"openapi": "3.1.0"}"#),
            ("GET", "/v1/regions/{code}", 200, #"{"code": "us-east-1", "name": "US East (N. Virginia)", "geography": "United States", "partition": "aws", "opt_in": false, "bedrock_endpoint": null, "first_seen": "2026-11-24T00:00:00Z", "last_seen": "2026-11-24T00:00:00Z", "removed_at": null}"#),
            ("GET", "/v1/regions/{code}", 404, #"{"error": {"code": "not_found", "message": "no region"}}"#),
            ("GET", "/v1/profiles", 200, #"{"profiles": [\#(profile)], "count": 1, "total": 1, "next": null}"#),
            ("GET", "/v1/profiles/{id}/access", 200, routeAccess),
            ("GET", "/v1/profiles/{id}/access", 200, #"{"profile_id": "us.x", "complete": false, "routes": [\#(routeAccess)]}"#),
            ("GET", "/v1/access/audit", 200, #"{"index": 4, "generated_at": "2026-11-24T00:00:00Z", "count": 1, "total": 3, "next": "dXMueA", "incomplete": [\#(routeAccess)]}"#),
            ("PUT", "/v1/grants/{region}/{model_id}", 200, #"{"model_id": "x", "region": "us-east-1", "origin": "manual", "status": "denied", "state": "manual", "reason": "set by an operator", "authorization_status": null, "entitlement_availability": null, "region_availability": null, "agreement_status": null, "note": null, "checked_at": "2026-11-24T00:00:00Z"}"#),
            ("PUT", "/v1/grants/{region}/{model_id}", 422, #"{"error": {"code": "unprocessable", "message": "bad status"}}"#),
            ("GET", "/v1/changes", 200, #"{"index": 5, "changes": [{"index": 5, "at": "2026-11-24T00:00:00Z", "kind": "grant", "key": "us-east-1|x", "action": "changed", "before": {"status": "unknown"}, "after": {"status": "granted"}}], "more": false}"#),
            ("GET", "/v1/refresh", 200, #"{"runs": [\#(run)], "last_success_at": null, "stale": true, "stale_after_seconds": 86400, "interval_seconds": 3600, "source": "aws-published", "running": false, "regions": [{"region": "us-east-1", "part": "routes", "last_attempt_at": "2026-11-24T00:00:01Z", "last_success_at": null, "last_error": "x", "consecutive_failures": 1, "stale": true}], "stale_regions": ["us-east-1"]}"#),
            ("POST", "/v1/refresh", 200, run),
            ("GET", "/v1/status", 200, #"{"version": "0.1.0", "index": 5, "profiles": 1, "regions": 1, "grants": 0, "source": "aws-published", "last_refresh": null, "started_at": "2026-11-24T00:00:00Z", "watchers": 0, "fleet": {"engine": "sqlite", "leader": true, "replica": "host:1", "leader_since": "2026-11-24T00:00:00Z", "lost_since": null, "stale": false}, "policy_simulator": null}"#),
            ("GET", "/v1/status", 200, #"{"version": "0.1.0", "index": 5, "profiles": 1, "regions": 1, "grants": 0, "source": "aws-published", "last_refresh": \#(run), "started_at": "2026-11-24T00:00:00Z", "watchers": 0, "fleet": {"engine": "sqlite", "leader": true, "replica": "host:1", "leader_since": "2026-11-24T00:00:00Z", "lost_since": null, "stale": false}, "policy_simulator": {"principal": "arn:aws:iam::111122223333:role/gateway", "checked_at": "2026-11-24T00:00:00Z", "routes": 34}}"#),
        ]
        for (method, path, status, body) in cases {
            #expect(throws: Never.self, "\(method) \(path) \(status)") {
                try document.validate(responseBody: Data(body.utf8), path: path, method: method, status: status)
            }
        }
        try document.validate(responseBody: Data(), path: "/v1/grants/{region}/{model_id}", method: "DELETE", status: 204)
        try document.validate(responseBody: Data(), path: "/v1/profiles/{id}", method: "GET", status: 304)
    }

    @Test func rejectsUndocumentedFieldsAndBadValues() throws {
        let document = try realDocument()
        let route = #"{"source_region": "us-east-1", "destination_regions": [], "destination_scope": "commercial", "confidence": null, "evidence": [], "residency": {"resident": true, "outside": []}}"#
        func profile(_ route: String) -> String {
            #"{"id": "p", "name": "n", "type": "APPLICATION", "geo": "us", "model_id": "m", "status": "ACTIVE", "first_seen": "t", "last_seen": "t", "arn": null, "description": null, "created_at": null, "updated_at": null, "removed_at": null, "routes": [\#(route)], "notes": [], "parent_profile_id": null, "lifecycle": null}"#
        }
        let nullSource = route.replacingOccurrences(of: #""us-east-1""#, with: "null")
        let extraField = route.replacingOccurrences(of: "{", with: #"{"weight": 1, "#)
        let cases: [(String, String, Int, String, String)] = [
            ("GET", "/v1/profiles", 200, #"{"profiles": [\#(profile(route)), \#(profile(route)), \#(profile(route)), \#(profile(nullSource))], "count": 4}"#,
             "$.profiles[3].routes[0].source_region: expected string, got null"),
            ("GET", "/v1/profiles/{id}", 200, profile(extraField), "$.routes[0].weight: property is not allowed"),
            ("GET", "/v1/profiles/{id}", 200, profile(route).replacingOccurrences(of: "APPLICATION", with: "application"), #"$.type: "application" is not one of"#),
            ("GET", "/healthz", 200, #"{"status": "ok", "uptime": 1}"#, "$.uptime: property is not allowed"),
            ("GET", "/v1/status", 200, #"{"version": "0.1.0", "index": 0, "profiles": 1, "regions": 1, "grants": 0, "source": "s", "last_refresh": null, "started_at": "t", "watchers": 0}"#, "$.index: 0 is less than the minimum 1"),
            ("GET", "/v1/profiles/{id}/access", 200, #"{"profile_id": "us.x", "complete": 1, "routes": []}"#, "$.complete: expected boolean, got integer"),
            ("GET", "/v1/grants", 200, #"{"grants": [], "count": 0, "total": 0, "next": null, "cursor": 1}"#, "$.cursor: property is not allowed"),
            ("GET", "/v1/profiles", 400, #"{"error": {"code": "oops", "message": "m"}}"#, #"$.error.code: "oops" is not one of"#),
        ]
        for (method, path, status, body, expected) in cases {
            let error = try #require(throws: OpenAPIValidationError.self, "\(method) \(path) \(status)") {
                try document.validate(responseBody: Data(body.utf8), path: path, method: method, status: status)
            }
            #expect(error.description.contains(expected), "\(error)")
        }
    }
}
