import Logging
import Synchronization

enum LogSetup {
    /// The level every logger of the process uses; a reload changes it for all of them at once.
    static let level = Mutex(Logger.Level.info)

    static func logger(level: Logger.Level) -> Logger {
        Self.level.withLock { $0 = level }
        return Logger(label: "regiond") { label in SharedLevelLogHandler(base: StreamLogHandler.standardError(label: label)) }
    }
}

/// A handler whose level is the process-wide `LogSetup.level`, not a copy of it: `Logger` values
/// are copied into every service, and a reload must reach all of them.
struct SharedLevelLogHandler: LogHandler {
    var base: StreamLogHandler

    var logLevel: Logger.Level {
        get { LogSetup.level.withLock { $0 } }
        set { LogSetup.level.withLock { $0 = newValue } }
    }

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        base.log(event: event)
    }
}
