import AWSCore

/// A four-source-region account: routes that differ by source region, an application profile,
/// a pending agreement (eu-west-3) and a model not offered in a destination (ap-northeast-3).
public enum SampleAccount {
    public static let sonnet = "anthropic.claude-sonnet-4-20250514-v1:0"
    public static let llama = "meta.llama3-3-70b-instruct-v1:0"
    public static let sourceRegions = ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"]
    public static let credentials = AWSCredentials(accessKeyID: "AKIDSTANDIN", secretAccessKey: "standin/secret+key=", source: "test")

    public static func make() -> StandInWorld {
        var world = StandInWorld()
        let usSonnet = StandInProfile(id: "us.\(sonnet)", name: "US Claude Sonnet 4", modelId: sonnet,
                                      destinations: ["us-east-1", "us-east-2", "us-west-2"])
        let usLlama = StandInProfile(id: "us.\(llama)", name: "US Llama 3.3 70B", modelId: llama, destinations: ["us-east-1", "us-west-2"])
        // As AWS lists global profiles: a region-less ARN plus the source region's own.
        let global = StandInProfile(id: "global.\(sonnet)", name: "Global Claude Sonnet 4", modelId: sonnet,
                                    destinations: [StandInProfile.anyCommercialRegion, StandInProfile.listingRegion])
        let team = StandInProfile(id: "a1b2c3d4e5f6", name: "team-a-sonnet", type: "APPLICATION", modelId: sonnet,
                                  destinations: ["us-east-1", "us-east-2"])
        world.profiles["us-east-1"] = [usSonnet, usLlama, global, team]
        // From us-west-2 the same US profile reaches one region fewer: routes differ by source.
        var westSonnet = usSonnet
        westSonnet.destinations = ["us-east-1", "us-west-2"]
        world.profiles["us-west-2"] = [westSonnet, usLlama, global]
        world.profiles["eu-central-1"] = [
            StandInProfile(id: "eu.\(sonnet)", name: "EU Claude Sonnet 4", modelId: sonnet,
                           destinations: ["eu-central-1", "eu-west-1", "eu-west-3"]),
            global,
        ]
        world.profiles["ap-northeast-1"] = [
            StandInProfile(id: "apac.\(sonnet)", name: "APAC Claude Sonnet 4", modelId: sonnet,
                           destinations: ["ap-northeast-1", "ap-northeast-3"]),
        ]
        for region in sourceRegions {
            world.models[region] = [StandInModel(id: sonnet, name: "Claude Sonnet 4"),
                                    StandInModel(id: llama, name: "Llama 3.3 70B Instruct", provider: "Meta")]
        }
        for region in ["us-east-1", "us-east-2", "us-west-2", "eu-central-1", "eu-west-1", "ap-northeast-1"] {
            world.availability[region] = [sonnet: .granted, llama: .granted]
        }
        world.availability["eu-west-3"] = [sonnet: .agreementPending]
        // ap-northeast-3 has no availability entry: the stand-in answers 404 there.
        return world
    }
}
