/// One AWS call, described before endpoint, credentials and signature are added: a GET, or a
/// Query-protocol POST when it has a form.
public struct AWSRequest: Sendable {
    /// The API action, e.g. `ListInferenceProfiles`; used in errors and logs.
    public var operation: String
    /// The region the call is signed for and (without an override) sent to.
    public var region: String
    /// Path segments, raw: each is percent-encoded once on the wire (`:` in model ids included).
    public var pathSegments: [String]
    /// Raw names and values; encoded identically for the wire and for the signature.
    public var query: [(name: String, value: String)]
    /// The form a Query-protocol call posts (`Action`, `Version`, its parameters); nil for a GET.
    public var form: [(name: String, value: String)]?

    public init(operation: String, region: String, pathSegments: [String], query: [(name: String, value: String)] = [],
                form: [(name: String, value: String)]? = nil) {
        self.operation = operation
        self.region = region
        self.pathSegments = pathSegments
        self.query = query
        self.form = form
    }

    /// `ListInferenceProfiles us-east-1`: what an error message says failed.
    public var label: String { "\(operation) \(region)" }
}

/// What a call cost, summed per region for refresh runs and metrics.
public struct AWSCallCounts: Sendable, Hashable {
    /// HTTP requests sent, retries included.
    public var requests = 0
    public var retries = 0
    public var throttled = 0
    /// Calls that finally failed (after retries).
    public var failures = 0

    public init() {}

    public static func + (a: Self, b: Self) -> Self {
        var sum = a
        sum.requests += b.requests
        sum.retries += b.retries
        sum.throttled += b.throttled
        sum.failures += b.failures
        return sum
    }
}
