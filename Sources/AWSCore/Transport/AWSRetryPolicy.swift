/// When and how long to wait before trying a failed call again: the SDKs' "standard" mode.
/// Attempts include the first; delays are exponential with full jitter (a uniformly random wait
/// between zero and the cap), so a fleet of clients throttled together does not retry together.
public struct AWSRetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(100), maxDelay: Duration = .seconds(20)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait before attempt `attempt + 1`, given that `attempt` (1-based) just failed.
    public func delay(afterAttempt attempt: Int, using random: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(attempt - 1, 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let nanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        guard nanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanoseconds, using: &random))
    }
}

extension AWSServiceError {
    /// Throttling and server-side failures may succeed later; auth, validation and "not found" won't.
    public var isRetryable: Bool {
        if Self.throttlingTypes.contains(errorType ?? "") { return true }
        return status == 429 || status >= 500
    }

    public var isThrottling: Bool {
        status == 429 || Self.throttlingTypes.contains(errorType ?? "")
    }

    /// AWS refused the credentials as expired or unknown: new ones may well work.
    public var rejectsCredentials: Bool {
        Self.rejectedCredentialTypes.contains(errorType ?? "")
    }

    static let rejectedCredentialTypes: Set<String> = ["ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId"]

    static let throttlingTypes: Set<String> = [
        "ThrottlingException", "TooManyRequestsException", "Throttling", "ThrottledException",
        "RequestLimitExceeded", "ProvisionedThroughputExceededException", "RequestThrottled",
        "SlowDown", "RequestThrottledException",
    ]
}
