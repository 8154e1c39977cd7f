import Hummingbird
import RegionRegistry

/// `GET /metrics`: Prometheus text exposition of everything regiond measures.
struct MetricsController {
    let api: API

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("metrics") { _, _ in
            if let sizes = api.registry.storeFileSizes() { api.metrics.storeSizes(database: sizes.database, wal: sizes.wal) }
            api.metrics.lifecycle(of: api.registry.view, on: ModelLifecycle.today())
            var response = JSONBody.response(ByteBuffer(bytes: api.metrics.emit()))
            response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return response
        }
    }
}
