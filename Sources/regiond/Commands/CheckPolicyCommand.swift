import AccessPolicy
import ArgumentParser
import Foundation
import RegionRegistry
import RegistryHTTP

struct CheckPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-policy",
        abstract: "Check identity policies and SCPs against every request the routes make (offline, as IAM evaluates).",
        discussion: """
            Each --scp file is one level of the organisation, root first, then each OU, then the account: a policy \
            document, or a JSON array of the documents attached at that level. Exit status 1 when any route is not \
            allowed (denied or unknown).
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "Inference profile IDs (default: every active profile).")
    var profiles: [String] = []

    @Option(name: .customLong("iam"), help: "An identity policy document (repeatable).")
    var identityFiles: [String] = []

    @Option(name: .customLong("scp"), help: "The SCPs of one level, root first (repeatable).")
    var scpFiles: [String] = []

    @Option(name: .customLong("source-region"), help: "A source region (repeatable; default: every route's).")
    var sourceRegions: [String] = []

    @Option(help: "The AWS account ID in profile ARNs (default: the account the AWS source read).")
    var account: String?

    @Option(help: "The calling principal's ARN, for conditions on aws:PrincipalArn and aws:PrincipalAccount.")
    var principalArn: String?

    @Option(help: "Comma-separated IAM actions.")
    var actions = "bedrock:InvokeModel"

    @Flag(help: "Print JSON (the shape of POST /v1/access/check).")
    var json = false

    func run() async throws {
        try await reportingErrors {
            let body = try requestBody()
            let view = try await readView(common)
            let request: AccessCheckRequest
            do { request = try AccessCheckRequest(body) } catch let error as PolicyParseError { throw ValidationError(inFiles(error)) }
            let (account, results): (String, [AccessCheck.Result])
            do { (account, results) = try view.check(request) } catch PolicyRequestError.noAccount {
                throw ValidationError("give --account: the registry's data names no account (catalog data), and ARNs need one")
            }
            if json {
                printJSON(.object(["account": .string(account), "actions": JSONValue(request.actions), "results": .array(results.map(Representation.accessCheck))]))
            } else {
                printTable(["PROFILE", "SOURCE", "REGION", "DECISION", "GATE", "REASON"], results.flatMap { result in
                    result.destinations.map { [result.profileId, result.sourceRegion, $0.isProfile ? "\($0.region) (profile)" : $0.region, $0.verdict.decision.rawValue, $0.verdict.gate?.rawValue ?? "-", $0.verdict.reason] }
                })
                print("\(results.filter(\.allowed).count) of \(results.count) route(s) allowed")
            }
            if !results.allSatisfy(\.allowed) { throw ExitCode.failure }
        }
    }

    /// A problem's JSON path, told by file: `$.scps[1][0].Statement[0]` → `ou.json[0].Statement[0]`.
    private func inFiles(_ error: PolicyParseError) -> String {
        var text = error.description
        for (index, file) in identityFiles.enumerated() { text = text.replacingOccurrences(of: "$.identity_policies[\(index)]", with: file) }
        for (index, file) in scpFiles.enumerated() { text = text.replacingOccurrences(of: "$.scps[\(index)]", with: file) }
        return text
    }

    /// The files, read into the request body `POST /v1/access/check` takes, so both parse alike.
    private func requestBody() throws -> JSONValue {
        func read(_ path: String) throws -> JSONValue {
            do { return try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: URL(fileURLWithPath: path))) }
            catch { throw ValidationError("\(path): not a readable JSON file") }
        }
        var body: [String: JSONValue] = [
            "profiles": JSONValue(profiles), "source_regions": JSONValue(sourceRegions),
            "actions": JSONValue(actions.split(separator: ",").map(String.init)),
            "account": JSONValue(account), "principal_arn": JSONValue(principalArn),
        ]
        if !identityFiles.isEmpty { body["identity_policies"] = .array(try identityFiles.map(read)) }
        if !scpFiles.isEmpty {
            body["scps"] = .array(try scpFiles.map { path in
                let level = try read(path)
                if case .array = level { return level }
                return .array([level])
            })
        }
        return .object(body)
    }
}
