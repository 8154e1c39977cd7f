import AWSCore

/// A four-source-region account shaped as real accounts answer: routes that differ by source
/// region, a global profile listed with a region-less ARN, an application profile copied from a
/// system profile and one wrapping a single region, a pending agreement (eu-west-3), a Marketplace
/// agreement not yet made (llama in us-east-1), a model not offered in a destination
/// (ap-northeast-3), an opt-in destination the account has not enabled (ap-southeast-5), and
/// malformed entries in us-west-2's listing.
public enum SampleAccount {
    public static let sonnet = "anthropic.claude-sonnet-4-20250514-v1:0"
    public static let llama = "meta.llama3-3-70b-instruct-v1:0"
    public static let sourceRegions = ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"]
    public static let disabledRegion = "ap-southeast-5"
    public static let credentials = AWSCredentials(accessKeyID: "AKIDSTANDIN", secretAccessKey: "standin/secret+key=", source: "test")

    public static func make() -> StandInWorld {
        var world = StandInWorld()
        let usSonnet = StandInProfile(id: "us.\(sonnet)", name: "US Claude Sonnet 4", modelId: sonnet,
                                      destinations: ["us-east-1", "us-east-2", "us-west-2"])
        let usLlama = StandInProfile(id: "us.\(llama)", name: "US Llama 3.3 70B", modelId: llama, destinations: ["us-east-1", "us-west-2"])
        // As AWS lists global profiles: a region-less ARN plus the source region's own.
        let global = StandInProfile(id: "global.\(sonnet)", name: "Global Claude Sonnet 4", modelId: sonnet,
                                    destinations: [StandInProfile.anyCommercialRegion, StandInProfile.listingRegion])
        // A team's copy of the US profile (same model ARNs), and a single-region wrapper.
        let team = StandInProfile(id: "a1b2c3d4e5f6", name: "team-a-sonnet", type: "APPLICATION", modelId: sonnet,
                                  destinations: usSonnet.destinations)
        let solo = StandInProfile(id: "f6e5d4c3b2a1", name: "team-b-sonnet-east", type: "APPLICATION", modelId: sonnet,
                                  destinations: ["us-east-1"])
        world.profiles["us-east-1"] = [usSonnet, usLlama, global, team, solo]
        // From us-west-2 the same US profile reaches one region fewer: routes differ by source.
        var westSonnet = usSonnet
        westSonnet.destinations = ["us-east-1", "us-west-2"]
        var broken = StandInProfile(id: "us.example.broken-v1:0", modelId: "example.broken-v1:0", destinations: ["us-west-2"])
        broken.omitsModels = true
        let empty = StandInProfile(id: "us.example.empty-v1:0", modelId: "example.empty-v1:0", destinations: [])
        world.profiles["us-west-2"] = [westSonnet, usLlama, global, broken, empty]
        world.profiles["eu-central-1"] = [
            StandInProfile(id: "eu.\(sonnet)", name: "EU Claude Sonnet 4", modelId: sonnet,
                           destinations: ["eu-central-1", "eu-west-1", "eu-west-3"]),
            global,
        ]
        world.profiles["ap-northeast-1"] = [
            StandInProfile(id: "apac.\(sonnet)", name: "APAC Claude Sonnet 4", modelId: sonnet,
                           destinations: ["ap-northeast-1", "ap-northeast-3", disabledRegion]),
        ]
        for region in sourceRegions {
            world.models[region] = [StandInModel(id: sonnet, name: "Claude Sonnet 4"),
                                    StandInModel(id: llama, name: "Llama 3.3 70B Instruct", provider: "Meta")]
        }
        for region in ["us-east-1", "us-east-2", "us-west-2", "eu-central-1", "eu-west-1", "ap-northeast-1"] {
            world.availability[region] = [sonnet: .granted, llama: .granted]
        }
        world.availability["us-east-1"]?[llama] = .notSubscribed
        world.availability["eu-west-3"] = [sonnet: .agreementPending]
        // ap-northeast-3 has no availability entry: the stand-in answers 404 there.
        world.disabledRegions = [disabledRegion]
        return world
    }
}
