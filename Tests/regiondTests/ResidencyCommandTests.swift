import Foundation
import RegistryTestSupport
import Testing

/// `regiond residency` on a database refreshed from the embedded catalog.
@Suite struct ResidencyCommandTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    var db: String { dir.file("regiond.sqlite3") }

    @Test func europeKeepsTheEUProfilesAndListsWhereGlobalRoutesGo() async throws {
        #expect(try await RegiondProcess.run(["refresh", "--once", "--db", db], in: dir.path).status == 0)
        let result = try await RegiondProcess.run(["residency", "--geography", "Europe", "--source-region", "eu-west-1", "--db", db], in: dir.path)
        #expect(result.status == 0, "\(result.stderr)")
        let (inside, leaving) = try #require(result.stdout.split(separator: "\nLeave").map(String.init).pairIfTwo)
        #expect(inside.contains("eu.anthropic.claude-sonnet-4-5-20250929-v1:0  eu-west-1"), "\(inside)")
        #expect(!inside.contains("global."), "global routes may run anywhere")
        let globalLine = leaving.split(separator: "\n").first { $0.hasPrefix("global.anthropic.claude-sonnet-4-5-20250929-v1:0") } ?? ""
        #expect(globalLine.contains("us-east-1") && !globalLine.contains("eu-west-3"), "\(globalLine)")

        let unknown = try await RegiondProcess.run(["residency", "--geography", "Atlantis", "--db", db], in: dir.path)
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown geography Atlantis") && unknown.stderr.contains("Europe"))
        let none = try await RegiondProcess.run(["residency", "--db", db], in: dir.path)
        #expect(none.status != 0 && none.stderr.contains("no guard"))
    }
}

extension ResidencyCommandTests {
    @Test func modelsListsLifecycleEndOfLifeAndTheProfilesFromASourceRegion() async throws {
        #expect(try await RegiondProcess.run(["refresh", "--once", "--db", db], in: dir.path).status == 0)
        let ended = try await RegiondProcess.run(["models", "--lifecycle", "eol", "--provider", "anthropic", "--db", db], in: dir.path)
        #expect(ended.status == 0, "\(ended.stderr)")
        let haiku = ended.stdout.split(separator: "\n").first { $0.hasPrefix("anthropic.claude-3-haiku-20240307-v1:0 ") } ?? ""
        #expect(haiku.contains("EOL") && haiku.contains("2026-09-10"), "\(ended.stdout)")
        let fromIreland = try await RegiondProcess.run(["models", "--source-region", "eu-west-1", "--db", db], in: dir.path)
        let sonnet = fromIreland.stdout.split(separator: "\n").first { $0.hasPrefix("anthropic.claude-sonnet-4-5-20250929-v1:0 ") } ?? ""
        #expect(sonnet.contains("eu.anthropic.claude-sonnet-4-5-20250929-v1:0,global.anthropic.claude-sonnet-4-5-20250929-v1:0"), "\(sonnet)")
        let bad = try await RegiondProcess.run(["models", "--lifecycle", "retired", "--db", db], in: dir.path)
        #expect(bad.status != 0 && bad.stderr.contains("--lifecycle"))
    }
}

private extension Array {
    var pairIfTwo: (Element, Element)? { count == 2 ? (self[0], self[1]) : nil }
}
