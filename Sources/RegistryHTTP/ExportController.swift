import GatewayExport
import Hummingbird
import RegionRegistry
import RegistryService

/// Gateway configuration kept true by regiond: `/v1/export/litellm` and `/v1/export/truefoundry`,
/// YAML unless the client accepts JSON. The ETag is the content's hash, so it changes exactly when
/// a gateway would see a different file (not when unrelated data moves the change index).
struct ExportController {
    let api: API

    enum Format: String { case yaml, json }

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("export/litellm") { request, _ in
            try answer(request) { routes, names, format, query in
                let credentials = try query.oneOf("credentials", LiteLLMExport.Credentials.self) ?? .chain
                return switch format {
                case .json: EncodedBody(LiteLLMExport.document(routes, names: names, credentials: credentials, withExcluded: true))
                case .yaml: Self.yaml(LiteLLMExport.yaml(routes, names: names, credentials: credentials))
                }
            }
        }
        group.get("export/truefoundry") { request, _ in
            try answer(request) { routes, _, format, query in
                let account = try Self.account(query)
                return switch format {
                case .json: EncodedBody(TrueFoundryExport.document(routes, account: account, withExcluded: true))
                case .yaml: Self.yaml(TrueFoundryExport.yaml(routes, account: account))
                }
            }
        }
    }

    /// `account_name`, `region`, and at most one of `secret_group` (`tenant:group` of TrueFoundry
    /// secrets holding the keys) and `role_arn` (a role TrueFoundry assumes).
    static func account(_ query: QueryParameters) throws -> TrueFoundryExport.Account {
        let (group, role) = (query.string("secret_group"), query.string("role_arn"))
        if group != nil, role != nil { throw APIError.invalidParameter("role_arn", "give secret_group or role_arn, not both") }
        if let group, group.wholeMatch(of: /[A-Za-z0-9_-]+:[A-Za-z0-9_-]+/) == nil {
            throw APIError.invalidParameter("secret_group", "expected TENANT:GROUP of TrueFoundry secrets, got \"\(group)\"")
        }
        if let role, role.wholeMatch(of: /arn:aws[a-z-]*:iam::[0-9]{12}:role\/.+/) == nil {
            throw APIError.invalidParameter("role_arn", "expected an IAM role ARN such as arn:aws:iam::123456789012:role/NAME")
        }
        let auth: TrueFoundryExport.Account.Auth = group.map { .secretGroup($0) } ?? role.map { .role($0) } ?? .none
        return .init(name: query.string("account_name") ?? "bedrock", region: query.string("region"), auth: auth)
    }

    static func yaml(_ text: String) -> EncodedBody {
        EncodedBody(bytes: Array(text.utf8), contentType: "application/yaml; charset=utf-8")
    }

    /// JSON when the client asks for it (`Accept: application/json`), YAML otherwise.
    static func format(of request: Request) -> Format {
        let accept = request.headers[.accept]?.lowercased() ?? ""
        return accept.contains("application/json") && !accept.contains("yaml") ? .json : .yaml
    }

    /// Judges the routes under one read model, one health view and the current guards, and
    /// reuses the encoded body while all stay current.
    private func answer(_ request: Request,
                        build: ([GatewayRoute], [String: String], Format, QueryParameters) throws -> EncodedBody) throws -> Response {
        let view = api.registry.view, health = api.health.currentView(), format = Self.format(of: request)
        let version = AnswerVersion(index: view.index, policies: api.accessPolicies.generation, guards: api.guards.generation,
                                    health: health.generation)
        let body = try api.healthCache.body(for: request, variant: format.rawValue, index: version) {
            let query = QueryParameters(request: request)
            // Over the models profiles serve: AWS also lists context-length variants (`…-v1:0:300k`)
            // whose alias would collide with their base model's and cost both the readable name.
            let names = api.guards.exportNames.names(for: Set(view.profiles.map(\.value.modelId)))
            let filters = try ExportFilters(query, in: view, names: names)
            let routes = api.gatewayRoutes(view, health, filters, residency: try api.guards.guardFor(query, in: view))
            return try build(routes, names, format, query)
        }
        var response = JSONBody.conditional(body, request: request)
        response.headers[.vary] = "Accept"
        return response
    }
}
