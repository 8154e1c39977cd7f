import AWSCore
import AccessPolicy
import RegistryHTTP
import RegistryService
import RegistrySources
import ServiceLifecycle

extension DaemonParts {
    /// With `aws.check_principal`: IAM's policy simulator checks every route (from `aws.regions`
    /// when given, else from every source region) at start, after each refresh and every refresh
    /// interval, and route answers' identity and SCP gates come from its latest pass.
    func principalCheckServices(api: API) async throws -> [any Service] {
        guard let principal = settings.aws.checkPrincipal else { return [] }
        let client = try ConfiguredSource.makeAWSClient(settings, httpClient: httpClient, logger: logger, service: .iam, environment: environment)
        let check = PrincipalPolicyCheck(principal: principal, simulator: IAMPolicySimulator(client: client), logger: logger)
        api.configure(simulated: SimulatedGates(principal: principal, sources: settings.aws.regions))
        let sources = settings.aws.regions
        logger.info("checking routes with IAM's policy simulator", metadata: [
            "principal": "\(principal)", "source_regions": "\(sources.isEmpty ? "all" : sources.joined(separator: ","))",
        ])
        return [await RecurringCheckService(refresher: runtime.refresher, interval: settings.refreshInterval) { view in
            if let gates = await check.check(view.policyRoutes(activeFrom: sources), sources: sources) { api.configure(simulated: gates) }
        }]
    }
}
