import HTTPTypes
import Hummingbird
import Logging
import RegionRegistry
import RegistryHealth
import RegistryService

/// Wraps every endpoint: maps errors to JSON bodies (logging the unexpected ones, whose text never
/// reaches the client) and stamps `X-Regiond-Index` on every response.
struct APIMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: Registry
    let logger: Logger
    let routes: DocumentedRoutes
    let metrics: RegiondMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        // Taken before the handler reads the view: a reload landing meanwhile can only make the
        // body newer than the header, so a watcher may see a change twice but never miss one.
        let index = registry.view.index
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response()
        } catch let error as RegistryError {
            response = APIError(error).response()
        } catch let error as ResolveFailure {
            response = APIError(error).response()
        } catch let error as HTTPError where error.status == .notFound {
            // The router's 404: a documented path with another method is a 405.
            if let allowed = routes.allowedMethods(forPath: request.uri.path) {
                var methodError = APIError(.methodNotAllowed, code: "method_not_allowed", "\(request.method) is not supported here; use \(allowed.joined(separator: " or "))")
                methodError.headers[.allow] = allowed.joined(separator: ", ")
                response = methodError.response()
            } else {
                response = APIError(framework: error).response()
            }
        } catch let error as any HTTPResponseError {
            // Includes NIO's body-too-large (413).
            response = APIError(framework: error).response()
        } catch {
            logger.error("request failed", metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "error": "\(error)",
            ])
            response = APIError.internalError.response()
        }
        if response.headers[.regiondIndex] == nil {
            response.headers[.regiondIndex] = String(index)
        }
        metrics.httpRequest(route: context.endpointPath ?? "unmatched", method: request.method.rawValue,
                             status: response.status.code, duration: ContinuousClock.now - started)
        return response
    }
}

extension HTTPField.Name {
    /// The change-log index the response reflects (like `X-Consul-Index`); never 0.
    static let regiondIndex = HTTPField.Name("X-Regiond-Index")!
}
