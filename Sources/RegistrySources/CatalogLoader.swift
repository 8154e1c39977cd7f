import CivilTime
import Foundation
import RegionRegistry

/// Why a catalog was rejected: which file, where in it, and what is wrong.
public struct CatalogError: OperatorFacingError, Equatable {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// JSONPath-like, from the document root: `$.profiles[3].routes[0].source_region`.
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public var file: String
    public var problems: [Problem]

    public var description: String {
        let shown = problems.prefix(20).map { "\(file): \($0)" }.joined(separator: "\n")
        return problems.count > 20 ? "\(shown)\n\(file): … and \(problems.count - 20) more problems" : shown
    }
}

/// Turns catalog bytes into a validated `Snapshot`, or a `CatalogError` saying where it is wrong.
public enum CatalogLoader {
    public static let confidences: Set<String> = ["high", "medium", "low"]

    public static func load(_ data: Data, file: String) throws(CatalogError) -> (CatalogFile, Snapshot) {
        let catalog = try decode(data, file: file)
        var problems = check(catalog)
        let snapshot = makeSnapshot(catalog, source: "catalog:\(file)")
        do {
            try snapshot.validate()
        } catch let invalid as InvalidSnapshot {
            problems += invalid.problems.map { CatalogError.Problem(path: "$.\($0.path)", reason: $0.reason) }
        } catch {
            problems.append(.init(path: "$", reason: "\(error)"))
        }
        if !problems.isEmpty { throw CatalogError(file: file, problems: problems) }
        return (catalog, snapshot)
    }

    static func decode(_ data: Data, file: String) throws(CatalogError) -> CatalogFile {
        if let catalog = CatalogFile.fastDecode(data) { return catalog }
        do {
            return try JSONDecoder().decode(CatalogFile.self, from: data)
        } catch let error as DecodingError {
            throw CatalogError(file: file, problems: [problem(from: error)])
        } catch {
            throw CatalogError(file: file, problems: [.init(path: "$", reason: "not valid JSON: \(error)")])
        }
    }

    /// Checks what the types cannot: the format marker, enumerations, references, timestamps.
    static func check(_ catalog: CatalogFile) -> [CatalogError.Problem] {
        var problems: [CatalogError.Problem] = []
        func problem(_ path: String, _ reason: String) { problems.append(.init(path: path, reason: reason)) }
        if catalog.format != CatalogFile.formatName {
            problem("$.format", "expected \"\(CatalogFile.formatName)\", found \"\(catalog.format)\"")
        }
        if catalog.version != CatalogFile.supportedVersion {
            problem("$.version", "this regiond reads catalog version \(CatalogFile.supportedVersion), found \(catalog.version)")
        }
        if Timestamp.parse(catalog.compiledAt) == nil { problem("$.compiled_at", "not an RFC 3339 time: \(catalog.compiledAt)") }
        let evidenceKeys = Set(catalog.provenance.sources.map(\.key))
        for (i, source) in catalog.provenance.sources.enumerated() where source.key.isEmpty || source.key.contains(where: \.isWhitespace) {
            problem("$.provenance.sources[\(i)].key", "must be a word without white space, found \"\(source.key)\"")
        }
        for (i, model) in catalog.models.enumerated() {
            guard let lifecycle = model.lifecycle else { continue }
            let at = "$.models[\(i)].lifecycle"
            for (field, value) in [("legacy_at", lifecycle.legacyAt), ("public_extended_access_at", lifecycle.publicExtendedAccessAt),
                                   ("end_of_life_at", lifecycle.endOfLifeAt)] {
                if let value, !ModelLifecycle.isDay(value) { problem("\(at).\(field)", "not a YYYY-MM-DD date: \(value)") }
            }
            for (k, key) in lifecycle.evidence.enumerated() where !evidenceKeys.contains(key) {
                problem("\(at).evidence[\(k)]", "no provenance source with key \"\(key)\"")
            }
        }
        for (i, profile) in catalog.profiles.enumerated() {
            let at = "$.profiles[\(i)]"
            if InferenceProfile.Kind(rawValue: profile.type) == nil {
                problem("\(at).type", "expected SYSTEM_DEFINED or APPLICATION, found \"\(profile.type)\"")
            }
            for (field, value) in [("created_at", profile.createdAt), ("updated_at", profile.updatedAt)] {
                if let value, Timestamp.parse(value) == nil { problem("\(at).\(field)", "not an RFC 3339 time: \(value)") }
            }
            for (j, route) in profile.routes.enumerated() {
                if let confidence = route.confidence, !confidences.contains(confidence) {
                    problem("\(at).routes[\(j)].confidence", "expected high, medium or low, found \"\(confidence)\"")
                }
                if let scope = route.destinationScope, Route.DestinationScope(rawValue: scope) == nil {
                    problem("\(at).routes[\(j)].destination_scope", "expected regions or commercial, found \"\(scope)\"")
                }
                for (k, key) in (route.evidence ?? []).enumerated() where !evidenceKeys.contains(key) {
                    problem("\(at).routes[\(j)].evidence[\(k)]", "no provenance source with key \"\(key)\"")
                }
            }
        }
        return problems
    }

    static func makeSnapshot(_ catalog: CatalogFile, source: String) -> Snapshot {
        Snapshot(
            source: source,
            scope: .complete,
            regions: catalog.regions.map {
                Region(code: $0.code, name: $0.name, geography: $0.geography, partition: $0.partition,
                       optIn: $0.optIn, bedrockEndpoint: $0.bedrockEndpoint)
            },
            models: catalog.models.map { FoundationModel(id: $0.id, provider: $0.provider, name: $0.name, lifecycle: $0.lifecycle) },
            profiles: catalog.profiles.map { p in
                InferenceProfile(
                    id: p.id, arn: nil, name: p.name, description: p.description,
                    type: InferenceProfile.Kind(rawValue: p.type) ?? .systemDefined, geo: p.geo, modelId: p.modelId,
                    status: p.status,
                    // Stored normalised, so the same instant never reads as a change.
                    createdAt: p.createdAt.map { Timestamp.normalize($0) ?? $0 },
                    updatedAt: p.updatedAt.map { Timestamp.normalize($0) ?? $0 },
                    routes: p.routes.map {
                        Route(sourceRegion: $0.sourceRegion, destinationRegions: $0.destinationRegions,
                              scope: $0.destinationScope.flatMap(Route.DestinationScope.init(rawValue:)) ?? .regions,
                              confidence: $0.confidence, evidence: $0.evidence ?? [])
                    },
                    notes: p.notes ?? [])
            },
            awsGrants: nil)
    }

    static func problem(from error: DecodingError) -> CatalogError.Problem {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = "$"
            for key in codingPath + (last.map { [$0] } ?? []) {
                if let index = key.intValue { text += "[\(index)]" } else { text += ".\(key.stringValue)" }
            }
            return text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .init(path: path(context.codingPath, key), reason: "required key is missing")
        case .typeMismatch(let type, let context):
            return .init(path: path(context.codingPath), reason: "expected \(jsonType(type))")
        case .valueNotFound(let type, let context):
            return .init(path: path(context.codingPath), reason: "expected \(jsonType(type)), found null")
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return .init(path: path(context.codingPath), reason: context.codingPath.isEmpty
                         ? "not valid JSON\(underlying)" : "\(context.debugDescription)\(underlying)")
        @unknown default:
            return .init(path: "$", reason: "\(error)")
        }
    }

    private static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: type is any Decodable.Type && "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
