import Foundation
import RegistryTestSupport
import Synchronization

/// Runs the built `regiond` binary, as an operator would.
struct RegiondProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `.build/<config>/regiond`, next to the test bundle; `REGIOND_TEST_BINARY` names another
    /// (a release build, to read the figures `REGIOND_PRINT_FIGURES=1` prints).
    static var binary: URL {
        get throws {
            if let path = ProcessInfo.processInfo.environment["REGIOND_TEST_BINARY"], !path.isEmpty { return URL(fileURLWithPath: path) }
            var dir = Bundle.main.bundleURL
            for _ in 0..<3 {
                let candidate = dir.appending(path: "regiond")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
            throw NSError(domain: "regiondTests", code: 1, userInfo: [NSLocalizedDescriptionKey: "regiond binary not found near \(Bundle.main.bundleURL.path); run swift build first"])
        }
    }

    /// Runs to completion and collects the output. The waiting happens on a thread of its own:
    /// a test blocking a shared (dispatch or cooperative) thread can starve the very queue that
    /// reaps child processes, and then every waiting test hangs.
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: String) async throws -> Result {
        try await onOwnThread { try runBlocking(arguments, environment: environment, in: directory) }
    }

    static func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
        }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String], in directory: String) throws -> Result {
        let process = Process()
        process.executableURL = try binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REGIOND_") }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try spawn(process)
        // A command that hangs is killed after two minutes (its pipes then close), so the test
        // fails with what it printed instead of hanging the suite.
        Thread { waitForExit(process, within: .seconds(120)) }.start()
        // Drain both pipes while the child runs (either one filling up would block it).
        let stderr = Mutex(Data())
        let stderrDone = DispatchSemaphore(value: 0)
        Thread {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            stderr.withLock { $0 = data }
            stderrDone.signal()
        }.start()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        stderrDone.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr.withLock { $0 }, as: UTF8.self))
    }
}

/// A `regiond serve` child process; `start` returns once its log says it is listening.
final class RunningDaemon: Sendable {
    let process: Process
    let port: Int
    private let log: LogBuffer

    private init(process: Process, port: Int, log: LogBuffer) {
        self.process = process
        self.port = port
        self.log = log
    }

    var logText: String { log.text.withLock { $0 } }

    static func start(_ arguments: [String], environment: [String: String] = [:], in directory: String) async throws -> RunningDaemon {
        let process = Process()
        process.executableURL = try RegiondProcess.binary
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REGIOND_") }.merging(environment) { $1 }
        let (log, lines) = LogBuffer.capturingStandardError(of: process)
        try spawn(process)
        // A daemon not listening within two minutes is killed: its log then ends and this throws
        // with it, instead of the test waiting for ever.
        let listening = Mutex(false)
        Thread { waitForExit(process, within: .seconds(120), unless: { listening.withLock { $0 } }) }.start()
        // The daemon logs `regiond listening address=127.0.0.1:PORT` once bound (port 0 = any free one).
        var seen = ""
        for await chunk in lines {
            seen += chunk
            if let range = seen.range(of: #"address=127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                let port = Int(seen[range].split(separator: ":").last!)!
                listening.withLock { $0 = true }
                return RunningDaemon(process: process, port: port, log: log)
            }
        }
        process.waitUntilExit()
        throw NSError(domain: "regiondTests", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "regiond exited before listening: \(seen)"])
    }

    /// The process's resident memory now (`VmRSS`).
    func residentBytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    /// SIGTERM, then the exit status. A daemon still running 30 s later is killed (SIGKILL) and
    /// the status says so: the test fails on it instead of the suite hanging.
    func stop() async -> Int32 {
        if process.isRunning { process.terminate() }
        let exited = (try? await RegiondProcess.onOwnThread { [process] in waitForExit(process, within: .seconds(30)) }) ?? false
        return exited ? process.terminationStatus : -SIGKILL
    }
}

final class LogBuffer: Sendable {
    let text = Mutex("")

    /// Collects `process`'s stderr as it is written, and streams it chunk by chunk (the stream
    /// ends when every writer has closed the pipe). Call before `process.run()`.
    static func capturingStandardError(of process: Process) -> (LogBuffer, AsyncStream<String>) {
        let log = LogBuffer()
        let (chunks, continuation) = AsyncStream.makeStream(of: String.self)
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
                return
            }
            let text = String(decoding: data, as: UTF8.self)
            log.text.withLock { $0 += text }
            continuation.yield(text)
        }
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        return (log, chunks)
    }
}
