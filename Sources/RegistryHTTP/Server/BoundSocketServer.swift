import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// Serves a Hummingbird responder on a listening socket that someone else bound: systemd socket
/// activation (`LISTEN_FDS`), or a socket inherited across a re-exec.
///
/// Hummingbird 2.28.1 cannot do this itself: `BindAddress` is only `.hostname` or
/// `.unixDomainSocket`, and `Server`/`HTTPServerBuilder.buildServer` always bind a new socket. So
/// this mirrors two pieces of it around NIO's `ServerBootstrap.bind(_ socket:)`: `Server`'s accept
/// loop with quiescing on graceful shutdown, and `Application.run()`'s responder glue (request
/// context, request id, `500` for unknown errors, `Date`/`Server` headers).
public struct BoundSocketServer<Responder: HTTPResponder>: Service
where Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
    let socket: CInt
    let responder: Responder
    let http1: HTTP1Channel.Configuration
    let serverName: String?
    let eventLoopGroup: any EventLoopGroup
    let logger: Logger
    let onServerRunning: @Sendable (any Channel) async -> Void

    /// - Parameter socket: a bound, listening stream socket. NIO takes it over and closes it when
    ///   the server stops.
    public init(
        socket: CInt,
        responder: Responder,
        http1: HTTP1Channel.Configuration = .init(),
        serverName: String? = nil,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) {
        self.socket = socket
        self.responder = responder
        self.http1 = http1
        self.serverName = serverName
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.onServerRunning = onServerRunning
    }

    public func run() async throws {
        let logger = self.logger
        let childChannel = HTTP1Channel(responder: httpResponder(), configuration: http1)
        let quiescing = ServerQuiescingHelper(group: eventLoopGroup)
        let server = try await ServerBootstrap(group: eventLoopGroup)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .bind(socket, serverBackPressureStrategy: nil) { channel in
                childChannel.setup(channel: channel, logger: logger)
            }

        await withGracefulShutdownHandler {
            await onServerRunning(server.channel)
            await withDiscardingTaskGroup { group in
                do {
                    try await server.executeThenClose { inbound in
                        for try await connection in inbound {
                            group.addTask { await childChannel.handle(value: connection, logger: logger) }
                        }
                    }
                } catch {
                    logger.error("accepting connections failed", metadata: ["error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            // Close the listener, let each connection finish its current request, then close it;
            // the task group above returns once the last one has.
            quiescing.initiateShutdown(promise: nil)
        }
    }

    /// What `Application.run()` wraps around the responder (2.28.1).
    func httpResponder() -> HTTPChannelHandler.Responder {
        let responder = self.responder
        let serverName = self.serverName
        let logger = self.logger
        return { request, responseWriter, channel in
            let requestLogger = logger.with(metadataKey: "hb.request.id", value: .stringConvertible(RequestID()))
            let response = try await withLogger(requestLogger) { requestLogger in
                let context = Responder.Context(source: .init(channel: channel, logger: requestLogger))
                var response: Response
                do {
                    response = try await responder.respond(to: request, context: context)
                } catch let error as HTTPParserError {
                    throw error  // the channel answers 400 and closes the connection
                } catch {
                    requestLogger.debug("Unrecognised Error", metadata: ["error.type": "\(error)"])
                    response = Response(status: .internalServerError, body: .init())
                }
                response.headers[.date] = HTTPDate.now()
                if let serverName { response.headers[.server] = serverName }
                return response
            }
            do {
                try await responseWriter.write(response: response.head, body: response.body)
            } catch is HTTPParserError {
                // A second (400) response must not follow this one: close the connection instead.
                throw ParseErrorWhileWritingResponse()
            }
        }
    }

    struct ParseErrorWhileWritingResponse: Error {}
}

extension Logger {
    fileprivate func with(metadataKey key: String, value: MetadataValue) -> Logger {
        var logger = self
        logger[metadataKey: key] = value
        return logger
    }
}
