import Foundation
import Logging

/// One line per event on stderr, no colour: journald and pipes read it as is.
enum LogSetup {
    static func logger(level: Logger.Level) -> Logger {
        var logger = Logger(label: "regiond") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = level
        return logger
    }
}
