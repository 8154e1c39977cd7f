import CivilTime
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import RegionRegistry
import RegistryService

/// Settings of the HTTP API that are not about listening.
public struct APISettings: Sendable {
    /// Largest request body accepted (413 beyond).
    public var bodyLimit: Int
    /// The refresh interval and staleness threshold reported by `/v1/refresh` (live: a reload
    /// replaces them).
    public var schedule: RefreshSchedule
    public var version: String
    /// Largest `POST /v1/health/samples` body (10,000 samples fit in about 3 MB).
    public var sampleBodyLimit: Int
    /// How long a connection may take to deliver a whole request (see `ConnectionGuard`).
    public var readTimeout: Duration
    /// Most `/v1/changes?wait=` requests blocked at once; beyond it, 429 with `Retry-After`.
    public var maxWatchers: Int

    public static let defaultSampleBodyLimit = 4 << 20
    public static let defaultReadTimeout: Duration = .seconds(30)
    public static let defaultMaxWatchers = 1000

    public init(bodyLimit: Int = 1 << 20, sampleBodyLimit: Int = defaultSampleBodyLimit, readTimeout: Duration = defaultReadTimeout,
                maxWatchers: Int = defaultMaxWatchers, schedule: RefreshSchedule, version: String) {
        self.bodyLimit = bodyLimit
        self.sampleBodyLimit = sampleBodyLimit
        self.readTimeout = readTimeout
        self.maxWatchers = maxWatchers
        self.schedule = schedule
        self.version = version
    }
}

/// What the endpoints need, passed to each controller.
public struct API: Sendable {
    public let registry: Registry
    public let refresher: RefreshCoordinator
    public let health: HealthMonitor
    public let metrics: RegiondMetrics
    public let authorizer: WriteAuthorizer
    public let settings: APISettings
    public let logger: Logger
    let openAPIText: String
    let startedAt = Timestamp.now()
    let cache = ResponseCache<AnswerVersion>()
    public let accessPolicies = AccessPolicies()
    public let guards = AnswerGuards()
    /// Route and resolve answers: valid for one read model and one health view (≤ 500 ms).
    let healthCache = ResponseCache<AnswerVersion>()

    /// - Throws: when the binary holds no OpenAPI document (see `OpenAPIDocumentText`).
    public init(runtime: RegistryRuntime, authorizer: WriteAuthorizer, settings: APISettings, logger: Logger) throws {
        registry = runtime.registry
        refresher = runtime.refresher
        health = runtime.health
        metrics = runtime.metrics
        self.authorizer = authorizer
        self.settings = settings
        self.logger = logger
        openAPIText = try OpenAPIDocumentText.load()
    }

    /// A cacheable GET: answered from the encoded-body cache of the current view, with an ETag.
    func cachedGET(_ request: Request, build: (RegistryView) throws -> JSONValue) throws -> Response {
        let view = registry.view
        let version = AnswerVersion(index: view.index, policies: accessPolicies.generation, guards: guards.generation)
        return JSONBody.conditional(try cache.body(for: request, index: version) { try build(view) }, request: request)
    }

    /// HTTP/1.1 connection handling for whichever server serves `router()`: header limits, and
    /// the guard against slow and malformed requests.
    public func http1Configuration() -> HTTP1Channel.Configuration {
        let (readTimeout, logger) = (TimeAmount(settings.readTimeout), logger)
        return HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionGuard(readTimeout: readTimeout, logger: logger)],
            httpDecoderConfiguration: .init(maxHeaderFieldSize: HTTPLimits.maxHeaderBytes, maxHeaderListSize: HTTPLimits.maxHeaderBytes,
                                            maxHeaderFieldCount: HTTPLimits.maxHeaderCount))
    }

    /// The router of the whole API; the daemon and the tests both serve it.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        // Router middleware applies only to routes added after it: add it first.
        router.add(middleware: APIMiddleware(registry: registry, logger: logger, routes: DocumentedRoutes(openAPIText: openAPIText),
                                             metrics: metrics))
        MetaController(api: self).addRoutes(to: router)
        MetricsController(api: self).addRoutes(to: router)
        PageController().addRoutes(to: router)
        let v1 = router.group("v1")
        RegionsController(api: self).addRoutes(to: v1)
        ProfilesController(api: self).addRoutes(to: v1)
        ModelsController(api: self).addRoutes(to: v1)
        GrantsController(api: self).addRoutes(to: v1)
        ChangesController(api: self).addRoutes(to: v1)
        RefreshController(api: self).addRoutes(to: v1)
        HealthController(api: self).addRoutes(to: v1)
        RoutingController(api: self).addRoutes(to: v1)
        PolicyController(api: self).addRoutes(to: v1)
        AccessCheckController(api: self).addRoutes(to: v1)
        ExportController(api: self).addRoutes(to: v1)
        return router
    }
}
