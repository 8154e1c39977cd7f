import Foundation
import NIOCore
import NIOPosix

/// A TCP connection that sends exactly the bytes a test gives it, for requests no HTTP client
/// would make: slow, malformed, oversized.
struct RawConnection {
    struct Response {
        var status: Int
        var headers: [String: String]  // lower-cased names
        var body: String
    }

    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var received: [UInt8] = []

    /// Connects to the loopback port, runs `body`, then closes.
    static func with<T: Sendable>(port: Int, _ body: (inout RawConnection) async throws -> T) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var connection = RawConnection(inbound: inbound.makeAsyncIterator(), outbound: outbound)
            return try await body(&connection)
        }
    }

    /// Sends; false when the server has already closed the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) async -> Bool { await Self.send(bytes, on: outbound) }

    /// The same from a task of its own (the writer is Sendable, the connection is not).
    static func send(_ bytes: [UInt8], on outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async -> Bool {
        do {
            try await outbound.write(ByteBuffer(bytes: bytes))
            return true
        } catch {
            return false
        }
    }

    @discardableResult
    func send(_ text: String) async -> Bool { await send(Array(text.utf8)) }

    /// The next whole response (head, and a `Content-Length` body), or nil if the connection
    /// ended first.
    mutating func response() async throws -> Response? {
        while true {
            if let response = takeResponse() { return response }
            guard let chunk = try await nextChunk() else { return nil }
            received += chunk
        }
    }

    /// Reads (and drops) everything until the server closes the connection.
    mutating func untilClosed() async throws {
        while try await nextChunk() != nil {}
    }

    private mutating func nextChunk() async throws -> [UInt8]? {
        do {
            return try await inbound.next().map { Array($0.readableBytesView) }
        } catch let error as IOError where error.errnoCode == ECONNRESET {
            return nil
        }
    }

    private mutating func takeResponse() -> Response? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = received.indices.dropLast(3).first(where: { Array(received[$0..<$0 + 4]) == separator }) else { return nil }
        let lines = String(decoding: received[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = headers["content-length"].flatMap { Int($0) } ?? 0
        let bodyStart = end + 4
        guard received.count >= bodyStart + length else { return nil }
        let body = String(decoding: received[bodyStart..<bodyStart + length], as: UTF8.self)
        received.removeFirst(bodyStart + length)
        return Response(status: status, headers: headers, body: body)
    }
}
