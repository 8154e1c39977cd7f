import Foundation
import GRDB
import RegionRegistry
import RegistrySources
import RegistryTestSupport
import Testing
@testable import RegistryStore

/// A value this regiond does not know (a newer regiond wrote it, or a person did) is an error
/// naming the row, never read as some default that would change an answer.
@Suite struct UnreadableRowTests {
    @Test func anUnknownEnumValueNamesItsRow() async throws {
        let dir = try TemporaryDirectory()
        let store = try await SQLiteStore.open(at: dir.file("db.sqlite3"))
        let snapshot = try CatalogSource(.embedded).load().1
        _ = try await store.apply(snapshot, run: try await store.beginRun(source: snapshot.source, trigger: .cli))
        let profile = try #require(snapshot.profiles.first).id
        try await store.pool.writeWithoutTransaction { db in
            // The schema's CHECK constraints keep this out; a newer schema would not.
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE inference_profile SET type = 'RESERVED' WHERE id = ?", arguments: [profile])
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        await #expect(throws: StoreError.unreadableRow(table: "inference_profile", key: profile, column: "type", value: "RESERVED")) {
            try await store.loadView()
        }
        let message = StoreError.unreadableRow(table: "inference_profile", key: profile, column: "type", value: "RESERVED").description
        #expect(message.contains("inference_profile \(profile)") && message.contains("RESERVED"))
        try store.close()
    }
}
