import RegionRegistry

/// What GetFoundationModelAvailability's four fields mean for access (see the README's AWS
/// section for the AWS documentation behind each mapping).
enum GrantInterpretation {
    /// The first negative field decides, in the order a request meets them: the model offered in
    /// the region, the caller authorized, the account entitled, the agreement in place. All four
    /// positive is `available`; a value this regiond does not know is `unrecognized`.
    static func state(_ availability: FoundationModelAvailability) -> AccessGrant.State {
        let agreement = availability.agreementAvailability?.status
        if availability.regionAvailability == "NOT_AVAILABLE" { return .notOffered }
        if availability.authorizationStatus == "NOT_AUTHORIZED" { return .notAuthorized }
        if availability.entitlementAvailability == "NOT_AVAILABLE" { return .notEntitled }
        switch agreement {
        case "NOT_AVAILABLE", "ERROR": return .notSubscribed
        case "PENDING": return .agreementPending
        default: break
        }
        let positive = availability.regionAvailability == "AVAILABLE" && availability.authorizationStatus == "AUTHORIZED"
            && availability.entitlementAvailability == "AVAILABLE" && agreement == "AVAILABLE"
        return positive ? .available : .unrecognized
    }

    static func grant(_ availability: FoundationModelAvailability, modelId: String, region: String, checkedAt: String) -> AccessGrant {
        .aws(modelId: modelId, region: region, state: state(availability),
             authorizationStatus: availability.authorizationStatus, entitlementAvailability: availability.entitlementAvailability,
             regionAvailability: availability.regionAvailability, agreementStatus: availability.agreementAvailability?.status,
             note: availability.agreementAvailability?.errorMessage, checkedAt: checkedAt)
    }
}
