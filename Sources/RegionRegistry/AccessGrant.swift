/// Whether a foundation model may be invoked in a region, as AWS reports it or as an operator says.
public struct AccessGrant: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case granted, denied, unknown
    }

    public enum Origin: String, Sendable, Hashable, Codable, CaseIterable {
        /// Read from GetFoundationModelAvailability.
        case aws
        /// Set through the API; wins over `aws`, and the AWS source never overwrites it.
        case manual
    }

    public struct Key: Sendable, Hashable, Codable, Comparable {
        public var modelId: String
        public var region: String
        public init(modelId: String, region: String) {
            self.modelId = modelId
            self.region = region
        }
        public static func < (a: Key, b: Key) -> Bool {
            (a.region, a.modelId) < (b.region, b.modelId)
        }
    }

    public var modelId: String
    public var region: String
    public var origin: Origin
    public var status: Status
    public var state: State
    // AWS's own fields, kept verbatim (unknown enum values included).
    public var authorizationStatus: String?
    public var entitlementAvailability: String?
    public var regionAvailability: String?
    public var agreementStatus: String?
    public var note: String?
    public var checkedAt: String

    public var key: Key { Key(modelId: modelId, region: region) }

    public init(
        modelId: String, region: String, origin: Origin, status: Status, state: State? = nil,
        authorizationStatus: String? = nil, entitlementAvailability: String? = nil,
        regionAvailability: String? = nil, agreementStatus: String? = nil,
        note: String? = nil, checkedAt: String
    ) {
        self.modelId = modelId
        self.region = region
        self.origin = origin
        self.status = status
        self.state = state ?? (origin == .manual ? .manual : .unrecognized)
        self.authorizationStatus = authorizationStatus
        self.entitlementAvailability = entitlementAvailability
        self.regionAvailability = regionAvailability
        self.agreementStatus = agreementStatus
        self.note = note
        self.checkedAt = checkedAt
    }

    /// Same facts, ignoring when they were checked: re-reading an unchanged grant is not a change.
    public func sameFacts(as other: AccessGrant) -> Bool {
        var a = self, b = other
        a.checkedAt = ""
        b.checkedAt = ""
        return a == b
    }
}
