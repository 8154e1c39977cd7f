import JSONScanning

extension CatalogFile.Profile {
    static func scan(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> Self {
        var id: String?, name: String?, description: String?, type: String?, geo: String?, modelId: String?, status: String?
        var createdAt: String?, updatedAt: String?, notes: [String]?, routes: [CatalogFile.Route]?
        try scanner.object { (scanner: inout JSONScanner, field: String) throws(JSONSyntaxError) in
            switch field {
            case "id": id = try scanner.text()
            case "name": name = try scanner.text()
            case "description": description = try scanner.optionalText()
            case "type": type = try scanner.text()
            case "geo": geo = try scanner.text()
            case "model_id": modelId = try scanner.text()
            case "status": status = try scanner.text()
            case "created_at": createdAt = try scanner.optionalText()
            case "updated_at": updatedAt = try scanner.optionalText()
            case "notes": notes = try scanner.optionalTexts()
            case "routes": routes = try scanner.list(CatalogFile.Route.scan)
            default: try scanner.skip()
            }
        }
        guard let id, let name, let type, let geo, let modelId, let status, let routes else {
            throw scanner.fail("a required field is missing")
        }
        return Self(id: id, name: name, description: description, type: type, geo: geo, modelId: modelId, status: status,
                    createdAt: createdAt, updatedAt: updatedAt, notes: notes, routes: routes)
    }
}

extension CatalogFile.Route {
    static func scan(_ scanner: inout JSONScanner) throws(JSONSyntaxError) -> Self {
        var source: String?, destinations: [String]?, scope: String?, confidence: String?, evidence: [String]?
        try scanner.object { (scanner: inout JSONScanner, field: String) throws(JSONSyntaxError) in
            switch field {
            case "source_region": source = try scanner.text()
            case "destination_regions": destinations = try scanner.texts()
            case "destination_scope": scope = try scanner.optionalText()
            case "confidence": confidence = try scanner.optionalText()
            case "evidence": evidence = try scanner.optionalTexts()
            default: try scanner.skip()
            }
        }
        guard let source, let destinations else { throw scanner.fail("a required field is missing") }
        return Self(sourceRegion: source, destinationRegions: destinations, destinationScope: scope, confidence: confidence,
                    evidence: evidence)
    }
}
