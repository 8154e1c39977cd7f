import Crypto
import Foundation

/// One numbered schema file from `Migrations/<engine>/`, as compiled into the binary. Both engines
/// number the same steps alike and record each with its checksum.
public struct Migration: Sendable, Hashable {
    public var version: Int
    /// The file name, e.g. `0001_initial.sql`: what errors name.
    public var fileName: String
    public var sql: String
    /// SHA-256 of the file's bytes, hex: an applied migration must never change.
    public var checksum: String

    public init(fileName: String, sql: String) throws {
        guard fileName.hasSuffix(".sql"),
              let underscore = fileName.firstIndex(of: "_"),
              let version = Int(fileName[..<underscore]), version > 0
        else { throw MigrationError.badFileName(fileName) }
        self.version = version
        self.fileName = fileName
        self.sql = sql
        checksum = SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `migrations` sorted by version; two files with one number are an error.
    public static func ordered(_ migrations: [Migration]) throws -> [Migration] {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.version == b.version {
            throw MigrationError.duplicateVersion(a.fileName, b.fileName)
        }
        return sorted
    }
}

public enum MigrationError: Error, CustomStringConvertible, Equatable {
    case badFileName(String)
    case duplicateVersion(String, String)
    /// An applied migration's file differs from what was applied.
    case changed(fileName: String)
    /// The database applied a migration this binary does not have, below its newest one.
    case missing(fileName: String)
    /// The database was migrated by a newer regiond.
    case newerDatabase(databaseVersion: Int, fileName: String, binaryVersion: Int)
    /// Opened read-only, and migrations are pending.
    case pending(fileNames: [String])
    /// A migration left rows pointing at rows that no longer exist; it was rolled back.
    case foreignKeyViolation(fileName: String, table: String)

    public var description: String {
        switch self {
        case .badFileName(let name):
            "migration file \(name) is not named NNNN_name.sql"
        case .duplicateVersion(let a, let b):
            "migrations \(a) and \(b) have the same number"
        case .changed(let name):
            "migration \(name) was changed after it was applied to this database (checksum differs); migrations are forward-only: restore the file and add a new one"
        case .missing(let name):
            "migration \(name) was applied to this database but is not in this regiond binary"
        case .newerDatabase(let version, let name, let binary):
            "the database is at schema version \(version) (\(name)), written by a newer regiond; this binary knows up to version \(binary) and leaves the database untouched"
        case .pending(let names):
            "the database needs migrations \(names.joined(separator: ", ")); run `regiond migrate`"
        case .foreignKeyViolation(let name, let table):
            "migration \(name) would leave rows in \(table) pointing at missing rows; it was rolled back"
        }
    }
}
