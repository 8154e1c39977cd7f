/// One request IAM authorises: an action on a resource, in a context.
public struct AccessRequest: Sendable, Hashable {
    public var action: String
    public var resource: String
    public var context: RequestContext

    public init(action: String, resource: String, context: RequestContext) {
        self.action = action
        self.resource = resource
        self.context = context
    }
}

/// Which statement decided: its SCP level (nil for identity policies), document, Sid and index.
public struct StatementRef: Sendable, Hashable {
    public var level: Int?
    public var document: Int
    public var sid: String?
    public var index: Int
}

public struct Verdict: Sendable, Hashable {
    public enum Decision: String, Sendable, Comparable {
        case allowed, unknown, implicitDeny = "implicit_deny", explicitDeny = "explicit_deny"

        /// Worse is larger: a certain denial outranks a decision the evaluator could not make.
        var severity: Int { [.allowed: 0, .unknown: 1, .implicitDeny: 2, .explicitDeny: 3][self]! }
        public static func < (a: Decision, b: Decision) -> Bool { a.severity < b.severity }
    }

    public enum Gate: String, Sendable { case identity, scp }

    public var decision: Decision
    public var gate: Gate?
    public var statement: StatementRef?
    public var reason: String
}

/// The policies a request meets: identity policies (nil: not checked) and SCPs by level, root
/// first (nil: not checked). Evaluated as IAM does: an explicit deny anywhere wins; every SCP
/// level needs an allow; identity policies need an allow.
public struct PolicySet: Sendable {
    public let identity: [ParsedPolicy]?
    public let scpLevels: [[ParsedPolicy]]?
    /// Every statement with where it stands, flattened once: a check evaluates thousands of requests.
    private let placed: [Placed]

    public init(identity: [ParsedPolicy]?, scpLevels: [[ParsedPolicy]]?) {
        self.identity = identity
        self.scpLevels = scpLevels
        placed = Self.place(identity: identity, scpLevels: scpLevels)
    }

    private typealias Placed = (gate: Verdict.Gate, ref: StatementRef, statement: ParsedStatement)

    private static func place(identity: [ParsedPolicy]?, scpLevels: [[ParsedPolicy]]?) -> [Placed] {
        let scps = (scpLevels ?? []).enumerated().flatMap { level, documents in
            documents.enumerated().flatMap { document, policy in
                policy.statements.map { (Verdict.Gate.scp, StatementRef(level: level, document: document, sid: $0.sid, index: $0.index), $0) }
            }
        }
        let identities = (identity ?? []).enumerated().flatMap { document, policy in
            policy.statements.map { (Verdict.Gate.identity, StatementRef(level: nil, document: document, sid: $0.sid, index: $0.index), $0) }
        }
        return scps + identities
    }

    public func evaluate(_ request: AccessRequest) -> Verdict {
        let all = placed
        var unsure: (Placed, String)?
        for entry in all where entry.statement.effect == .deny {
            switch entry.statement.applies(to: request) {
            case .yes: return Verdict(decision: .explicitDeny, gate: entry.gate, statement: entry.ref, reason: "denied by \(describe(entry))")
            case .unknown(let why): unsure = unsure ?? (entry, why)
            case .no: break
            }
        }
        if let (entry, why) = unsure {
            return Verdict(decision: .unknown, gate: entry.gate, statement: entry.ref, reason: "\(describe(entry)) may deny: \(why)")
        }
        for (level, _) in (scpLevels ?? []).enumerated() {
            if let verdict = needsAllow(all.filter { $0.gate == .scp && $0.ref.level == level }, request, gate: .scp,
                                        missing: "no SCP statement at level \(level) allows it") { return verdict }
        }
        if identity != nil, let verdict = needsAllow(all.filter { $0.gate == .identity }, request, gate: .identity,
                                                      missing: "no identity policy statement allows it") { return verdict }
        let allowing = all.first { $0.gate == .identity && $0.statement.effect == .allow && $0.statement.applies(to: request) == .yes }
        let unchecked = identity == nil ? (scpLevels == nil ? "no policies were given" : "SCPs allow it; no identity policy was given") : ""
        return Verdict(decision: .allowed, gate: nil, statement: allowing?.ref, reason: allowing.map { "allowed by \(describe($0))" } ?? unchecked)
    }

    /// nil when an allow among `entries` applies; else why not.
    private func needsAllow(_ entries: [Placed], _ request: AccessRequest, gate: Verdict.Gate, missing: String) -> Verdict? {
        var unsure: (Placed, String)?
        for entry in entries where entry.statement.effect == .allow {
            switch entry.statement.applies(to: request) {
            case .yes: return nil
            case .unknown(let why): unsure = unsure ?? (entry, why)
            case .no: break
            }
        }
        if let (entry, why) = unsure {
            return Verdict(decision: .unknown, gate: gate, statement: entry.ref, reason: "\(describe(entry)) may allow it: \(why)")
        }
        return Verdict(decision: .implicitDeny, gate: gate, statement: nil, reason: missing)
    }

    private func describe(_ entry: Placed) -> String {
        let place = entry.ref.level.map { "SCP level \($0) document \(entry.ref.document)" } ?? "identity policy \(entry.ref.document)"
        return "\(place) statement \(entry.ref.index)" + (entry.ref.sid.map { " (\($0))" } ?? "")
    }
}

extension ParsedStatement {
    /// Whether the statement covers the request: action, resource, then conditions.
    func applies(to request: AccessRequest) -> Applies {
        let action = actions.values.contains { wildcardMatch($0, request.action, ignoringCase: true) } != actions.negated
        guard action else { return .no }
        if let variable = resources.values.first(where: { $0.contains("${") }) {
            return .unknown("policy variables (\(variable)) are not supported by the evaluator")
        }
        let resource = resources.values.contains { wildcardMatch($0, request.resource) } != resources.negated
        guard resource else { return .no }
        return evaluate(conditions, in: request.context)
    }
}
