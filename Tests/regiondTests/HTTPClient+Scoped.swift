import AsyncHTTPClient

/// Runs `body` with a client that is shut down however `body` ends (a client dropped without
/// shutdown traps in its deinit, taking the whole test run down).
func withHTTPClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}
