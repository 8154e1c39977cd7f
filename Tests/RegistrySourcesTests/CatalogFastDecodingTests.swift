import Foundation
import RegistrySources
import Testing
@testable import RegistrySources

/// The pull-scanner decoder and JSONDecoder read every valid catalog the same; anything the fast
/// one does not expect makes it step aside (nil), so JSONDecoder's precise errors still speak.
@Suite struct CatalogFastDecodingTests {
    static func slow(_ data: Data) throws -> CatalogFile { try JSONDecoder().decode(CatalogFile.self, from: data) }

    @Test func theEmbeddedCatalogDecodesTheSameBothWays() throws {
        let data = Data(CatalogSource.embeddedText.utf8)
        #expect(CatalogFile.fastDecode(data) == (try Self.slow(data)))
        let sonnet = try #require(CatalogFile.fastDecode(data)?.models.first { $0.id == "anthropic.claude-sonnet-4-5-20250929-v1:0" })
        #expect(sonnet.lifecycle?.endOfLifeAt == "2027-04-08" && sonnet.lifecycle?.evidence.isEmpty == false, "models carry AWS's lifecycle")
    }

    @Test func escapesNullsUnknownFieldsAndMissingOptionalsAgree() throws {
        let text = #"""
            {"format": "regiond-catalog", "version": 1, "name": "t\u00e9st \"quoted\"", "compiled_at": "2026-12-02T00:00:00Z",
             "extra": {"nested": [1, 2.5, true, null, {"deep": []}]},
             "provenance": {"summary": "s", "sources": [{"key": "E1", "kind": "doc", "observed": null, "url": "https://x", "what": "w"}],
                            "notes": []},
             "regions": [{"code": "us-east-1", "name": "N. Virginia", "geography": "US", "partition": "aws", "opt_in": null},
                         {"code": "us-west-2", "name": "Oregon", "geography": "US", "partition": "aws", "opt_in": false,
                          "bedrock_endpoint": true, "future": "field"}],
             "models": [{"id": "m", "provider": null}],
             "profiles": [{"id": "us.m", "name": "US m", "description": null, "type": "SYSTEM_DEFINED", "geo": "us", "model_id": "m",
                           "status": "ACTIVE", "notes": null, "routes": [
                             {"source_region": "us-east-1", "destination_regions": ["us-west-2", "us-east-1"], "evidence": ["E1"]},
                             {"source_region": "us-west-2", "destination_regions": ["us-west-2"], "destination_scope": "commercial",
                              "confidence": null, "evidence": null}]}]}
            """#
        let data = Data(text.utf8)
        let fast = try #require(CatalogFile.fastDecode(data))
        #expect(fast == (try Self.slow(data)))
        #expect(fast.name == "t\u{e9}st \"quoted\"" && fast.profiles[0].routes[1].destinationScope == "commercial")
    }

    @Test(arguments: [
        #"{"format": "regiond-catalog", "version": "1"}"#,
        #"{"format": "regiond-catalog", "version": 1.5}"#,
        #"{"format": 7}"#,
        #"{"format": "regiond-catalog"} trailing"#,
        #"[]"#,
        #"{"format": "regiond-catalog", "version": 1, "name": "n"}"#,
    ])
    func anythingUnexpectedStepsAside(_ text: String) {
        #expect(CatalogFile.fastDecode(Data(text.utf8)) == nil)
    }
}
