import ArgumentParser
import Foundation
import Logging
import RegionRegistry
import RegistryHTTP
import RegistryService

/// Runs a command body, printing any failure as one plain line on stderr and exiting 1, so every
/// command fails the same readable way (no Swift type names in messages).
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("regiond: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

/// The file-level commands (`backup`, `check`) work on SQLite; for a fleet's PostgreSQL the
/// error says what does the job there.
func requireSQLite(_ settings: Settings, _ command: String, instead: String) throws {
    if Registry.isServerDatabase(settings.db) {
        throw ValidationError("\(command) works on a SQLite file; db is \(Registry.describe(database: settings.db)): \(instead)")
    }
}

/// The read model of an existing, current database: read commands never create or migrate one.
func readView(_ common: CommonOptions) async throws -> RegistryView {
    let settings = try await loadSettings(common)
    let registry = try await Registry.open(at: settings.db, readOnly: true, passwordFile: settings.dbPasswordFile)
    let view = registry.view
    try await registry.close(checkpoint: false)
    return view
}

func printJSON(_ value: JSONValue) {
    print(String(decoding: JSONBody.encode(value), as: UTF8.self))
}

/// Left-aligned columns separated by two spaces.
func printTable(_ header: [String], _ rows: [[String]]) {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    for row in all {
        let cells = row.enumerated().map { column, cell in
            column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
        }
        print(cells.joined(separator: "  "))
    }
}
