/// What the stand-in's "account" holds, per region. Tests build one and change it between
/// refreshes to play AWS adding, changing and removing things.
public struct StandInWorld: Sendable {
    /// Source region → the profiles ListInferenceProfiles reports there (destinations differ by source).
    public var profiles: [String: [StandInProfile]] = [:]
    /// Region → ListFoundationModels.
    public var models: [String: [StandInModel]] = [:]
    /// Region → model id → GetFoundationModelAvailability; a missing entry answers 404.
    public var availability: [String: [String: StandInAvailability]] = [:]
    /// Opt-in regions the account has not enabled: every call there answers 403
    /// UnrecognizedClientException, as AWS does.
    public var disabledRegions: Set<String> = []

    public init() {}
}

public struct StandInProfile: Sendable, Hashable {
    public var id: String
    public var name: String
    public var type: String
    public var modelId: String
    public var destinations: [String]
    public var status: String
    public var createdAt: String
    /// Serve the entry without `models` (a required field): a malformed entry.
    public var omitsModels = false

    public init(id: String, name: String? = nil, type: String = "SYSTEM_DEFINED", modelId: String, destinations: [String],
                status: String = "ACTIVE", createdAt: String = "2025-05-14T00:00:00.123456789Z") {
        self.id = id
        self.name = name ?? id
        self.type = type
        self.modelId = modelId
        self.destinations = destinations
        self.status = status
        self.createdAt = createdAt
    }
}

extension StandInProfile {
    /// A destination standing for "any commercial region": AWS lists a region-less ARN.
    public static let anyCommercialRegion = ""
    /// A destination standing for the region the profile is listed in.
    public static let listingRegion = "$source"

    /// `models[]` as AWS answers it in `region`: one foundation-model ARN per destination; a
    /// `global.` profile's region-less ARN beside the source region's own.
    func modelARNs(servedIn region: String) -> [String] {
        destinations.map { destination in
            let arnRegion = destination == Self.listingRegion ? region : destination
            return "arn:aws:bedrock:\(arnRegion)::foundation-model/\(modelId)"
        }
    }
}

public struct StandInModel: Sendable, Hashable {
    public var id: String
    public var name: String
    public var provider: String
    public var lifecycle: String

    public init(id: String, name: String? = nil, provider: String = "Anthropic", lifecycle: String = "ACTIVE") {
        self.id = id
        self.name = name ?? id
        self.provider = provider
        self.lifecycle = lifecycle
    }
}

public struct StandInAvailability: Sendable, Hashable {
    public var authorization: String
    public var entitlement: String
    public var region: String
    public var agreement: String

    public init(authorization: String = "AUTHORIZED", entitlement: String = "AVAILABLE", region: String = "AVAILABLE",
                agreement: String = "AVAILABLE") {
        self.authorization = authorization
        self.entitlement = entitlement
        self.region = region
        self.agreement = agreement
    }

    public static let granted = StandInAvailability()
    public static let agreementPending = StandInAvailability(agreement: "PENDING")
    public static let notSubscribed = StandInAvailability(agreement: "NOT_AVAILABLE")
}

/// A misbehaviour to inject: matched by region, operation and model id (nil matches any), served
/// `times` times (then the stand-in answers normally again).
public struct StandInFault: Sendable {
    public enum Kind: Sendable {
        case throttle
        case serverError
        case accessDenied
        /// 403 ExpiredTokenException, as for a session that ended early.
        case expiredToken
        /// 200 with a body that is not the API's JSON.
        case malformed
        /// Waits this long, then answers normally: for timeouts.
        case slow(Duration)
    }

    public var kind: Kind
    public var region: String?
    public var operation: String?
    public var modelId: String?
    public var times: Int

    public init(_ kind: Kind, region: String? = nil, operation: String? = nil, modelId: String? = nil, times: Int = .max) {
        self.kind = kind
        self.region = region
        self.operation = operation
        self.modelId = modelId
        self.times = times
    }
}

/// One request as the stand-in saw it, with its signature verdict.
public struct StandInRequest: Sendable {
    public var operation: String
    /// The region of the signature's credential scope (nil when the signature was unreadable).
    public var region: String?
    public var path: String
    public var query: String
    public var signatureError: String?
    public var status: Int
    public var hadSessionToken: Bool
}
