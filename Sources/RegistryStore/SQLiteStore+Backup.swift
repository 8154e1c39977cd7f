import Foundation
import GRDB

/// What a finished backup holds.
public struct BackupReport: Sendable {
    public var destination: String
    public var bytes: Int64
    public var schemaVersion: Int
    public var changeIndex: Int64
}

extension SQLiteStore {
    /// Copies the database to `destination` while others keep reading and writing: SQLite's
    /// online backup, run from a reader, so the copy is one consistent snapshot (WAL included).
    /// The copy is written beside the destination, checked with `integrity_check`, and only then
    /// renamed into place: a failed or interrupted backup never leaves a half file at `destination`.
    /// - Throws: `BackupError` when the destination exists or the copy fails its check.
    public func backup(to destination: String) async throws -> BackupReport {
        if FileManager.default.fileExists(atPath: destination) { throw BackupError.destinationExists(destination) }
        let partial = destination + ".partial-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        let pool = self.pool
        let report: BackupReport = try await Self.offCooperativePool {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            let (check, version, index) = try copy.read { db in
                (try String.fetchAll(db, sql: "PRAGMA integrity_check"),
                 try Int.fetchOne(db, sql: "SELECT max(version) FROM \(Migrator.historyTable)") ?? 0,
                 try SQLiteStore.currentIndex(db))
            }
            try copy.close()
            guard check == ["ok"] else { throw BackupError.copyFailedCheck(check.prefix(5).joined(separator: "; ")) }
            return BackupReport(destination: destination, bytes: SQLiteStore.size(of: partial), schemaVersion: version, changeIndex: index)
        }
        // link() then unlink instead of rename: never replaces a destination created meanwhile.
        guard link(partial, destination) == 0 else {
            throw errno == EEXIST ? BackupError.destinationExists(destination)
                : BackupError.cannotWrite(destination, String(cString: strerror(errno)))
        }
        return report
    }

    /// SQLite's backup is a blocking C loop: keep it off the threads async tasks share.
    static func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}

public enum BackupError: Error, CustomStringConvertible, Equatable {
    case destinationExists(String)
    case copyFailedCheck(String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .destinationExists(let path): "\(path) already exists; regiond backup never overwrites a file"
        case .copyFailedCheck(let result): "the copy failed integrity_check (\(result)); nothing was written"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
