import RegionRegistry

/// Which inference profile to call a model through from a source region, and where it will run.
public struct Resolution: Sendable {
    /// A candidate profile that was not chosen, and why.
    public struct Alternative: Sendable, Hashable {
        public var profileId: String
        public var reason: String

        public init(profileId: String, reason: String) {
            self.profileId = profileId
            self.reason = reason
        }
    }

    public var profile: InferenceProfile
    public var sourceRegion: String
    /// Access granted in every destination: no request through it can fail for lack of access.
    public var complete: Bool
    public var destinations: [RankedDestination]
    /// Why this profile: "eu geo profile: access complete in all 3 destinations".
    public var reason: String
    /// The other candidates, best first.
    public var alternatives: [Alternative]

    public init(profile: InferenceProfile, sourceRegion: String, complete: Bool, destinations: [RankedDestination],
                reason: String, alternatives: [Alternative]) {
        self.profile = profile
        self.sourceRegion = sourceRegion
        self.complete = complete
        self.destinations = destinations
        self.reason = reason
        self.alternatives = alternatives
    }
}

/// No profile serves the model from the source region (the API answers 404 with `description`).
public struct ResolveFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
