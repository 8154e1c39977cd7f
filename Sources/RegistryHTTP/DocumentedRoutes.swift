import Foundation

/// The API's paths and their methods, read from the served OpenAPI document, so a known path asked
/// with another method gets 405 and an `Allow` header instead of the router's 404.
struct DocumentedRoutes: Sendable {
    private let routes: [(segments: [Substring], methods: [String])]

    init(openAPIText: String) {
        let paths = (try? JSONSerialization.jsonObject(with: Data(openAPIText.utf8)) as? [String: Any])?["paths"] as? [String: Any] ?? [:]
        routes = paths.map { path, operations in
            let methods = ((operations as? [String: Any]) ?? [:]).keys
                .filter { ["get", "put", "post", "delete", "patch"].contains($0) }
                .map { $0.uppercased() }
                .sorted()
            return (path.split(separator: "/"), methods)
        }
    }

    /// The methods documented for the path this raw request path matches, or nil if none.
    func allowedMethods(forPath path: String) -> [String]? {
        let segments = path.split(separator: "/")
        return routes.first { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { template, actual in template.hasPrefix("{") || template == actual }
        }?.methods
    }
}
