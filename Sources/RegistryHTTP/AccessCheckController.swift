import AccessPolicy
import Foundation
import Hummingbird
import RegionRegistry

/// `POST /v1/access/check`: the given identity policies and SCPs evaluated offline against every
/// request the routes make (profile ARN in the source, model ARN in each destination). Writes
/// nothing, so it needs no token.
struct AccessCheckController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("access/check") { request, _ in
            let buffer = try await request.collectBody(upTo: api.settings.bodyLimit)
            guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: buffer)) else {
                throw APIError.badRequest("the request body is not valid JSON")
            }
            let body: AccessCheckRequest
            do { body = try AccessCheckRequest(json) } catch let error as PolicyParseError { throw APIError.badRequest(error.description) }
            let view = api.registry.view
            let (account, results): (String, [AccessCheck.Result])
            do { (account, results) = try view.check(body) } catch let error as PolicyRequestError { throw APIError(error) }
            return JSONBody.response(.object([
                "index": .int(view.index), "account": .string(account), "actions": JSONValue(body.actions),
                "results": .array(results.map(Representation.accessCheck)),
            ]))
        }
    }
}

extension Representation {
    public static func accessCheck(_ result: AccessCheck.Result) -> JSONValue {
        .object([
            "profile_id": .string(result.profileId), "source_region": .string(result.sourceRegion), "allowed": .bool(result.allowed),
            "destinations": .array(result.destinations.map { destination in
                let verdict = destination.verdict
                return .object([
                    "region": .string(destination.region), "resource": .string(destination.resource),
                    "decision": .string(verdict.decision.rawValue), "gate": JSONValue(verdict.gate?.rawValue),
                    "reason": .string(verdict.reason),
                    "statement": verdict.statement.map { ref in
                        .object(["level": JSONValue(ref.level.map(Int64.init)), "document": .int(Int64(ref.document)),
                                 "sid": JSONValue(ref.sid), "index": .int(Int64(ref.index))])
                    } ?? .null,
                ])
            }),
        ])
    }
}
