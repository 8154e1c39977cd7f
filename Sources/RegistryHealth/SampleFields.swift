import JSONScanning
import CivilTime
import Foundation
import RegionRegistry

/// One sample's fields as read from the body, type-checked as they arrive; `validate` then checks
/// them against the registry and the clock and builds the `HealthSample`.
struct SampleFields {
    typealias Problem = (field: String, reason: String)

    enum Field: String, CaseIterable {
        case region, modelId = "model_id", profileId = "profile_id", sourceRegion = "source_region"
        case observedAt = "observed_at", latencyMs = "latency_ms", ttftMs = "ttft_ms"
        case outcome, httpStatus = "http_status", origin

        /// Matches a field name without allocating a String.
        init?(_ name: UnsafeRawBufferPointer) {
            guard let match = Self.names.first(where: { $0.name.elementsEqual(name) }) else { return nil }
            self = match.field
        }

        private static let names: [(name: [UInt8], field: Field)] = allCases.map { (Array($0.rawValue.utf8), $0) }

        /// This field's bit in `seen` (duplicate detection).
        var bit: UInt16 {
            switch self {
            case .region: 1 << 0
            case .modelId: 1 << 1
            case .profileId: 1 << 2
            case .sourceRegion: 1 << 3
            case .observedAt: 1 << 4
            case .latencyMs: 1 << 5
            case .ttftMs: 1 << 6
            case .outcome: 1 << 7
            case .httpStatus: 1 << 8
            case .origin: 1 << 9
            }
        }
    }

    var region: String?
    var modelId: String?
    var profileId: String?
    var sourceRegion: String?
    var observedAt: Date?
    var latencyMs: Double?
    var ttftMs: Double?
    var outcome: HealthSample.Outcome?
    var httpStatus: Int?
    var origin: String?
    private var seen: UInt16 = 0

    static let outcomes = HealthSample.Outcome.allCases.map { (Array($0.rawValue.utf8), $0) }
    static let outcomeList = HealthSample.Outcome.allCases.map(\.rawValue).joined(separator: ", ")

    /// Records one field; returns the problem with it, if any.
    mutating func set(key: JSONScanner.Text, value: JSONScanner.Value, scanner: JSONScanner) -> Problem? {
        guard let field = scanner.withBytes(key, { Field($0) }) else {
            return (scanner.withBytes(key) { String(decoding: $0, as: UTF8.self) }, "unknown field")
        }
        guard seen & field.bit == 0 else { return (field.rawValue, "duplicate field") }
        seen |= field.bit
        if case .null = value { return nil }

        switch field {
        case .region, .modelId, .profileId, .sourceRegion, .origin:
            guard case .string(let text) = value else { return (field.rawValue, "must be a string") }
            guard let string = scanner.string(text) else { return (field.rawValue, "must be valid UTF-8") }
            switch field {
            case .region: region = string
            case .modelId: modelId = string
            case .profileId: profileId = string
            case .sourceRegion: sourceRegion = string
            default: origin = string
            }
        case .observedAt:
            guard case .string(let text) = value, let date = scanner.withBytes(text, { Timestamp.parse($0) }) else {
                return (field.rawValue, "must be an RFC 3339 timestamp such as 2026-05-01T12:00:00.250Z")
            }
            observedAt = date
        case .latencyMs, .ttftMs:
            guard case .number(let number) = value, number.isFinite, number >= 0 else {
                return (field.rawValue, "must be a number ≥ 0")
            }
            if field == .latencyMs { latencyMs = number } else { ttftMs = number }
        case .outcome:
            guard case .string(let text) = value,
                  let outcome = scanner.withBytes(text, { bytes in Self.outcomes.first { $0.0.elementsEqual(bytes) }?.1 })
            else { return (field.rawValue, "must be one of \(Self.outcomeList)") }
            self.outcome = outcome
        case .httpStatus:
            guard case .number(let number) = value, number == number.rounded(), (100...599).contains(number) else {
                return (field.rawValue, "must be an HTTP status code (an integer 100–599)")
            }
            httpStatus = Int(number)
        }
        return nil
    }

