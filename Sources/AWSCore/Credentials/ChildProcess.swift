import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command to its end with a deadline and a cap on its output, for `credential_process`.
///
/// The waiting happens on a thread of its own: reading a pipe and waiting for a child block,
/// and must stay off the cooperative pool and NIO's event loops. Its stderr goes to /dev/null
/// (helpers print prompts, and sometimes secrets, there); stdin is /dev/null (nobody answers).
enum ChildProcess {
    struct Outcome: Sendable {
        enum Ending: Sendable, Equatable {
            case exited(Int32)
            case signalled(Int32)
            /// Killed at the deadline.
            case timedOut
            /// Killed for printing more than the cap.
            case outputTooLarge
        }

        var ending: Ending
        var output: [UInt8]
    }

    /// - Throws: what `Process.run()` throws when the executable can't be started.
    static func run(executable: String, arguments: [String], environment: [String: String],
                    timeout: Duration, outputLimit: Int) async throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let stdout = Pipe()
        process.standardOutput = stdout
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                Thread {
                    continuation.resume(with: Result {
                        try process.run()
                        return collect(process, exited: exited, from: stdout.fileHandleForReading, timeout: timeout, limit: outputLimit)
                    })
                }.start()
            }
        } onCancel: {
            // Whoever asked has gone, and the answer would be thrown away.
            killGroup(of: process)
        }
    }

    /// Foundation starts the child as the leader of a process group of its own, and learns of
    /// its exit only once every holder of an inherited descriptor is gone: killing the child
    /// alone would leave a `sh -c`'s children, and the wait, running. So the group goes.
    private static func killGroup(of process: Process) {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        kill(getpgid(pid) == pid ? -pid : pid, SIGKILL)
    }

    /// Reads stdout until EOF, the deadline or the cap; waits for the child to exit until the
    /// deadline; kills it if it is late or too talkative.
    private static func collect(_ process: Process, exited: DispatchSemaphore, from pipe: FileHandle,
                                timeout: Duration, limit: Int) -> Outcome {
        let deadline = ContinuousClock.now + timeout
        var output: [UInt8] = []
        var ending: Outcome.Ending?
        var buffer = [UInt8](repeating: 0, count: 4096)
        while ending == nil {
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                ending = .timedOut
                break
            }
            var poller = pollfd(fd: pipe.fileDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(clamping: left.wholeNanoseconds / 1_000_000 + 1))
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            let count = ready < 0 ? -1 : read(pipe.fileDescriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break } // EOF: the child closed its stdout, as a rule by exiting
            output += buffer[0..<count]
            if output.count > limit { ending = .outputTooLarge }
        }
        if ending == nil {
            let left = max(.zero, deadline - ContinuousClock.now)
            if exited.wait(timeout: .now() + .nanoseconds(Int(left.wholeNanoseconds))) == .timedOut { ending = .timedOut }
        }
        if let ending {
            killGroup(of: process)
            // Bounded: a grandchild that left the group could hold Foundation's exit watch open.
            _ = exited.wait(timeout: .now() + .seconds(5))
            try? pipe.close()
            return Outcome(ending: ending, output: output)
        }
        try? pipe.close()
        let status = process.terminationStatus
        return Outcome(ending: process.terminationReason == .uncaughtSignal ? .signalled(status) : .exited(status), output: output)
    }
}
