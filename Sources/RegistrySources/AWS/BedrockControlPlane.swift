import AWSCore
import Foundation

/// The Bedrock control-plane calls regiond makes, decoded: the three reads of the AWS source,
/// and the health probe (`BedrockControlPlane+Probe`).
public struct BedrockControlPlane: Sendable {
    let client: AWSClient
    /// Largest page the API allows: fewer round trips per region.
    var pageSize = 1000

    public init(client: AWSClient) {
        self.client = client
    }

    /// Every page of `ListInferenceProfiles` of one type, read in `region`.
    func inferenceProfiles(region: String, type: String, counter: AWSCallCounter) async throws -> [Decoded<InferenceProfileSummary>] {
        var summaries: [Decoded<InferenceProfileSummary>] = []
        var token: String?
        var seenTokens: Set<String> = []
        repeat {
            var query: [(name: String, value: String)] = [("maxResults", "\(pageSize)"), ("type", type)]
            if let token { query.append(("nextToken", token)) }
            let request = AWSRequest(operation: "ListInferenceProfiles", region: region, pathSegments: ["inference-profiles"], query: query)
            let page: ListInferenceProfilesResponse = try await decode(client.send(request, counter: counter), request)
            summaries += page.inferenceProfileSummaries
            token = page.nextToken.flatMap { $0.isEmpty ? nil : $0 }
            // A service that hands back a token it already gave would page forever.
            if let token, !seenTokens.insert(token).inserted {
                throw BedrockResponseError(operation: request.label, reason: "nextToken repeated; pagination does not end")
            }
        } while token != nil
        return summaries
    }

    func foundationModels(region: String, counter: AWSCallCounter) async throws -> [FoundationModelSummary] {
        let request = AWSRequest(operation: "ListFoundationModels", region: region, pathSegments: ["foundation-models"])
        let response: ListFoundationModelsResponse = try await decode(client.send(request, counter: counter), request)
        return response.modelSummaries
    }

    /// Signed for the destination region: availability is a per-region fact.
    func availability(modelId: String, region: String, counter: AWSCallCounter) async throws -> FoundationModelAvailability {
        let request = AWSRequest(operation: "GetFoundationModelAvailability", region: region,
                                 pathSegments: ["foundation-model-availability", modelId])
        return try await decode(client.send(request, counter: counter), request)
    }

    private func decode<T: Decodable>(_ body: [UInt8], _ request: AWSRequest) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw BedrockResponseError(operation: request.label, reason: Self.describe(error))
        } catch {
            throw BedrockResponseError(operation: request.label, reason: "unreadable body")
        }
    }

    /// Where in the body and what: enough to report, without echoing the body.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            "$" + context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue): required field missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "\(path(context)): not valid JSON"
        @unknown default: return "unreadable body"
        }
    }
}

/// A 2xx answer whose body is not what the API promises.
struct BedrockResponseError: Error, CustomStringConvertible {
    var operation: String
    var reason: String
    var description: String { "\(operation): malformed response: \(reason)" }
}
