/// One problem in a sample batch: which sample and which field, and why. The decoder reports the
/// first one only, so a client fixes its batch field by field rather than guessing.
public struct SampleBatchProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The sample's position in `samples`; nil for a problem with the body as a whole.
    public var index: Int?
    /// The JSON field (`latency_ms`), or `body` / `samples` for the batch itself; empty when the
    /// sample as a whole is wrong (not an object).
    public var field: String
    public var reason: String

    public init(index: Int?, field: String, reason: String) {
        self.index = index
        self.field = field
        self.reason = reason
    }

    /// `samples[3].latency_ms: must be a number ≥ 0`, `samples: at most 10000 samples per batch (got 10001)`.
    public var description: String {
        guard let index else { return "\(field): \(reason)" }
        return field.isEmpty ? "samples[\(index)]: \(reason)" : "samples[\(index)].\(field): \(reason)"
    }
}
