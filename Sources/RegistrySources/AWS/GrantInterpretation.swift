import RegionRegistry

/// What GetFoundationModelAvailability's four fields mean for access.
enum GrantInterpretation {
    /// Granted only when all four are positive; denied when any is a known negative (a pending
    /// agreement included: requests fail until it completes); unknown when a value is new to us.
    static func grant(_ availability: FoundationModelAvailability, modelId: String, region: String, checkedAt: String) -> AccessGrant {
        let agreement = availability.agreementAvailability?.status
        let fields: [(String?, positive: String, negatives: Set<String>)] = [
            (availability.authorizationStatus, "AUTHORIZED", ["NOT_AUTHORIZED"]),
            (availability.entitlementAvailability, "AVAILABLE", ["NOT_AVAILABLE"]),
            (availability.regionAvailability, "AVAILABLE", ["NOT_AVAILABLE"]),
            (agreement, "AVAILABLE", ["NOT_AVAILABLE", "PENDING", "ERROR"]),
        ]
        let status: AccessGrant.Status
        if fields.allSatisfy({ $0.0 == $0.positive }) {
            status = .granted
        } else if fields.contains(where: { $0.0.map($0.negatives.contains) ?? false }) {
            status = .denied
        } else {
            status = .unknown
        }
        return AccessGrant(
            modelId: modelId, region: region, origin: .aws, status: status,
            authorizationStatus: availability.authorizationStatus, entitlementAvailability: availability.entitlementAvailability,
            regionAvailability: availability.regionAvailability, agreementStatus: agreement,
            note: availability.agreementAvailability?.errorMessage, checkedAt: checkedAt)
    }
}
