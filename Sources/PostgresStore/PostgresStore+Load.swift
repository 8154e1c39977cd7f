import Logging
import PostgresNIO
import RegionRegistry
import StoreInterface

extension PostgresStore {
    public func loadView() async throws -> RegistryView {
        try await read { connection, logger in
            RegistryView(state: try await Self.loadState(connection, logger: logger), index: try await Self.currentIndex(connection, logger: logger))
        }
    }

    public func currentIndex() async throws -> Int64 {
        try await read { connection, logger in try await Self.currentIndex(connection, logger: logger) }
    }

    static func currentIndex(_ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await connection.rows("SELECT idx FROM change_log_head", logger: logger).first?.int("idx") ?? 1
    }

    static func loadState(_ connection: PostgresConnection, logger: Logger) async throws -> RegistryState {
        var state = RegistryState()
        for row in try await connection.rows("SELECT * FROM region", logger: logger) {
            let region = Region(code: try row.text("code"), name: try row.text("name"), geography: try row.text("geography"),
                                partition: try row.text("partition"), optIn: try row["opt_in"].decode(Bool?.self),
                                bedrockEndpoint: try row["bedrock_endpoint"].decode(Bool?.self))
            state.regions[region.code] = try tracked(region, row)
        }
        for row in try await connection.rows("SELECT * FROM foundation_model", logger: logger) {
            let model = FoundationModel(id: try row.text("id"), provider: try row.optionalText("provider"), name: try row.optionalText("name"),
                                        lifecycleStatus: try row.optionalText("lifecycle_status"),
                                        lifecycle: try JSONText.decode(ModelLifecycle.self, from: try row.optionalText("lifecycle")))
            state.models[model.id] = try tracked(model, row)
        }
        let routes = try await loadRoutes(connection, logger: logger)
        for row in try await connection.rows("SELECT * FROM inference_profile", logger: logger) {
            let id = try row.text("id")
            let profile = InferenceProfile(
                id: id, arn: try row.optionalText("arn"), name: try row.text("name"), description: try row.optionalText("description"),
                type: try row.enumValue("type", table: "inference_profile", key: id),
                geo: try row.text("geo"), modelId: try row.text("model_id"), status: try row.text("status"),
                createdAt: try row.optionalText("aws_created_at"), updatedAt: try row.optionalText("aws_updated_at"),
                routes: routes[id] ?? [], notes: try JSONText.decode([String].self, from: row.text("notes")) ?? [],
                parentProfileId: try row.optionalText("parent_profile_id"))
            state.profiles[id] = try tracked(profile, row)
        }
        for row in try await connection.rows("SELECT * FROM access_grant", logger: logger) {
            let grant = try grant(row)
            state.grants[GrantID(key: grant.key, origin: grant.origin)] = grant
        }
        return state
    }

    /// Every route in one read: destinations and evidence are space-separated in their row.
    private static func loadRoutes(_ connection: PostgresConnection, logger: Logger) async throws -> [String: [Route]] {
        var routes: [String: [Route]] = [:]
        let rows = try await connection.query("""
            SELECT profile_id, source_region, destinations, destination_scope, confidence, evidence FROM profile_route
            ORDER BY profile_id, source_region
            """, logger: logger)
        for try await (profileId, source, destinations, scopeText, confidence, evidence)
            in rows.decode((String, String, String, String, String?, String).self) {
            guard let scope = Route.DestinationScope(rawValue: scopeText) else {
                throw StoreError.unreadableRow(table: "profile_route", key: Change.routeKey(profileId: profileId, sourceRegion: source),
                                               column: "destination_scope", value: scopeText)
            }
            routes[profileId, default: []].append(Route(sourceRegion: source, destinationRegions: words(destinations), scope: scope,
                                                        confidence: confidence, evidence: words(evidence)))
        }
        return routes
    }

    private static func words(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
    }

    static func grant(_ row: PostgresRandomAccessRow) throws -> AccessGrant {
        let key = "\(try row.text("region"))/\(try row.text("model_id"))"
        return AccessGrant(
            modelId: try row.text("model_id"), region: try row.text("region"),
            origin: try row.enumValue("origin", table: "access_grant", key: key),
            status: try row.enumValue("status", table: "access_grant", key: key),
            state: try row.enumValue("state", table: "access_grant", key: key),
            authorizationStatus: try row.optionalText("authorization_status"),
            entitlementAvailability: try row.optionalText("entitlement_availability"),
            regionAvailability: try row.optionalText("region_availability"), agreementStatus: try row.optionalText("agreement_status"),
            note: try row.optionalText("note"), checkedAt: try row.text("checked_at"))
    }

    private static func tracked<Value>(_ value: Value, _ row: PostgresRandomAccessRow) throws -> Tracked<Value> {
        Tracked(value: value, firstSeen: try row.text("first_seen"), lastSeen: try row.text("last_seen"),
                removedAt: try row.optionalText("removed_at"))
    }
}
