import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// Clients that hold connections: trickling a request, or waiting on the change log in crowds.
extension HostileClientTests {
    @Test func aClientTricklingARequestIsDroppedAfterTheReadTimeoutButAWaitIsNot() async throws {
        try await withDaemon(["REGIOND_HTTP_READ_TIMEOUT": "2"]) { daemon in
            let request = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
            let (sent, probe) = try await HealthzProbe.during(port: daemon.port, "a slowloris client") {
                try await RawConnection.with(port: daemon.port) { connection in
                    // One byte a second (slowloris); the server closes the connection mid-request.
                    let writer = connection.outbound
                    let sender = Task {
                        var sent = 0
                        for byte in request {
                            guard await RawConnection.send([byte], on: writer) else { break }
                            sent += 1
                            try? await Task.sleep(for: .seconds(1))
                            if Task.isCancelled { break }
                        }
                        return sent
                    }
                    let answer = try await connection.response()
                    sender.cancel()
                    #expect(answer == nil, "dropped without an answer")
                    return await sender.value
                }
            }
            #expect(sent < request.count, "dropped after \(sent) of \(request.count) bytes")
            #expect(probe.problems.isEmpty && probe.answered > 0, "\(probe.problems)")

            // The clock stops while the server answers: a 4-second wait outlives a 2-second timeout.
            let index = try await currentIndex(daemon)
            let waited = try await RawConnection.with(port: daemon.port) { connection in
                await connection.send("GET /v1/changes?since=\(index)&wait=4 HTTP/1.1\r\nHost: x\r\n\r\n")
                return try await connection.response()
            }
            #expect(waited?.status == 200, "\(String(describing: waited))")
        }
    }

    @Test func watchersBeyondTheCapAreToldToRetryAndMemoryStaysBounded() async throws {
        // A cap of 100, not the default 1,000: this process then holds 200 sockets, not 2,000.
        // Foundation's Process.run() (other tests starting a regiond meanwhile) crashed walking
        // this process's ~2,800 open descriptors.
        try await withDaemon(["REGIOND_HTTP_MAX_WATCHERS": "100"]) { daemon in
            let index = try await currentIndex(daemon)
            let before = try daemon.residentBytes()
            // 200 watchers against a cap of 100: 100 wait, 100 get 429 at once.
            let (answers, probe) = try await HealthzProbe.during(port: daemon.port, "200 watchers") {
                try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                    for _ in 0..<200 {
                        group.addTask {
                            try await RawConnection.with(port: daemon.port) { connection in
                                await connection.send("GET /v1/changes?since=\(index)&wait=120 HTTP/1.1\r\nHost: x\r\n\r\n")
                                let response = try await connection.response()
                                return (response?.status ?? 0, response?.headers["retry-after"])
                            }
                        }
                    }
                    var refused: [(Int, String?)] = []
                    while refused.count < 100, let answer = try await group.next() { refused.append(answer) }
                    let during = try daemon.residentBytes()
                    // A change wakes every waiting watcher.
                    let write = try await RawConnection.with(port: daemon.port) { connection in
                        let body = #"{"status":"granted"}"#
                        await connection.send(head("PUT", "/v1/grants/us-east-1/anthropic.claude-3-haiku-20240307-v1:0",
                                                   ["Content-Type: application/json", "Content-Length: \(body.utf8.count)"]) + body)
                        return try await connection.response()?.status
                    }
                    #expect(write == 200)
                    var woken: [(Int, String?)] = []
                    for try await answer in group { woken.append(answer) }
                    return (refused, woken, during)
                }
            }
            let (refused, woken, during) = answers
            #expect(refused.allSatisfy { $0.0 == 429 && $0.1 == "5" }, "\(refused.filter { $0.0 != 429 }.prefix(3))")
            #expect(woken.count == 100 && woken.allSatisfy { $0.0 == 200 }, "\(woken.filter { $0.0 != 200 }.prefix(3))")
            #expect(probe.problems.isEmpty, "\(probe.problems.prefix(3))")
            // Bounded: 200 connections at once, half of them parked, in a debug build.
            let grown = during - before
            #expect(grown < 48 << 20, "200 watchers cost \(grown >> 20) MiB")
            if ProcessInfo.processInfo.environment["REGIOND_PRINT_FIGURES"] == "1" {
                print("figure: 100 waiting + 100 refused watchers: RSS +\(grown >> 20) MiB (\(before >> 20) → \(during >> 20) MiB)")
            }
        }
    }

    /// The change-log index once the start-up refresh has landed.
    func currentIndex(_ daemon: RunningDaemon) async throws -> String {
        try await RawConnection.with(port: daemon.port) { connection in
            await connection.send("GET /v1/changes?since=1&limit=1&wait=60 HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try await connection.response()
            await connection.send("GET /v1/status HTTP/1.1\r\nHost: x\r\n\r\n")
            return try await connection.response()?.headers["x-regiond-index"] ?? "1"
        }
    }
}
