import RegionRegistry

/// A LiteLLM proxy configuration fragment (`model_list` and `router_settings`) for the routes a
/// gateway may use: one model group per foundation model for its geography profiles (`us.`,
/// `eu.`, `apac.`, …) and one, named `<name>-global`, for its `global.` profile, with a fallback
/// from the first to the second; one deployment per (source region, profile).
public enum LiteLLMExport {
    /// How deployments name AWS credentials: never by value.
    public enum Credentials: String, Sendable, CaseIterable {
        /// No credential fields: LiteLLM (boto3) uses its default chain (an instance or pod role).
        case chain
        /// `os.environ/AWS_ACCESS_KEY_ID` and `os.environ/AWS_SECRET_ACCESS_KEY` references.
        case env
    }

    /// Orders fields the way LiteLLM's documentation writes them.
    public static let keyOrder = ["model_list", "router_settings", "model_name", "litellm_params", "model_info", "model", "id"]

    /// `names`: model id → the name its group has (`ModelNames.names(for:)` over every model the
    /// registry knows, so a model's name does not change when another model comes or goes).
    /// The configuration; with `excluded`, the routes left out and why (the JSON form's field).
    public static func document(_ routes: [GatewayRoute], names: [String: String], credentials: Credentials = .chain,
                                withExcluded: Bool) -> JSONValue {
        let exported = routes.filter(\.isExported).sorted(by: GatewayRoute.byKey)
        let groupName = { (route: GatewayRoute) in ModelNames.name(of: route.modelId, in: names) + (route.isGlobal ? "-global" : "") }
        let deployments = exported
            .map { (group: groupName($0), route: $0) }
            .sorted { ($0.group, $0.route.order, $0.route.sourceRegion, $0.route.profileId) < ($1.group, $1.route.order, $1.route.sourceRegion, $1.route.profileId) }
            .map { deployment($0.route, group: $0.group, credentials: credentials) }
        var document: [String: JSONValue] = [
            "model_list": .array(deployments),
            "router_settings": .object(["fallbacks": .array(fallbacks(exported, groupName: groupName))]),
        ]
        if withExcluded { document["excluded"] = .array(excluded(routes).map(excludedEntry)) }
        return .object(document)
    }

    /// The YAML form: the configuration, after a comment block listing what was left out and why.
    public static func yaml(_ routes: [GatewayRoute], names: [String: String], credentials: Credentials = .chain) -> String {
        let left = excluded(routes)
        var comments = ["LiteLLM proxy configuration written by regiond: the complete routes of Bedrock cross-region inference profiles.",
                        "Merge model_list and router_settings into the proxy's config.yaml; regiond rewrites it when routes change."]
        comments.append(left.isEmpty ? "No route was left out." : "Left out (\(left.count)):")
        comments += left.map { "  \($0.profileId) from \($0.sourceRegion): \($0.exclusions.joined(separator: "; "))" }
        return YAMLText.render(document(routes, names: names, credentials: credentials, withExcluded: false), comments: comments,
                               keyOrder: keyOrder)
    }

    static func deployment(_ route: GatewayRoute, group: String, credentials: Credentials) -> JSONValue {
        var params: [String: JSONValue] = [
            // converse/ because LiteLLM sends an unknown geography prefix to the invoke path.
            "model": .string("bedrock/converse/\(route.profileId)"),
            "aws_region_name": .string(route.sourceRegion),
            "order": .int(Int64(route.order)),
        ]
        if credentials == .env {
            params["aws_access_key_id"] = .string("os.environ/AWS_ACCESS_KEY_ID")
            params["aws_secret_access_key"] = .string("os.environ/AWS_SECRET_ACCESS_KEY")
        }
        var info: [String: JSONValue] = [
            "id": .string(route.deploymentId),
            // Priced by the model, since LiteLLM prices an unknown geography prefix at $0.
            "base_model": .string("bedrock/\(route.modelId)"),
            "regiond_profile_id": .string(route.profileId),
            "regiond_source_region": .string(route.sourceRegion),
            "regiond_model_id": .string(route.modelId),
        ]
        if route.incomplete { info["regiond_incomplete"] = .bool(true) }
        return .object(["model_name": .string(group), "litellm_params": .object(params), "model_info": .object(info)])
    }

    /// From each model's geography group to its global group, when both have deployments.
    static func fallbacks(_ exported: [GatewayRoute], groupName: (GatewayRoute) -> String) -> [JSONValue] {
        let groups = Set(exported.map(groupName))
        let pairs = Set(exported.filter(\.isGlobal).map(groupName).compactMap { global -> String? in
            let geo = String(global.dropLast("-global".count))
            return groups.contains(geo) ? geo : nil
        })
        return pairs.sorted().map { .object([$0: .array([.string($0 + "-global")])]) }
    }

    static func excluded(_ routes: [GatewayRoute]) -> [GatewayRoute] {
        routes.filter { !$0.isExported }.sorted(by: GatewayRoute.byKey)
    }

    static func excludedEntry(_ route: GatewayRoute) -> JSONValue {
        .object(["profile_id": .string(route.profileId), "source_region": .string(route.sourceRegion),
                 "model_id": .string(route.modelId), "reasons": JSONValue(route.exclusions)])
    }
}
