import HTTPTypes
import Hummingbird
import Logging
import RegionRegistry
import RegistryService

/// Wraps every endpoint: maps errors to JSON bodies (logging the unexpected ones, whose text never
/// reaches the client) and stamps `X-Regiond-Index` on every response.
struct APIMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: Registry
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response()
        } catch let error as any HTTPResponseError {
            // Includes the router's 404 and NIO's body-too-large (413).
            response = APIError(framework: error).response()
        } catch {
            logger.error("request failed", metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "error": "\(error)",
            ])
            response = APIError.internalError.response()
        }
        if response.headers[.regiondIndex] == nil {
            response.headers[.regiondIndex] = String(registry.view.index)
        }
        return response
    }
}

extension HTTPField.Name {
    /// The change-log index the response reflects (like `X-Consul-Index`); never 0.
    static let regiondIndex = HTTPField.Name("X-Regiond-Index")!
}
