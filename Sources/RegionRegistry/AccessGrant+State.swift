extension AccessGrant {
    /// What AWS said, in one word (the `status` is its summary). From GetFoundationModelAvailability's
    /// four fields, or from how the call went; `manual` for a grant set through the API.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// All four fields positive. Necessary, not sufficient: IAM and SCPs still decide.
        case available
        /// Agreement `NOT_AVAILABLE` (or `ERROR`): a third-party model's first invocation, by a
        /// principal allowed `aws-marketplace:Subscribe`, creates the subscription.
        case notSubscribed = "not_subscribed"
        /// Agreement `PENDING`: requests fail until it completes (minutes).
        case agreementPending = "agreement_pending"
        /// `authorizationStatus` negative: for the principal regiond checked with, not every caller.
        case notAuthorized = "not_authorized"
        /// `entitlementAvailability` negative.
        case notEntitled = "not_entitled"
        /// `regionAvailability` negative, or the model is unknown in the region (404).
        case notOffered = "not_offered"
        /// An opt-in region the account has not enabled: AWS may still route requests there.
        case regionNotEnabled = "region_not_enabled"
        /// The availability call failed; nothing is known.
        case unreadable
        /// AWS answered a value this regiond does not know.
        case unrecognized
        /// Set through the API by an operator.
        case manual

        /// The summary a route's access is judged by.
        public var status: Status {
            switch self {
            case .available: .granted
            case .notAuthorized, .notEntitled, .notOffered: .denied
            case .notSubscribed, .agreementPending, .regionNotEnabled, .unreadable, .unrecognized: .unknown
            case .manual: .unknown  // a manual grant carries its own status
            }
        }

        /// One line for a reader of `/access`, `/route`, `/resolve` and `/v1/grants`.
        public var reason: String {
            switch self {
            case .available: "AWS reports the model authorized, entitled, offered and agreed here (IAM and SCPs still decide)"
            case .notSubscribed:
                "no Marketplace agreement yet: the first invocation by a principal allowed aws-marketplace:Subscribe creates it"
            case .agreementPending: "the model agreement is pending; requests fail until it completes"
            case .notAuthorized: "not authorized for the principal regiond checked with (other callers may differ)"
            case .notEntitled: "the account is not entitled to the model here"
            case .notOffered: "the model is not offered in this region"
            case .regionNotEnabled: "an opt-in region the account has not enabled; AWS may still route requests here"
            case .unreadable: "the availability call failed; nothing is known"
            case .unrecognized: "AWS answered a value this regiond does not know"
            case .manual: "set by an operator"
            }
        }
    }
}

extension AccessGrant {
    /// A grant read from AWS: its status follows from its state.
    public static func aws(
        modelId: String, region: String, state: State, authorizationStatus: String? = nil, entitlementAvailability: String? = nil,
        regionAvailability: String? = nil, agreementStatus: String? = nil, note: String? = nil, checkedAt: String
    ) -> AccessGrant {
        AccessGrant(modelId: modelId, region: region, origin: .aws, status: state.status, state: state,
                    authorizationStatus: authorizationStatus, entitlementAvailability: entitlementAvailability,
                    regionAvailability: regionAvailability, agreementStatus: agreementStatus, note: note, checkedAt: checkedAt)
    }
}
