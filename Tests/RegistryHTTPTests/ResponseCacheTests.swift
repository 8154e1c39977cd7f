import Hummingbird
import HummingbirdTesting
import RegionRegistry
import Testing
@testable import RegistryHTTP

/// The encoded-body cache keeps at most `capacity` bodies and `maxBytes` bytes per generation:
/// beyond, answers are built per request (the same bytes), never lost.
@Suite struct ResponseCacheTests {
    func request(_ path: String) -> Request {
        Request(head: .init(method: .get, scheme: "http", authority: "x", path: path), body: .init(buffer: ByteBuffer()))
    }

    @Test func bodiesBeyondTheByteBoundAreBuiltEachTime() {
        let cache = ResponseCache<Int64>(capacity: 100, maxBytes: 100)
        var builds = 0
        let big = JSONValue.string(String(repeating: "x", count: 80))
        for _ in 0..<3 { _ = cache.body(for: request("/a"), index: 1) { builds += 1; return big } }
        #expect(builds == 1, "80 bytes fit")
        for _ in 0..<3 { _ = cache.body(for: request("/b"), index: 1) { builds += 1; return big } }
        #expect(builds == 4, "another 80 do not: built on every request")
        _ = cache.body(for: request("/b"), index: 2) { builds += 1; return big }
        _ = cache.body(for: request("/b"), index: 2) { builds += 1; return big }
        #expect(builds == 5, "a new generation starts empty")
    }
}
