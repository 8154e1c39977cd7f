import AWSCore
import Foundation
import HTTPTypes
import Hummingbird

extension BedrockStandIn {
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("inference-profiles") { request, _ in
            try await self.answer(request, operation: "ListInferenceProfiles", modelId: nil) { region in
                try self.listProfiles(region: region, request: request)
            }
        }
        router.get("foundation-models") { request, _ in
            try await self.answer(request, operation: "ListFoundationModels", modelId: nil) { region in
                let models = self.world.models[region] ?? []
                return (200, ["modelSummaries": models.map { model in [
                    "modelArn": "arn:aws:bedrock:\(region)::foundation-model/\(model.id)", "modelId": model.id,
                    "modelName": model.name, "providerName": model.provider, "inputModalities": ["TEXT"],
                    "outputModalities": ["TEXT"], "inferenceTypesSupported": ["ON_DEMAND", "INFERENCE_PROFILE"],
                    "modelLifecycle": ["status": model.lifecycle], "someFieldAddedLater": true,
                ] }])
            }
        }
        router.get("foundation-model-availability/:modelId") { request, context in
            // Hummingbird hands path parameters over as sent: `%3A` stays encoded.
            let raw = context.parameters.get("modelId") ?? ""
            let modelId = raw.removingPercentEncoding ?? raw
            return try await self.answer(request, operation: "GetFoundationModelAvailability", modelId: modelId) { region in
                guard let availability = self.world.availability[region]?[modelId] else {
                    return (404, ["message": "Could not find model \(modelId) in \(region)", "__type": "ResourceNotFoundException"])
                }
                return (200, [
                    "modelId": modelId, "authorizationStatus": availability.authorization,
                    "entitlementAvailability": availability.entitlement, "regionAvailability": availability.region,
                    "agreementAvailability": ["status": availability.agreement],
                ])
            }
        }
        return router
    }

    /// Verifies the signature, applies a matching fault, else serves `body(region)`.
    private func answer(_ request: Request, operation: String, modelId: String?,
                        _ body: (String) throws -> (Int, [String: Any])) async throws -> Response {
        let path = request.uri.path
        let query = request.uri.query ?? ""
        // HTTPTypes moves `Host` into the `:authority` pseudo-header; AWS signs it as `host`.
        let headers = request.headers.map { ($0.name.rawName, $0.value) } + (request.head.authority.map { [("host", $0)] } ?? [])
        let verdict = verify(method: "GET", path: path, query: query, headers: headers)
        var record = StandInRequest(operation: operation, region: verdict.region, path: path, query: query,
                                    signatureError: verdict.error, status: 200,
                                    hadSessionToken: request.headers[HTTPField.Name("X-Amz-Security-Token")!] != nil)
        defer { state.withLock { $0.requests.append(record) } }
        if let error = verdict.error {
            record.status = 403
            return Self.error(403, type: verdict.unknownKey ? "UnrecognizedClientException" : "InvalidSignatureException", message: error)
        }
        let region = verdict.region ?? ""
        if world.disabledRegions.contains(region) {
            // What an opt-in region the account has not enabled answers, whatever the credentials.
            record.status = 403
            return Self.error(403, type: "UnrecognizedClientException", message: "The security token included in the request is invalid.")
        }
        if let fault = takeFault(region: region, operation: operation, modelId: modelId) {
            faultContinuation.yield(operation)
            switch fault {
            case .throttle:
                record.status = 429
                return Self.error(429, type: "ThrottlingException", message: "Too many requests, please wait before trying again.")
            case .serverError:
                record.status = 500
                return Self.error(500, type: "InternalServerException", message: "Internal server error")
            case .accessDenied:
                record.status = 403
                return Self.error(403, type: "AccessDeniedException",
                                  message: "User: arn:aws:iam::\(Self.accountId):user/regiond is not authorized to perform: bedrock:\(operation)")
            case .expiredToken:
                record.status = 403
                return Self.error(403, type: "ExpiredTokenException", message: "The security token included in the request is expired")
            case .malformed:
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: "{\"inferenceProfileSummaries\": [{\"truncated")))
            case .slow(let delay):
                try await Task.sleep(for: delay)
            }
        }
        let (status, object) = try body(region)
        record.status = status
        if status >= 400 {
            return Self.error(status, type: object["__type"] as? String ?? "Error", message: object["message"] as? String ?? "")
        }
        return Self.json(status, object)
    }

    private func takeFault(region: String, operation: String, modelId: String?) -> StandInFault.Kind? {
        state.withLock { state in
            guard let index = state.faults.firstIndex(where: {
                $0.times > 0 && ($0.region ?? region) == region && ($0.operation ?? operation) == operation
                    && ($0.modelId == nil || $0.modelId == modelId)
            }) else { return nil }
            state.faults[index].times -= 1
            return state.faults[index].kind
        }
    }

    /// Pages of `pageSize` with tokens holding `+`, `/` and `=`: a client that does not encode
    /// them (or decodes them wrongly) gets a ValidationException.
    private func listProfiles(region: String, request: Request) throws -> (Int, [String: Any]) {
        let parameters = request.uri.queryParameters
        let type = parameters["type"].map(String.init)
        let all = (world.profiles[region] ?? []).filter { type == nil || $0.type == type }.sorted { $0.id < $1.id }
        var offset = 0
        if let token = parameters["nextToken"].map(String.init) {
            guard token.hasPrefix("pg+/"), token.hasSuffix("=="), let value = Int(token.dropFirst(4).dropLast(2)) else {
                return (400, ["__type": "ValidationException", "message": "Invalid nextToken"])
            }
            offset = value
        }
        let limit = min(pageSize, Int(parameters["maxResults"].map(String.init) ?? "") ?? 1000)
        let page = all.dropFirst(offset).prefix(limit)
        var body: [String: Any] = ["inferenceProfileSummaries": page.map { profile -> [String: Any] in
            let kind = profile.type == "APPLICATION" ? "application-inference-profile" : "inference-profile"
            var summary: [String: Any] = [
                "inferenceProfileId": profile.id, "inferenceProfileName": profile.name,
                "inferenceProfileArn": "arn:aws:bedrock:\(region):\(Self.accountId):\(kind)/\(profile.id)",
                "description": "Routes requests to \(profile.modelId).", "createdAt": profile.createdAt,
                "updatedAt": profile.createdAt, "status": profile.status, "type": profile.type,
                "models": profile.modelARNs(servedIn: region).map { ["modelArn": $0] },
            ]
            if profile.omitsModels { summary["models"] = nil }  // a malformed entry: a required field missing
            return summary
        }]
        if offset + limit < all.count { body["nextToken"] = "pg+/\(offset + limit)==" }
        return (200, body)
    }

    static func json(_ status: Int, _ object: [String: Any]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ status: Int, type: String, message: String) -> Response {
        var response = json(status, ["message": message])
        response.headers[HTTPField.Name("x-amzn-ErrorType")!] = "\(type):http://internal.amazon.com/coral/com.amazon.coral.service/"
        response.headers[HTTPField.Name("x-amzn-RequestId")!] = UUID().uuidString.lowercased()
        return response
    }
}