    func validate(_ context: SampleValidationContext) -> Result<HealthSample, SampleFieldProblem> {
        do {
            return .success(try build(context))
        } catch {
            return .failure(error)
        }
    }

    private func build(_ context: SampleValidationContext) throws(SampleFieldProblem) -> HealthSample {
        let (modelId, profileId) = try resolveModel(context)
        if let sourceRegion { try Self.check(region: sourceRegion, field: "source_region", context) }
        let region: String
        if let given = self.region { region = given } else { region = try attributedRegion(profileId: profileId, context) }
        try Self.check(region: region, field: "region", context)

        guard let observedAt else { throw .init("observed_at", "required") }
        let ahead = observedAt.timeIntervalSince(context.now)
        if ahead > context.maxFutureSkew {
            throw .init("observed_at", "is \(Int(ahead.rounded())) s in the future (more than \(Int(context.maxFutureSkew)) s ahead of regiond's clock)")
        }
        if -ahead > context.maxAge {
            throw .init("observed_at", "is older than \(Int(context.maxAge)) s (beyond retention)")
        }
        guard let latencyMs else { throw .init("latency_ms", "required") }
        guard let outcome else { throw .init("outcome", "required") }
        let origin = origin ?? HealthSample.defaultOrigin
        guard !origin.isEmpty, origin.count <= HealthSample.maxOriginLength else {
            throw .init("origin", "must be 1–\(HealthSample.maxOriginLength) characters")
        }
        return HealthSample(
            region: region, modelId: modelId, profileId: profileId, sourceRegion: sourceRegion,
            observedAt: observedAt, latencyMs: latencyMs, ttftMs: ttftMs, outcome: outcome,
            httpStatus: httpStatus, origin: origin)
    }

    /// The sample's model, from `model_id` or from its profile (`profile_id`, or a profile id or ARN
    /// given as `model_id`); the two must agree when both are given.
    private func resolveModel(_ context: SampleValidationContext) throws(SampleFieldProblem) -> (model: String, profile: String?) {
        var modelId = modelId
        var profileId = profileId.map { InferenceProfile.id(fromARN: $0) ?? $0 }
        if profileId == nil, let given = modelId, !context.knownModels.contains(given) {
            let asProfile = InferenceProfile.id(fromARN: given) ?? given
            if context.profileModels[asProfile] != nil {
                profileId = asProfile
                modelId = nil
            }
        }
        if let profileId {
            if let profileModel = context.profileModels[profileId] {
                if let modelId, modelId != profileModel {
                    throw .init("model_id", "\(modelId) does not match profile \(profileId), which serves \(profileModel)")
                }
                return (profileModel, profileId)
            }
            guard context.acceptUnknown else { throw .init("profile_id", "unknown inference profile \(profileId)") }
            guard let modelId else { throw .init("model_id", "required when profile_id is not a known profile") }
            try Self.check(model: modelId, context)
            return (modelId, profileId)
        }
        guard let modelId else { throw .init("model_id", "required (or profile_id)") }
        try Self.check(model: modelId, context)
        return (modelId, nil)
    }

    private static func check(region: String, field: String, _ context: SampleValidationContext) throws(SampleFieldProblem) {
        if context.knownRegions.contains(region) { return }
        guard context.acceptUnknown else { throw .init(field, "unknown region \(region)") }
        guard looksLikeRegionCode(region) else {
            throw .init(field, "must be a region code such as us-east-1 (lower-case letters, digits and dashes)")
        }
    }

    private static func check(model: String, _ context: SampleValidationContext) throws(SampleFieldProblem) {
        if context.knownModels.contains(model) { return }
        guard context.acceptUnknown else { throw .init("model_id", "unknown model \(model)") }
        guard !model.isEmpty, model.utf8.count <= 256, !model.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 })
        else { throw .init("model_id", "must be a model id (1–256 characters, no spaces)") }
    }

    static func looksLikeRegionCode(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard (2...32).contains(utf8.count), let first = utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
              utf8.last != UInt8(ascii: "-")
        else { return false }
        return utf8.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
    }
}

/// A problem with one field of one sample (the batch parser adds the index).
struct SampleFieldProblem: Error {
    var field: String
    var reason: String
    init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }
}
