import CivilTime
import Foundation
import RegionRegistry

// Bedrock control-plane response bodies (rest-json, API 2023-04-20). Decoding is lenient where
// AWS is known to vary: unknown fields are ignored, enums stay strings, timestamps come in many
// spellings. Fields the registry cannot do without are required: a body without them is a
// failed read of that region, never a partial write.

struct ListInferenceProfilesResponse: Decodable {
    /// Each entry decoded on its own: one malformed profile is skipped and reported, not the page.
    var inferenceProfileSummaries: [Decoded<InferenceProfileSummary>]
    var nextToken: String?
}

/// An array element that decoded, or why it did not and the profile id it names, if it does
/// (what the AWS source reports as skipped).
enum Decoded<Value: Decodable>: Decodable {
    case value(Value)
    case unreadable(id: String?, reason: String)

    init(from decoder: any Decoder) throws {
        do {
            self = .value(try Value(from: decoder))
        } catch let error as DecodingError {
            self = .unreadable(id: (try? IdentifierProbe(from: decoder))?.inferenceProfileId, reason: BedrockControlPlane.describe(error))
        }
    }

    private struct IdentifierProbe: Decodable {
        var inferenceProfileId: String?
    }
}

struct InferenceProfileSummary: Decodable {
    var inferenceProfileId: String
    var inferenceProfileName: String?
    var inferenceProfileArn: String?
    var description: String?
    var createdAt: WireTimestamp?
    var updatedAt: WireTimestamp?
    var models: [ModelReference]
    var status: String?
    var type: String?

    struct ModelReference: Decodable {
        var modelArn: String
    }
}

struct ListFoundationModelsResponse: Decodable {
    var modelSummaries: [FoundationModelSummary]
}

struct FoundationModelSummary: Decodable {
    var modelId: String
    var modelName: String?
    var providerName: String?
    var modelLifecycle: Lifecycle?

    struct Lifecycle: Decodable {
        var status: String?
    }
}

struct FoundationModelAvailability: Decodable {
    var modelId: String?
    var agreementAvailability: Agreement?
    var authorizationStatus: String?
    var entitlementAvailability: String?
    var regionAvailability: String?

    struct Agreement: Decodable {
        var status: String?
        var errorMessage: String?
    }
}

/// A timestamp as AWS sends it, normalised to the registry's RFC 3339 text where possible.
/// ISO 8601 with 0–9 fractional digits and any offset, epoch seconds (rest-json's other form),
/// and Java's `Date.toString()` (seen in production in 2025) are understood; anything else is kept
/// verbatim rather than failing the refresh.
struct WireTimestamp: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Double.self) {
            text = Timestamp.format(Date(timeIntervalSince1970: seconds))
            return
        }
        let raw = try container.decode(String.self)
        text = Timestamp.normalize(raw) ?? Self.javaDate(raw).map(Timestamp.format) ?? raw
    }

    /// `Mon Aug 04 00:25:20 UTC 2025`.
    static func javaDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE MMM dd HH:mm:ss zzz yyyy"
        return formatter.date(from: text)
    }
}

/// `arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0`.
struct FoundationModelARN: Equatable {
    /// Empty for the regionless form seen for `global.` profiles.
    var region: String
    var modelId: String

    init?(_ arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "bedrock", parts[5].hasPrefix("foundation-model/") else { return nil }
        let id = parts[5].dropFirst("foundation-model/".count)
        guard !id.isEmpty else { return nil }
        region = String(parts[3])
        modelId = String(id)
    }
}
