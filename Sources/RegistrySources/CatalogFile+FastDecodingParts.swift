import RegionRegistry
import JSONScanning

// The catalog's parts for `CatalogFile.fastDecode`: each reads its keys (unknown ones skipped, as
// JSONDecoder does) and is built only when every required one was there.

extension CatalogFile.Provenance {
    static func scan(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> Self {
        var summary: String?, sources: [CatalogFile.Source]?, notes: [String]?
        try scanner.object { (scanner: inout JSONScanner, field: String) throws(JSONSyntaxError) in
            switch field {
            case "summary": summary = try scanner.text()
            case "sources": sources = try scanner.list(CatalogFile.Source.scan)
            case "notes": notes = try scanner.texts()
            default: try scanner.skip()
            }
        }
        guard let summary, let sources, let notes else { throw scanner.fail("a required field is missing") }
        return Self(summary: summary, sources: sources, notes: notes)
    }
}

extension CatalogFile.Source {
    static func scan(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> Self {
        var key: String?, kind: String?, observed: String?, url: String?, what: String?
        try scanner.object { (scanner: inout JSONScanner, field: String) throws(JSONSyntaxError) in
            switch field {
            case "key": key = try scanner.text()
            case "kind": kind = try scanner.text()
            case "observed": observed = try scanner.optionalText()
            case "url": url = try scanner.text()
            case "what": what = try scanner.text()
            default: try scanner.skip()
            }
        }
        guard let key, let kind, let url, let what else { throw scanner.fail("a required field is missing") }
        return Self(key: key, kind: kind, observed: observed, url: url, what: what)
    }
}

extension CatalogFile.Region {
    static func scan(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> Self {
        var code: String?, name: String?, geography: String?, partition: String?, optIn: Bool?, bedrockEndpoint: Bool?
        try scanner.object { (scanner: inout JSONScanner, field: String) throws(JSONSyntaxError) in
            switch field {
            case "code": code = try scanner.text()
            case "name": name = try scanner.text()
            case "geography": geography = try scanner.text()
            case "partition": partition = try scanner.text()
            case "opt_in": optIn = try scanner.optionalBool()
            case "bedrock_endpoint": bedrockEndpoint = try scanner.optionalBool()
            default: try scanner.skip()
            }
        }
        guard let code, let name, let geography, let partition else { throw scanner.fail("a required field is missing") }
        return Self(code: code, name: name, geography: geography, partition: partition, optIn: optIn, bedrockEndpoint: bedrockEndpoint)
    }
}

extension CatalogFile.Model {
    static func scan(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> Self {
        var id: String?, provider: String?, name: String?, lifecycle: ModelLifecycle?
        try scanner.object { (scanner: inout JSONScanner, field: String) throws(JSONSyntaxError) in
            switch field {
            case "id": id = try scanner.text()
            case "provider": provider = try scanner.optionalText()
            case "name": name = try scanner.optionalText()
            // A null lifecycle fails the object scan: JSONDecoder then reads the file, slower but the same.
            case "lifecycle": lifecycle = try ModelLifecycle.scan(&scanner)
            default: try scanner.skip()
            }
        }
        guard let id else { throw scanner.fail("a required field is missing") }
        return Self(id: id, provider: provider, name: name, lifecycle: lifecycle)
    }
}

extension ModelLifecycle {
    static func scan(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> Self {
        var status: Status?, dates: [String: String] = [:], replacement: String?, regions: [String] = [], evidence: [String] = []
        try scanner.object { (scanner: inout JSONScanner, field: String) throws(JSONSyntaxError) in
            switch field {
            case "status": status = Status(rawValue: try scanner.text())
            case "legacy_at", "public_extended_access_at", "end_of_life_at": dates[field] = try scanner.optionalText()
            case "recommended_replacement": replacement = try scanner.optionalText()
            case "regions": regions = try scanner.texts()
            case "evidence": evidence = try scanner.texts()
            default: try scanner.skip()
            }
        }
        guard let status else { throw scanner.fail("lifecycle.status is missing or not ACTIVE, LEGACY or EOL") }
        return Self(status: status, legacyAt: dates["legacy_at"], publicExtendedAccessAt: dates["public_extended_access_at"],
                    endOfLifeAt: dates["end_of_life_at"], recommendedReplacement: replacement, regions: regions, evidence: evidence)
    }
}
