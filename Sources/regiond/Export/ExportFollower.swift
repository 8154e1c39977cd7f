import Foundation

/// Fetches one export from the daemon, and keeps a file equal to it: after each change-log event
/// (and at least every `pollSeconds`, for inputs the log does not record, such as IAM's live
/// answers) it asks again with `If-None-Match`, and rewrites the file only when the bytes differ.
struct ExportFollower {
    let client: RegiondClient
    let pathAndQuery: String
    let accept: String
    var pollSeconds = 60

    func fetch(ifNoneMatch: String? = nil) async throws -> RegiondClient.Answer {
        try await client.get(pathAndQuery, accept: accept, ifNoneMatch: ifNoneMatch)
    }

    /// Runs until cancelled (or the process is stopped). Errors are reported and retried with
    /// backoff (1 s doubling to 30 s); the file keeps its last good content meanwhile.
    func follow(into path: String) async throws {
        var etag: String?
        var backoff = 1
        while !Task.isCancelled {
            do {
                let answer = try await fetch(ifNoneMatch: etag)
                if answer.status == 200 {
                    if FileManager.default.contents(atPath: path).map(Array.init) != answer.body {
                        try AtomicFile.replace(path, with: answer.body)
                        Self.note("wrote \(path) (\(answer.body.count) bytes, index \(answer.index.map(String.init) ?? "?"))")
                    }
                    etag = answer.etag
                }
                backoff = 1
                try await client.waitForChange(after: answer.index ?? 0, wait: pollSeconds)
            } catch is CancellationError {
                return
            } catch {
                Self.note("\(error); trying again in \(backoff) s")
                try await Task.sleep(for: .seconds(backoff))
                backoff = min(backoff * 2, 30)
            }
        }
    }

    static func note(_ line: String) {
        FileHandle.standardError.write(Data("regiond export: \(line)\n".utf8))
    }
}
