/// The ARNs IAM evaluates for a Bedrock invocation through an inference profile.
public enum BedrockARN {
    /// A system-defined or application inference profile in the source region.
    public static func profile(partition: String, region: String, account: String, id: String, application: Bool) -> String {
        "arn:\(partition):bedrock:\(region):\(account):\(application ? "application-inference-profile" : "inference-profile")/\(id)"
    }

    /// A foundation model in one region (foundation models have no account).
    public static func model(partition: String, region: String, modelId: String) -> String {
        "arn:\(partition):bedrock:\(region)::foundation-model/\(modelId)"
    }

    /// The region-less model ARN a `global.` profile's request is checked against in the
    /// destination, with `aws:RequestedRegion` = `unspecified`.
    public static func regionlessModel(partition: String, modelId: String) -> String {
        "arn:\(partition):bedrock:::foundation-model/\(modelId)"
    }

    /// The 12-digit account of an ARN, if it names one.
    public static func account(of arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", isAccount(String(parts[4])) else { return nil }
        return String(parts[4])
    }

    public static func isAccount(_ text: String) -> Bool {
        text.count == 12 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
    }
}
