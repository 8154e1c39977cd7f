import GatewayExport
import RegionRegistry
import Synchronization

/// What route answers are judged under (`guard.*` settings), replaced on a configuration
/// reload: the residency guard (a request narrows it with `?within=` and `?geography=`) and how
/// near its end of life a model counts as ending.
public final class AnswerGuards: Sendable {
    public static let defaultLifecycleWarningDays = 90
    private let current = Mutex((guard: ResidencyGuard.none, warningDays: AnswerGuards.defaultLifecycleWarningDays, generation: UInt64(0)))
    private let names = Mutex(ModelNames())

    public var value: ResidencyGuard { current.withLock { $0.guard } }
    /// A model this many days or fewer from its end of life is listed with the legacy ones.
    public var lifecycleWarningDays: Int { current.withLock { $0.warningDays } }
    /// Counts replacements: cached answers built under older guards are not served.
    var generation: UInt64 { current.withLock { $0.generation } }

    /// The names gateway exports give models (`export.model_names` over the readable aliases).
    public var exportNames: ModelNames { names.withLock { $0 } }

    func replace(_ guard: ResidencyGuard, lifecycleWarningDays: Int, exportNames: ModelNames) {
        names.withLock { $0 = exportNames }
        current.withLock { $0 = (`guard`, lifecycleWarningDays, $0.generation + 1) }
    }

    /// The configured guard narrowed by the request's `within` (region codes) and `geography`
    /// (geographies), each comma-separated or repeated; a value the registry does not know is a 400.
    func guardFor(_ query: QueryParameters, in view: RegistryView) throws -> ResidencyGuard {
        let within = try query.list("within"), geographies = try query.list("geography")
        do throws(UnknownGuardName) {
            return try view.narrowing(value, within: within.isEmpty ? nil : within, geographies: geographies.isEmpty ? nil : geographies)
        } catch {
            throw APIError.invalidParameter(error.kind == .region ? "within" : "geography", error.description)
        }
    }
}

extension API {
    /// Judges route answers' residency under `guard`, and models within `lifecycleWarningDays` of
    /// their end of life as ending, from now on (cached answers built under the old ones are not
    /// served again).
    /// Gateway exports name models by `exportNames`.
    public func configure(residency guard: ResidencyGuard, lifecycleWarningDays: Int = AnswerGuards.defaultLifecycleWarningDays,
                          exportNames: ModelNames = ModelNames()) {
        guards.replace(`guard`, lifecycleWarningDays: lifecycleWarningDays, exportNames: exportNames)
    }
}

extension Representation {
    static func residency(_ r: Residency) -> JSONValue {
        .object(["resident": .bool(r.resident), "outside": JSONValue(r.outside)])
    }
}
