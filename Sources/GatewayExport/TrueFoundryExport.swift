import RegionRegistry

/// A TrueFoundry AI Gateway manifest: one AWS Bedrock provider account (`provider-account/aws-bedrock`)
/// whose integrations (`integration/model/bedrock`) are the exported inference profile ids, one
/// per profile, each called from one of its complete source regions. Field names as TrueFoundry's
/// API definition has them (see the README's "Use with TrueFoundry" for the sources).
public enum TrueFoundryExport {
    /// The provider account around the models.
    public struct Account: Sendable, Hashable {
        public enum Auth: Sendable, Hashable {
            /// No `auth_data`: add one in TrueFoundry.
            case none
            /// `access-key-based`, both keys as `tfy-secret://GROUP:KEY` references, never values.
            case secretGroup(String)
            /// `assumed-role-based` with this role ARN (not a secret).
            case role(String)
        }
        public var name: String
        /// The account's default region; nil = the source region most exported routes share.
        public var region: String?
        public var auth: Auth

        public init(name: String = "bedrock", region: String? = nil, auth: Auth = .none) {
            self.name = name
            self.region = region
            self.auth = auth
        }
    }

    public static let keyOrder = ["name", "type", "region", "auth_data", "integrations", "model_id"]

    public static func document(_ routes: [GatewayRoute], account: Account, withExcluded: Bool) -> JSONValue {
        let exported = routes.filter(\.isExported)
        let region = account.region ?? mostCommonSource(exported) ?? "us-east-1"
        var manifest: [String: JSONValue] = [
            "name": .string(account.name), "type": .string("provider-account/aws-bedrock"), "region": .string(region),
            "integrations": .array(chosen(exported, accountRegion: region).map(integration)),
        ]
        switch account.auth {
        case .none: break
        case .secretGroup(let group):
            manifest["auth_data"] = .object(["type": .string("access-key-based"),
                                             "access_key_id": .string("tfy-secret://\(group):AWS_ACCESS_KEY_ID"),
                                             "secret_access_key": .string("tfy-secret://\(group):AWS_SECRET_ACCESS_KEY")])
        case .role(let arn):
            manifest["auth_data"] = .object(["type": .string("assumed-role-based"), "assumed_role_arn": .string(arn)])
        }
        if withExcluded { manifest["excluded"] = .array(LiteLLMExport.excluded(routes).map(LiteLLMExport.excludedEntry)) }
        return .object(manifest)
    }

    public static func yaml(_ routes: [GatewayRoute], account: Account) -> String {
        let left = LiteLLMExport.excluded(routes)
        var comments = ["TrueFoundry AI Gateway provider account written by regiond: Bedrock inference profiles whose routes are complete.",
                        "Apply with `tfy apply -f FILE`; regiond rewrites it when routes change."]
        if account.auth == .none { comments.append("Add auth_data (access-key-based with tfy-secret:// references, or assumed-role-based).") }
        comments.append(left.isEmpty ? "No route was left out." : "Left out (\(left.count)):")
        comments += left.map { "  \($0.profileId) from \($0.sourceRegion): \($0.exclusions.joined(separator: "; "))" }
        return YAMLText.render(document(routes, account: account, withExcluded: false), comments: comments, keyOrder: keyOrder)
    }

    /// One route per profile: from the account's region when that route is exported, else the
    /// best-ordered, then first by name.
    static func chosen(_ exported: [GatewayRoute], accountRegion: String) -> [GatewayRoute] {
        Dictionary(grouping: exported, by: \.profileId).values.map { routes in
            routes.min { a, b in
                (a.sourceRegion == accountRegion ? 0 : 1, a.order, a.sourceRegion) < (b.sourceRegion == accountRegion ? 0 : 1, b.order, b.sourceRegion)
            }!
        }.sorted { $0.profileId < $1.profileId }
    }

    static func integration(_ route: GatewayRoute) -> JSONValue {
        .object([
            "type": .string("integration/model/bedrock"),
            // TrueFoundry names models in URLs (`account/name`): the id with `.` and `:` as `-`.
            "name": .string(String(route.profileId.map { $0 == "." || $0 == ":" ? "-" : $0 })),
            "model_id": .string(route.profileId), "region": .string(route.sourceRegion), "model_types": .array([.string("chat")]),
        ])
    }

    static func mostCommonSource(_ routes: [GatewayRoute]) -> String? {
        Dictionary(grouping: routes, by: \.sourceRegion).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key
    }
}
