import AccessPolicy
import Hummingbird
import RegionRegistry

/// IAM and SCP beside model access: the least-privilege identity policy for a profile's routes,
/// and what a region-restricting SCP must allow. Computed from the read model, offline.
struct PolicyController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("profiles/{id}/iam-policy") { request, context in
            try api.cachedGET(request) { view in
                let query = QueryParameters(request: request)
                let sources = try query.list("source_region")
                let actions = try query.list("actions").map { name in
                    guard let action = PolicyAction(rawValue: name) else {
                        throw APIError.invalidParameter("actions", "expected a list of invoke, stream; got \"\(name)\"")
                    }
                    return action
                }
                do {
                    let routes = try view.policyRoutes(profileIds: [try context.pathParameter("id")], sources: sources)
                    // Present but empty is a malformed account, not "unknown".
                    let account = try view.policyAccount(request.uri.queryParameters.get("account"))
                    return Representation.policy(IdentityPolicy(routes: routes, account: account, actions: actions), routes: routes, account: account)
                } catch let error as PolicyRequestError {
                    throw APIError(error)
                }
            }
        }
        group.get("scp-hint") { request, _ in
            try api.cachedGET(request) { view in
                let query = QueryParameters(request: request)
                guard let source = query.string("source_region") else {
                    throw APIError.invalidParameter("source_region", "required: the source region requests are made in")
                }
                let profiles = try query.list("profile")
                do {
                    let routes = profiles.isEmpty
                        ? try view.policyRoutes(from: source) : try view.policyRoutes(profileIds: profiles, sources: [source])
                    return Representation.scpHint(SCPHint(sourceRegion: source, routes: routes))
                } catch let error as PolicyRequestError {
                    throw APIError(error)
                }
            }
        }
    }
}

extension APIError {
    init(_ error: PolicyRequestError) {
        switch error {
        case .badAccount: self = .invalidParameter("account", error.description)
        case .noAccount: self = .badRequest("$.\(error.description)")
        default: self = .notFound(error.description)
        }
    }
}

extension QueryParameters {
    /// A list given comma-separated, repeated, or both (`a,b` = `x=a&x=b`); empty when absent.
    /// Present but empty (`actions=`) is a mistake worth a 400, like any typed parameter.
    func list(_ name: String) throws -> [String] {
        let given = request.uri.queryParameters.getAll(name)
        let values = given.flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
        if !given.isEmpty, values.isEmpty { throw APIError.invalidParameter(name, "expected a comma-separated list, got nothing") }
        return values
    }
}

extension Representation {
    public static func policy(_ policy: IdentityPolicy, routes: [PolicyRoute], account: String?) -> JSONValue {
        .object([
            "policy": policy.document.json, "account": JSONValue(account), "notes": JSONValue(policy.notes),
            "routes": .array(routes.map { route in
                .object(["profile_id": .string(route.profileId), "source_region": .string(route.sourceRegion),
                         "model_regions": JSONValue(route.modelRegions), "global": .bool(route.global)])
            }),
        ])
    }

    public static func scpHint(_ hint: SCPHint) -> JSONValue {
        .object([
            "source_region": .string(hint.sourceRegion), "profiles": JSONValue(hint.profileIds),
            "requested_regions": JSONValue(hint.requestedRegions),
            "condition": .object(hint.denyCondition.mapValues { keys in .object(keys.mapValues(JSONValue.init)) }),
        ])
    }
}
