import Hummingbird
import RegionRegistry
import Synchronization

/// Encoded GET bodies of the current read model, keyed by path and query. A view never changes,
/// and every change to the data moves the change-log index, so an entry is valid exactly as long
/// as the version (the index; with health, the index and the health view's generation) it was
/// built at: the first request after a change starts a new generation.
final class ResponseCache<Version: Comparable & Sendable>: Sendable {
    private struct Generation {
        var index: Version?
        var bodies: [String: EncodedBody] = [:]
        var bytes = 0
    }

    /// Bounds memory when clients send many distinct filters, or ask for large lists: beyond
    /// either bound, bodies are built per request (and still served).
    let capacity: Int
    let maxBytes: Int
    private let generation = Mutex(Generation())

    init(capacity: Int = 2048, maxBytes: Int = 16 << 20) {
        self.capacity = capacity
        self.maxBytes = maxBytes
    }

    /// The cached body for this request at `index`, or `build`'s, cached for the next caller.
    func body(for request: Request, index: Version, build: () throws -> JSONValue) rethrows -> EncodedBody {
        try body(for: request, variant: "", index: index) { EncodedBody(try build()) }
    }

    /// The same for a body that is not built as JSON; `variant` tells apart bodies of one path and
    /// query (the formats content negotiation picks).
    func body(for request: Request, variant: String, index: Version, build: () throws -> EncodedBody) rethrows -> EncodedBody {
        let key = variant + ":" + request.uri.path + "?" + (request.uri.query ?? "")
        if let hit = generation.withLock({ $0.index == index ? $0.bodies[key] : nil }) { return hit }
        let body = try build()
        generation.withLock { generation in
            if generation.index.map({ index > $0 }) ?? true { generation = Generation(index: index) }
            if index == generation.index, generation.bodies[key] == nil, generation.bodies.count < capacity,
               generation.bytes + body.bytes.readableBytes <= maxBytes {
                generation.bodies[key] = body
                generation.bytes += body.bytes.readableBytes
            }
        }
        return body
    }
}
