import GRDB
import RegionRegistry
import StoreInterface

extension SQLiteStore {
    /// The read model: everything stored about the registry, and the index it reflects, read in
    /// one transaction so the two agree.
    public func loadView() async throws -> RegistryView {
        try await pool.read { db in
            RegistryView(state: try Self.loadState(db), index: try Self.currentIndex(db))
        }
    }

    /// The newest change-log index (1 for an empty log: the sequence starts there).
    public func currentIndex() async throws -> Int64 {
        try await pool.read { db in try Self.currentIndex(db) }
    }

    static func currentIndex(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'change_log'") ?? 1
    }

    static func loadState(_ db: Database) throws -> RegistryState {
        var state = RegistryState()
        for row in try Row.fetchAll(db, sql: "SELECT * FROM region") {
            let region = Region(
                code: row["code"], name: row["name"], geography: row["geography"], partition: row["partition"],
                optIn: row["opt_in"], bedrockEndpoint: row["bedrock_endpoint"])
            state.regions[region.code] = tracked(region, row)
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM foundation_model") {
            let model = FoundationModel(id: row["id"], provider: row["provider"], name: row["name"], lifecycleStatus: row["lifecycle_status"],
                                        lifecycle: try JSONText.decode(ModelLifecycle.self, from: row["lifecycle"]))
            state.models[model.id] = tracked(model, row)
        }
        let routes = try loadRoutes(db)
        for row in try Row.fetchAll(db, sql: "SELECT * FROM inference_profile") {
            let id: String = row["id"]
            let profile = InferenceProfile(
                id: id, arn: row["arn"], name: row["name"], description: row["description"],
                type: try row.enumValue("type", table: "inference_profile", key: id),
                geo: row["geo"], modelId: row["model_id"], status: row["status"],
                createdAt: row["aws_created_at"], updatedAt: row["aws_updated_at"],
                routes: routes[id] ?? [], notes: try JSONText.decode([String].self, from: row["notes"]) ?? [],
                parentProfileId: row["parent_profile_id"])
            state.profiles[id] = tracked(profile, row)
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM access_grant") {
            let grant = try grant(row)
            state.grants[GrantID(key: grant.key, origin: grant.origin)] = grant
        }
        return state
    }

    /// Every route in one read: destinations and evidence are space-separated in their row.
    private static func loadRoutes(_ db: Database) throws -> [String: [Route]] {
        var routes: [String: [Route]] = [:]
        var evidence = SharedWords()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT profile_id, source_region, destinations, destination_scope, confidence, evidence FROM profile_route
            ORDER BY profile_id, source_region
            """)
        while let row = try rows.next() {
            let profileId: String = row[0], source: String = row[1], scope: String = row[3]
            guard let scope = Route.DestinationScope(rawValue: scope) else {
                throw StoreError.unreadableRow(table: "profile_route", key: Change.routeKey(profileId: profileId, sourceRegion: source),
                                               column: "destination_scope", value: scope)
            }
            routes[profileId, default: []].append(Route(
                sourceRegion: source, destinationRegions: words(row[2]), scope: scope, confidence: row[4], evidence: evidence.words(row[5])))
        }
        return routes
    }

    /// Most routes cite the same few evidence keys: one array per distinct text, not per route.
    private struct SharedWords {
        var seen: [String: [String]] = [:]

        mutating func words(_ text: String) -> [String] {
            if let known = seen[text] { return known }
            let split = SQLiteStore.words(text)
            seen[text] = split
            return split
        }
    }

    /// Split on UTF-8 bytes: `String.split` walks grapheme clusters, which was most of a large
    /// registry's load time.
    fileprivate static func words(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
    }

    static func grant(_ row: Row) throws -> AccessGrant {
        let key = "\(row["region"] as String)/\(row["model_id"] as String)"
        return AccessGrant(
            modelId: row["model_id"], region: row["region"],
            origin: try row.enumValue("origin", table: "access_grant", key: key),
            status: try row.enumValue("status", table: "access_grant", key: key),
            state: try row.enumValue("state", table: "access_grant", key: key),
            authorizationStatus: row["authorization_status"], entitlementAvailability: row["entitlement_availability"],
            regionAvailability: row["region_availability"], agreementStatus: row["agreement_status"],
            note: row["note"], checkedAt: row["checked_at"])
    }

    static func grant(_ id: GrantID, _ db: Database) throws -> AccessGrant? {
        try Row.fetchOne(db, sql: "SELECT * FROM access_grant WHERE model_id = ? AND region = ? AND origin = ?",
                         arguments: [id.key.modelId, id.key.region, id.origin.rawValue]).map { try grant($0) }
    }

    private static func tracked<Value>(_ value: Value, _ row: Row) -> Tracked<Value> {
        Tracked(value: value, firstSeen: row["first_seen"], lastSeen: row["last_seen"], removedAt: row["removed_at"])
    }
}
