import AsyncHTTPClient
import Foundation
import NIOCore

/// The running daemon, over its HTTP API: what `regiond export` reads, so exports carry the same
/// gates, health and guards the daemon answers with.
struct RegiondClient {
    struct Answer {
        var status: Int
        var body: [UInt8]
        var etag: String?
        /// `X-Regiond-Index`: the change-log index the answer reflects.
        var index: Int64?
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let base: String
    let http: HTTPClient

    func get(_ pathAndQuery: String, accept: String, ifNoneMatch: String? = nil, timeout: TimeAmount = .seconds(30)) async throws -> Answer {
        var request = HTTPClientRequest(url: base + pathAndQuery)
        request.headers.add(name: "Accept", value: accept)
        if let ifNoneMatch { request.headers.add(name: "If-None-Match", value: ifNoneMatch) }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: timeout)
        } catch {
            throw Failure(description: "cannot reach regiond at \(base) (\(error)); is `regiond serve` running? (--url)")
        }
        let body = Array(buffer: try await response.body.collect(upTo: 64 << 20))
        let answer = Answer(status: Int(response.status.code), body: body, etag: response.headers.first(name: "ETag"),
                            index: response.headers.first(name: "X-Regiond-Index").flatMap { Int64($0) })
        guard answer.status == 200 || answer.status == 304 else {
            throw Failure(description: "\(pathAndQuery): HTTP \(answer.status): \(Self.message(body))")
        }
        return answer
    }

    /// The API's error message, or the body's start.
    static func message(_ body: [UInt8]) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
           let error = object["error"] as? [String: Any], let message = error["message"] as? String {
            return message
        }
        return String(decoding: body.prefix(300), as: UTF8.self)
    }

    /// Returns when the change log passes `index`, or after `wait` with nothing new.
    func waitForChange(after index: Int64, wait: Int) async throws {
        _ = try await get("/v1/changes?since=\(index)&wait=\(wait)&limit=1", accept: "application/json", timeout: .seconds(Int64(wait) + 30))
    }
}
