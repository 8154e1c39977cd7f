import AWSCore
import AccessPolicy
import CivilTime
import Logging
import Synchronization

/// Asks IAM's policy simulator, for every route, whether `principal` may invoke through it: the
/// profile ARN in the source, the model in each destination (and the region-less model of a
/// global route), each with the request's condition keys. IAM evaluates the principal's identity
/// policies, boundary and SCPs as they are in the account, so this gate needs no policy copies.
public struct PrincipalPolicyCheck: Sendable {
    public let principal: String
    let simulator: IAMPolicySimulator
    let logger: Logger
    /// Questions in flight at once (the IAM client bounds its calls too).
    let concurrency: Int

    public init(principal: String, simulator: IAMPolicySimulator, concurrency: Int = 4, logger: Logger) {
        self.principal = principal
        self.simulator = simulator
        self.concurrency = max(1, concurrency)
        self.logger = logger
    }

    /// The simulated gates of every route; nil when cancelled (shutdown) before it finished.
    /// A question IAM does not answer leaves its gates `unknown` with the error; once IAM refuses
    /// the daemon's credentials (HTTP 403, e.g. no `iam:SimulatePrincipalPolicy`) or does not know
    /// the principal (404), the rest are not asked and carry the same reason. Routes in another
    /// partition than the principal's are not asked: IAM there does not know it.
    /// - Parameter sources: the source regions `routes` were taken from (empty: all).
    public func check(_ routes: [PolicyRoute], sources: [String]) async -> SimulatedGates? {
        let who = AccessCheck.Principal(arn: principal, account: nil)
        let partition = principal.split(separator: ":", maxSplits: 2).dropFirst().first.map(String.init) ?? "aws"
        let asked = routes.filter { $0.partition == partition }.flatMap { route in route.simulationQuestions(principal: who).map { (route, $0) } }
        let started = ContinuousClock.now
        let refusal = Refusal()
        let counter = AWSCallCounter()
        var answers: [SimulatedGates.RouteKey: [String: Result<[SimulatedDecision], SimulationFailure>]] = [:]
        await withTaskGroup(of: (SimulatedGates.RouteKey, String, Result<[SimulatedDecision], SimulationFailure>).self) { group in
            for (position, (route, question)) in asked.enumerated() where !Task.isCancelled {
                if position >= concurrency, let (key, resource, result) = await group.next() { answers[key, default: [:]][resource] = result }
                let key = SimulatedGates.RouteKey(profileId: route.profileId, sourceRegion: route.sourceRegion)
                group.addTask {
                    if let refused = refusal.value { return (key, question.resource, .failure(refused)) }
                    let result = await ask(question, partition: partition, counter: counter)
                    if case .failure(let failure) = result, failure.stopsPass { refusal.record(failure) }
                    return (key, question.resource, result)
                }
            }
            for await (key, resource, result) in group { answers[key, default: [:]][resource] = result }
        }
        guard !Task.isCancelled else { return nil }
        var gates = SimulatedGates(principal: principal, sources: sources, checkedAt: Timestamp.now())
        for route in routes {
            let key = SimulatedGates.RouteKey(profileId: route.profileId, sourceRegion: route.sourceRegion)
            if route.partition == partition {
                gates.routes[key] = route.liveGates(answers[key] ?? [:], principal: who)
            } else {
                let why = GateState(.unknown, "not checked: \(principal) is in partition \(partition), this route in \(route.partition)")
                gates.routes[key] = Dictionary(uniqueKeysWithValues: route.modelRegions.map { ($0, (why, why)) })
            }
        }
        let calls = counter.value
        logger.info("IAM policy simulator checked the routes", metadata: [
            "principal": "\(principal)", "routes": "\(routes.count)", "questions": "\(asked.count)", "requests": "\(calls.requests)",
            "failures": "\(calls.failures)", "duration": "\(ContinuousClock.now - started)", "refused": "\(refusal.value?.reason ?? "no")",
        ])
        return gates
    }

    private func ask(_ question: SimulationQuestion, partition: String, counter: AWSCallCounter) async -> Result<[SimulatedDecision], SimulationFailure> {
        let actions = [PolicyAction.invoke.iamAction]
        do {
            let answers = try await simulator.simulate(
                principal: principal, partition: partition,
                .init(actions: actions, resources: [question.resource], context: question.context), counter: counter)
            return .success(answers.map { answer in
                let decision: Verdict.Decision = switch answer.decision {
                case .allowed: .allowed
                case .implicitDeny: .implicitDeny
                case .explicitDeny: .explicitDeny
                }
                return SimulatedDecision(action: answer.action, resource: answer.resource, decision: decision,
                                         matchedPolicies: answer.matchedPolicies, allowedByOrganizations: answer.allowedByOrganizations,
                                         missingContextValues: answer.missingContextValues)
            })
        } catch let error as AWSServiceError {
            return .failure(SimulationFailure(error.description, stopsPass: error.status == 403 || error.status == 404))
        } catch {
            return .failure(SimulationFailure("\(error)"))
        }
    }
}

/// The first refusal of the caller, which the questions not yet asked take as their answer.
private final class Refusal: Sendable {
    private let first = Mutex<SimulationFailure?>(nil)
    var value: SimulationFailure? { first.withLock { $0 } }
    func record(_ failure: SimulationFailure) { first.withLock { $0 = $0 ?? failure } }
}
