import Foundation
import NIOSSL
import PostgresNIO

/// Where a fleet's PostgreSQL is, from a `postgres://` URL as libpq spells it:
/// `postgres://USER@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=/etc/regiond/ca.pem`.
/// The password comes from a file (`db_password_file`) or `PGPASSWORD`; one in the URL works
/// too, but is never printed: `description` leaves it out.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require, verifyCA = "verify-ca", verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    var password: String?
    public var sslMode: SSLMode
    public var sslRootCert: String?

    /// True for what `db` must hold to mean PostgreSQL rather than a SQLite file path.
    public static func isURL(_ db: String) -> Bool {
        db.hasPrefix("postgres://") || db.hasPrefix("postgresql://")
    }

    /// - Parameters:
    ///   - passwordFile: a file holding the password (trailing newline ignored); beats the others.
    ///   - environment: where `PGPASSWORD`, `PGUSER` and `PGSSLMODE` are read.
    public init(url text: String, passwordFile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw PostgresLocationError("db must look like postgres://USER@HOST:PORT/DATABASE")
        }
        self.host = host
        port = url.port ?? 5432
        user = url.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? "regiond"
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? user : path
        let query = Dictionary((url.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        for name in query.keys where !["sslmode", "sslrootcert", "application_name", "connect_timeout"].contains(name) {
            throw PostgresLocationError("db URL parameter \(name) is not supported (sslmode, sslrootcert)")
        }
        let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? "prefer"
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw PostgresLocationError("sslmode \(mode) is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.sslMode = sslMode
        sslRootCert = query["sslrootcert"]
        if let passwordFile {
            do {
                password = try String(contentsOfFile: passwordFile, encoding: .utf8).trimmingCharacters(in: .newlines)
            } catch {
                throw PostgresLocationError("cannot read the database password file \(passwordFile): \(error.localizedDescription)")
            }
        } else {
            password = url.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        }
    }

    /// The URL without its password: what logs and `/v1/status` may show.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)" }

    func clientConfiguration() throws -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                         database: database, tls: try tls())
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 8
        return configuration
    }

    /// libpq's meanings: prefer and require encrypt without checking who answers (unless a root
    /// certificate is given to require), verify-ca checks the chain, verify-full also the name.
    private func tls() throws -> PostgresClient.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let sslRootCert { tls.trustRoots = .file(sslRootCert) }
        switch sslMode {
        case .disable: return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            return .prefer(tls)
        case .require:
            tls.certificateVerification = sslRootCert == nil ? .none : .noHostnameVerification
            return .require(tls)
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return .require(tls)
        case .verifyFull:
            return .require(tls)
        }
    }
}

public struct PostgresLocationError: Error, CustomStringConvertible, Equatable {
    public var description: String
    init(_ description: String) { self.description = description }
}
