import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// One per connection, between HTTP decoding and the request handlers, against clients that hold
/// a connection without finishing a request:
/// - **Read timeout**: a request must arrive whole (head and body) within `readTimeout` of the
///   connection opening or of its previous response; a client trickling bytes (slowloris) or
///   sitting idle is disconnected then. The clock stops while the server answers, so a long-poll
///   `wait` is not cut short.
/// - **Unparseable requests** (too many or too large headers, bad syntax) get a JSON error, 431 or
///   400, and the connection is closed: the rest of the bytes cannot be trusted to frame requests.
/// - **`Connection: close` on a response** closes the connection once it is written, so an
///   oversized body refused with 413 is never read to its end.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let readTimeout: TimeAmount
    private let logger: Logger
    private var readingRequest = false
    private var unanswered = 0
    private var closeAfterResponse = false
    private var deadline: Scheduled<Void>?

    init(readTimeout: TimeAmount, logger: Logger) {
        self.readTimeout = readTimeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startClock(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startClock(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { stopClock() }

    func channelInactive(context: ChannelHandlerContext) {
        stopClock()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingRequest = true
            unanswered += 1
            startClock(context)  // a pipelined request starts its own clock
        case .body: break
        case .end:
            readingRequest = false
            stopClock()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.headerFields[.connection]?.lowercased() == "close" { closeAfterResponse = true }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            unanswered -= 1
            if closeAfterResponse {
                writeThenClose(context, data, promise: promise)
                return
            }
            context.write(data, promise: promise)
            if unanswered == 0 { startClock(context) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError, unanswered == 0 else {
            context.fireErrorCaught(error)
            return
        }
        stopClock()
        let (status, code, message) = Self.describe(parseError)
        logger.debug("unparseable request; closing the connection", metadata: ["error": "\(parseError)"])
        let body = ByteBuffer(string: #"{"error":{"code":"\#(code)","message":"\#(message)"}}"#)
        let head = HTTPResponse(status: status, headerFields: [
            .contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes), .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        writeThenClose(context, wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Closes once the last part is on the wire (closing at once could drop a response still queued).
    private func writeThenClose(_ context: ChannelHandlerContext, _ data: NIOAny, promise: EventLoopPromise<Void>?) {
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(data, promise: written)
        written.futureResult.assumeIsolated().whenComplete { result in
            promise?.completeWith(result)
            context.close(promise: nil)
        }
    }

    /// Messages are fixed text (never the request's bytes), so they need no JSON escaping.
    static func describe(_ error: HTTPParserError) -> (HTTPResponse.Status, String, String) {
        switch error {
        case .headerOverflow:
            (.requestHeaderFieldsTooLarge, "header_fields_too_large",
             "request headers too large: at most \(HTTPLimits.maxHeaderCount) fields and \(HTTPLimits.maxHeaderBytes) bytes")
        default:
            (.badRequest, "bad_request", "malformed HTTP/1.1 request")
        }
    }

    /// Arms the deadline unless it is already running; it fires only while a request is awaited.
    private func startClock(_ context: ChannelHandlerContext) {
        guard deadline == nil else { return }
        deadline = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: readTimeout) { [self] in
            deadline = nil
            guard readingRequest || unanswered == 0 else { return }
            logger.debug("no whole request within the read timeout; closing the connection")
            context.close(promise: nil)
        }
    }

    private func stopClock() {
        deadline?.cancel()
        deadline = nil
    }
}

@available(*, unavailable)
extension ConnectionGuard: Sendable {}

/// Request-head limits (Hummingbird's defaults, named so errors and docs can state them).
enum HTTPLimits {
    static let maxHeaderCount = 1000
    static let maxHeaderBytes = 80 * 1024
}
