import Foundation
import Hummingbird
import RegionRegistry

/// Manual access grants: for accounts whose model access cannot be read from AWS.
struct GrantsController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("grants") { request, _ in
            let query = QueryParameters(request: request)
            let region = query.string("region"), model = query.string("model")
            let origin = try query.oneOf("origin", AccessGrant.Origin.self)
            let pagination = try Pagination(query)
            return try api.cachedGET(request) { view in
                let grants = view.grants.filter {
                    (region == nil || $0.region == region) && (model == nil || $0.modelId == model) && (origin == nil || $0.origin == origin)
                }
                // Sorted by (region, model, origin): keys joined with a character none of them holds.
                let (page, fields) = pagination.page(grants) { "\($0.region)\u{1}\($0.modelId)\u{1}\($0.origin.rawValue)" }
                return .object(fields.merging(["grants": .array(page.map(Representation.grant))]) { a, _ in a })
            }
        }
        group.put("grants/{region}/{model_id}") { request, context in
            try api.authorizer.authorize(request)
            let region = try context.pathParameter("region"), model = try context.pathParameter("model_id")
            let body = try await GrantBody.decode(from: request, limit: api.settings.bodyLimit)
            let grant = try await api.registry.setManualGrant(modelId: model, region: region, status: body.status, note: body.note)
            return JSONBody.response(Representation.grant(grant))
        }
        group.delete("grants/{region}/{model_id}") { request, context in
            try api.authorizer.authorize(request)
            let region = try context.pathParameter("region"), model = try context.pathParameter("model_id")
            try await api.registry.removeManualGrant(modelId: model, region: region)
            return Response(status: .noContent)
        }
    }
}

/// `{"status": "granted"|"denied", "note": "..."}`.
struct GrantBody {
    static let noteLimit = 1000

    var status: AccessGrant.Status
    var note: String?

    static func decode(from request: Request, limit: Int) async throws -> GrantBody {
        let buffer = try await request.collectBody(upTo: limit)
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer), options: [.fragmentsAllowed]) else {
            throw APIError.badRequest("the request body is not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw APIError.unprocessable("the request body must be a JSON object {\"status\": \"granted\"|\"denied\", \"note\": \"...\"}")
        }
        if let unknown = fields.keys.sorted().first(where: { $0 != "status" && $0 != "note" }) {
            throw APIError.unprocessable("$.\(unknown): unknown field (a grant has status and note)")
        }
        guard let statusValue = fields["status"] else { throw APIError.unprocessable("$.status: required") }
        guard let statusText = statusValue as? String,
              let status = AccessGrant.Status(rawValue: statusText), status != .unknown
        else { throw APIError.unprocessable("$.status: expected \"granted\" or \"denied\"") }
        var note: String?
        switch fields["note"] {
        case nil, is NSNull: note = nil
        case let text as String:
            guard text.count <= noteLimit else { throw APIError.unprocessable("$.note: at most \(noteLimit) characters") }
            note = text
        default: throw APIError.unprocessable("$.note: expected a string")
        }
        return GrantBody(status: status, note: note)
    }
}
