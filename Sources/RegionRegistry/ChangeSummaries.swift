/// The before/after summaries the change log stores: the fields a reader of the log cares about,
/// with the API's snake_case names.
extension Region {
    public var summary: [String: JSONValue] {
        [
            "name": .string(name), "geography": .string(geography), "partition": .string(partition),
            "opt_in": JSONValue(optIn), "bedrock_endpoint": JSONValue(bedrockEndpoint),
        ]
    }
}

extension FoundationModel {
    public var summary: [String: JSONValue] {
        ["provider": JSONValue(provider), "name": JSONValue(name), "lifecycle_status": JSONValue(lifecycleStatus),
         "lifecycle": lifecycle.map { .object($0.summary) } ?? .null]
    }
}

extension ModelLifecycle {
    public var summary: [String: JSONValue] {
        [
            "status": .string(status.rawValue), "legacy_at": JSONValue(legacyAt), "public_extended_access_at": JSONValue(publicExtendedAccessAt),
            "end_of_life_at": JSONValue(endOfLifeAt), "recommended_replacement": JSONValue(recommendedReplacement),
            "regions": JSONValue(regions), "evidence": JSONValue(evidence),
        ]
    }
}

extension InferenceProfile {
    public var summary: [String: JSONValue] {
        [
            "arn": JSONValue(arn), "name": .string(name), "description": JSONValue(description),
            "type": .string(type.rawValue), "geo": .string(geo), "model_id": .string(modelId),
            "status": .string(status), "created_at": JSONValue(createdAt), "updated_at": JSONValue(updatedAt),
            "notes": JSONValue(notes), "parent_profile_id": JSONValue(parentProfileId),
        ]
    }
}

extension Route {
    public var summary: [String: JSONValue] {
        [
            "destination_regions": JSONValue(destinationRegions), "destination_scope": .string(scope.rawValue),
            "confidence": JSONValue(confidence), "evidence": JSONValue(evidence),
        ]
    }
}

extension AccessGrant {
    public var summary: [String: JSONValue] {
        [
            "status": .string(status.rawValue), "state": .string(state.rawValue), "authorization_status": JSONValue(authorizationStatus),
            "entitlement_availability": JSONValue(entitlementAvailability),
            "region_availability": JSONValue(regionAvailability), "agreement_status": JSONValue(agreementStatus),
            "note": JSONValue(note),
        ]
    }
}
