import AccessPolicy
import ArgumentParser
import Foundation
import RegionRegistry
import RegistryHTTP

struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Print the least-privilege IAM identity policy for invoking inference profiles from source regions.",
        discussion: """
            The profile ARN in each source region, the model ARN in every destination region of each route (only \
            through that profile), and for global profiles the region-less model ARN. Several profiles and source \
            regions merge into one document. Notes (an unknown account, SCPs for global profiles) go to stderr.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Inference profile IDs (or ARNs).")
    var profiles: [String]

    @Option(name: .customLong("source-region"), help: "A source region the requests are made in (repeatable; default: every route's).")
    var sourceRegions: [String] = []

    @Option(help: "The AWS account ID in profile ARNs. (default: the account the AWS source read, else *)")
    var account: String?

    @Option(help: "Comma-separated actions: invoke (InvokeModel, Converse), stream (…WithResponseStream, ConverseStream).")
    var actions = "invoke,stream"

    @Flag(help: "Print the envelope GET /v1/profiles/{id}/iam-policy answers (policy, account, notes, routes).")
    var json = false

    func validate() throws {
        if profiles.isEmpty { throw ValidationError("name at least one inference profile") }
        for name in actions.split(separator: ",") where PolicyAction(rawValue: String(name)) == nil {
            throw ValidationError("--actions: expected invoke and/or stream, got \"\(name)\"")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let view = try await readView(common)
            let routes = try view.policyRoutes(profileIds: profiles, sources: sourceRegions)
            let account = try view.policyAccount(account)
            let chosen = actions.split(separator: ",").compactMap { PolicyAction(rawValue: String($0)) }
            let policy = IdentityPolicy(routes: routes, account: account, actions: chosen)
            if json {
                printJSON(Representation.policy(policy, routes: routes, account: account))
                return
            }
            for note in policy.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            printPretty(policy.document.json)
        }
    }
}

/// Indented JSON with sorted keys: a document meant to be read and pasted.
func printPretty(_ value: JSONValue) {
    let compact = JSONBody.encode(value)
    guard let object = try? JSONSerialization.jsonObject(with: compact),
          let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    else { return print(String(decoding: compact, as: UTF8.self)) }
    print(String(decoding: pretty, as: UTF8.self))
}
