import Foundation
import Logging
import Synchronization

/// A clock the test moves by hand, for the chain's expiry decisions.
final class CredentialTestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }
    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Collects log lines (message plus metadata) so tests can check what was, and wasn't, logged.
final class CredentialLogCapture: Sendable {
    private let lines = Mutex<[(Logger.Level, String)]>([])

    var logger: Logger {
        var logger = Logger(label: "credentials-test") { _ in CapturingHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    var all: [(level: Logger.Level, text: String)] { lines.withLock { $0.map { (level: $0.0, text: $0.1) } } }

    fileprivate func append(_ level: Logger.Level, _ text: String) { lines.withLock { $0.append((level, text)) } }

    private struct CapturingHandler: LogHandler {
        let capture: CredentialLogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            capture.append(event.level, "\(event.message) \(rendered)")
        }
    }
}
