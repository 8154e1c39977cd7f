import CivilTime
import Foundation
import RegionRegistry
import RegistryTestSupport
import Testing
@testable import RegistrySources

@Suite struct CatalogTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    /// The embedded catalog parsed as plain JSON, to be broken one field at a time.
    func embeddedJSON() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(CatalogSource.embeddedText.utf8)) as? [String: Any])
    }

    func write(_ object: [String: Any]) throws -> String {
        try dir.write("catalog.json", String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
    }

    func problems(_ path: String) -> [CatalogError.Problem] {
        do {
            _ = try CatalogSource(.file(path)).load()
            return []
        } catch let error as CatalogError {
            #expect(error.file == path)
            return error.problems
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func embeddedCatalogKnowsTheDocumentedRoutes() throws {
        let (catalog, snapshot) = try CatalogSource(.embedded).load()
        #expect(catalog.provenance.sources.map(\.key).contains("E4"))
        let haiku = try #require(snapshot.profiles.first { $0.id == "us.anthropic.claude-3-haiku-20240307-v1:0" })
        #expect(haiku.route(from: "us-east-2")?.destinationRegions == ["us-east-1", "us-east-2", "us-west-2"])
        #expect(haiku.route(from: "us-west-2")?.destinationRegions == ["us-east-1", "us-west-2"])
        #expect(snapshot.profiles.contains { $0.id == "us.anthropic.claude-sonnet-4-20250514-v1:0" })
        #expect(Set(snapshot.profiles.map(\.geo)).isSuperset(of: ["us", "eu", "apac", "global", "jp", "au", "us-gov"]))
        #expect(snapshot.source == "catalog:embedded")
    }

    @Test func embeddedCatalogTimesAreNormalised() throws {
        let snapshot = try CatalogSource(.embedded).load().1
        for profile in snapshot.profiles {
            for time in [profile.createdAt, profile.updatedAt].compactMap({ $0 }) {
                #expect(Timestamp.normalize(time) == time)
            }
        }
    }

    @Test func malformedJSONIsRejectedWithTheFile() throws {
        let path = try dir.write("catalog.json", "{\"format\": \"regiond-catalog\", ")
        let found = problems(path)
        #expect(found.count == 1)
        #expect(found.first?.path == "$")
        #expect(found.first?.reason.contains("not valid JSON") == true)
    }

    @Test func wrongTypeIsReportedAtItsPath() throws {
        var json = try embeddedJSON()
        var profiles = json["profiles"] as! [[String: Any]]
        var routes = profiles[2]["routes"] as! [[String: Any]]
        routes[0]["destination_regions"] = "us-east-1"
        profiles[2]["routes"] = routes
        json["profiles"] = profiles
        let found = problems(try write(json))
        #expect(found.map(\.path) == ["$.profiles[2].routes[0].destination_regions"])
        #expect(found.first?.reason == "expected an array")
    }

    @Test func missingKeyIsReportedAtItsPath() throws {
        var json = try embeddedJSON()
        var regions = json["regions"] as! [[String: Any]]
        regions[1].removeValue(forKey: "name")
        json["regions"] = regions
        #expect(problems(try write(json)).map(\.path) == ["$.regions[1].name"])
    }

    @Test func unknownRegionsBadEnumsAndEvidenceAreAllReported() throws {
        var json = try embeddedJSON()
        var profiles = json["profiles"] as! [[String: Any]]
        var routes = profiles[0]["routes"] as! [[String: Any]]
        routes[0]["destination_regions"] = ["us-east-1", "atlantis-1"]
        routes[0]["confidence"] = "certain"
        routes[0]["evidence"] = ["E99"]
        routes[1]["destination_scope"] = "everywhere"
        profiles[0]["routes"] = routes
        profiles[1]["type"] = "CUSTOM"
        json["profiles"] = profiles
        json["version"] = 7
        var provenance = json["provenance"] as! [String: Any]
        var sources = provenance["sources"] as! [[String: Any]]
        sources.append(["key": "E 100", "kind": "x", "url": "https://example.com", "what": "a key with a space"])
        provenance["sources"] = sources
        json["provenance"] = provenance
        let paths = Set(problems(try write(json)).map(\.path))
        #expect(paths == [
            "$.version", "$.profiles[0].routes[0].confidence", "$.profiles[0].routes[0].evidence[0]",
            "$.profiles[1].type", "$.profiles[0].routes[0].destination_regions[0]", "$.profiles[0].routes[1].destination_scope",
            "$.provenance.sources[\(sources.count - 1)].key",
        ])
    }

    @Test func unreadableFileSaysSo() {
        let path = dir.file("absent.json")
        let found = problems(path)
        #expect(found.first?.reason.hasPrefix("cannot read the file") == true)
    }

    @Test func errorTextNamesFilePathAndReason() throws {
        let error = CatalogError(file: "/etc/regiond/c.json", problems: [.init(path: "$.regions[0].code", reason: "must not be empty")])
        #expect(error.description == "/etc/regiond/c.json: $.regions[0].code: must not be empty")
    }
}
