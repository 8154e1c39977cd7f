import Logging
import PostgresNIO
import StoreInterface

extension PostgresStore {
    /// How long a call may wait for PostgreSQL (a connection included) before it is reported
    /// unavailable: a fleet's reads are answered from memory meanwhile, writes get a clear 503.
    static let callDeadline: Duration = .seconds(10)

    /// A read in one snapshot (REPEATABLE READ), so what it reads together agrees.
    func read<T: Sendable>(_ body: @Sendable @escaping (PostgresConnection, Logger) async throws -> T) async throws -> T {
        try await guarded {
            try await self.client.withConnection { connection in
                try await Self.inTransaction(connection, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger, body)
            }
        }
    }

    /// A write in one transaction: all of it commits, or none.
    @discardableResult
    func write<T: Sendable>(_ body: @Sendable @escaping (PostgresConnection, Logger) async throws -> T) async throws -> T {
        try await guarded {
            try await self.client.withConnection { connection in
                try await Self.inTransaction(connection, begin: "BEGIN", logger: self.logger, body)
            }
        }
    }

    private static func inTransaction<T: Sendable>(_ connection: PostgresConnection, begin: String, logger: Logger,
                                                   _ body: (PostgresConnection, Logger) async throws -> T) async throws -> T {
        try await connection.query(PostgresQuery(unsafeSQL: begin), logger: logger)
        do {
            let value = try await body(connection, logger)
            try await connection.query("COMMIT", logger: logger)
            return value
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    /// Runs `operation` within `deadline` (nil: no limit, for migrations, which take what they
    /// take) and says what failed in the store's words: a lost or refused connection is
    /// `StoreError.unavailable`, an error PostgreSQL reported keeps its text.
    func guarded<T: Sendable>(deadline: Duration? = callDeadline, _ operation: @Sendable @escaping () async throws -> T) async throws -> T {
        do {
            guard let deadline else { return try await operation() }
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await operation() }
                group.addTask {
                    try await Task.sleep(for: deadline)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    throw StoreError.unavailable("no answer from \(self.location.host):\(self.location.port) within \(deadline)")
                }
                return value
            }
        } catch let error as StoreError {
            throw error
        } catch let error as MigrationError {
            throw error
        } catch let error as PSQLError where error.code == .server {
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "unknown error"
            // Class 08: connection exceptions; 57P0x: the server is shutting down or starting.
            if state.hasPrefix("08") || state.hasPrefix("57P") { throw StoreError.unavailable(message) }
            throw PostgresQueryError(sqlState: state, message: message)
        } catch {
            throw StoreError.unavailable("\(location.host):\(location.port): \(Self.describe(error))")
        }
    }

    /// An error in words for logs: PSQLError's own description hides everything, so say its code
    /// and the server's message (neither holds a password: regiond never sends one in a query).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(String(describing: error).prefix(200)) }
        let message = error.serverInfo?[.message].map { ": \($0)" } ?? ""
        return "\(error.code)\(message)"
    }
}

/// An error PostgreSQL reported for a statement (not a lost connection): its SQLSTATE and message.
public struct PostgresQueryError: Error, CustomStringConvertible {
    public var sqlState: String
    public var message: String
    public var description: String { "PostgreSQL error \(sqlState): \(message)" }
}

extension PostgresRandomAccessRow {
    func text(_ column: String) throws -> String { try self[column].decode(String.self) }
    func optionalText(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    func int(_ column: String) throws -> Int64 { try self[column].decode(Int64.self) }
    func optionalInt(_ column: String) throws -> Int64? { try self[column].decode(Int64?.self) }

    /// A text column holding an enum's raw value; an unknown value names the row, never defaults.
    func enumValue<T: RawRepresentable>(_ column: String, table: String, key: @autoclosure () -> String) throws -> T
    where T.RawValue == String {
        let text = try text(column)
        guard let value = T(rawValue: text) else {
            throw StoreError.unreadableRow(table: table, key: key(), column: column, value: text)
        }
        return value
    }

    func optionalEnumValue<T: RawRepresentable>(_ column: String, table: String, key: @autoclosure () -> String) throws -> T?
    where T.RawValue == String {
        guard try optionalText(column) != nil else { return nil }
        return try enumValue(column, table: table, key: key())
    }
}

extension PostgresConnection {
    /// Every row of `query`, random-access.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await self.query(query, logger: logger) { rows.append(row.makeRandomAccess()) }
        return rows
    }
}
