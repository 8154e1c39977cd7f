import AsyncHTTPClient
import Foundation
import Logging

/// The AWS SDKs' default credential chain, cached: environment keys, web identity from the
/// environment, the shared files' profile (keys, roles, web identity, credential_process),
/// container, instance metadata. The first source that has credentials wins; an unconfigured
/// source passes to the next; a configured but broken one stops the chain with its error.
///
/// Resolved once, then cached. Temporary credentials are fetched again, from the source
/// that supplied them, once less than `refreshWindow` is left. Concurrent callers share
/// one fetch. When a refresh fails while the current credentials still work, they are
/// kept (with a warning) and the refresh is retried after `retryAfterFailedRefresh`.
public actor AWSCredentialChain: AWSCredentialProvider {
    public nonisolated let sources: [any AWSCredentialSource]
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let refreshWindow: TimeInterval
    private let retryAfterFailedRefresh: TimeInterval

    private var cached: AWSCredentials?
    private var cachedFrom: (any AWSCredentialSource)?
    private var refreshing: Task<AWSCredentials, any Error>?
    private var lastFailedRefresh: Date?

    /// The standard chain.
    ///
    /// - Parameters:
    ///   - profile: a profile named explicitly (regiond's `--aws-profile`). As with the CLI's
    ///     `--profile`, naming one skips the environment's keys and web identity; AWS_PROFILE does not.
    ///   - homeDirectory: what `~` means in the shared files' paths; defaults to HOME.
    ///   - httpClient: for STS, container and instance metadata; the caller owns it.
    ///   - stsRegion: where to call STS when neither AWS_REGION, AWS_DEFAULT_REGION nor the
    ///     profile names a region (regiond passes its first source region).
    ///   - now: the clock expiry decisions use.
    ///   - refreshWindow: how long before expiry temporary credentials are fetched again.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                profile: String? = nil,
                homeDirectory: String? = nil,
                httpClient: HTTPClient,
                stsRegion: String? = nil,
                logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() },
                refreshWindow: TimeInterval = 300) {
        let profile = profile.flatMap { $0.isEmpty ? nil : $0 }
        let skipped = { (what: String) -> any AWSCredentialSource in
            NotConsultedCredentialSource(reason: "\(what) (skipped: profile '\(profile ?? "")' named explicitly)")
        }
        self.init(sources: [
            profile == nil ? EnvironmentCredentials(environment: environment) : skipped("environment"),
            profile == nil ? WebIdentityCredentials(environment: environment, homeDirectory: homeDirectory, httpClient: httpClient,
                                                    stsRegion: stsRegion, now: now) : skipped("web identity"),
            SharedFileCredentials(profile: profile, environment: environment, homeDirectory: homeDirectory, httpClient: httpClient,
                                  stsRegion: stsRegion, now: now),
            ContainerCredentials(environment: environment, httpClient: httpClient),
            InstanceMetadataCredentials(environment: environment, httpClient: httpClient),
        ], logger: logger, now: now, refreshWindow: refreshWindow)
    }

    /// A chain of the given sources, tried in order.
    public init(sources: [any AWSCredentialSource],
                logger: Logger,
                now: @escaping @Sendable () -> Date = { Date() },
                refreshWindow: TimeInterval = 300,
                retryAfterFailedRefresh: TimeInterval = 30) {
        self.sources = sources
        self.logger = logger
        self.now = now
        self.refreshWindow = refreshWindow
        self.retryAfterFailedRefresh = retryAfterFailedRefresh
    }

    public func credentials() async throws -> AWSCredentials {
        if let cached {
            if !isDueForRefresh(cached) { return cached }
            if isUsable(cached), let failed = lastFailedRefresh, now().timeIntervalSince(failed) < retryAfterFailedRefresh {
                return cached
            }
        }
        let refresh = refreshing ?? startRefresh()
        do {
            return try await refresh.value
        } catch {
            // refresh() has logged the failure; credentials that still work beat none.
            if let cached, isUsable(cached) { return cached }
            throw error
        }
    }

    /// Forgets the cached credentials, so the next call walks the chain again
    /// (say, after AWS rejected them as expired or revoked). Declared `async` so that it, not
    /// the protocol's no-op default, is what a call from async code picks.
    public func invalidate() async {
        cached = nil
        cachedFrom = nil
        lastFailedRefresh = nil
    }

    private func startRefresh() -> Task<AWSCredentials, any Error> {
        let task = Task { try await self.refresh() }
        refreshing = task
        return task
    }

    private func refresh() async throws -> AWSCredentials {
        defer { refreshing = nil }
        let previous = cached
        do {
            let (fresh, source) = try await fetch()
            cached = fresh
            cachedFrom = source
            lastFailedRefresh = nil
            logger.log(level: previous == nil ? .info : .debug,
                       "\(previous == nil ? "Using" : "Refreshed") AWS credentials",
                       metadata: Self.metadata(fresh))
            return fresh
        } catch {
            if let previous, isUsable(previous) {
                lastFailedRefresh = now()
                var metadata = Self.metadata(previous)
                metadata["error"] = "\(error)"
                logger.warning("Refreshing AWS credentials failed; using the current ones until they expire", metadata: metadata)
            }
            throw error
        }
    }

    /// From the source that supplied the current credentials, else the whole chain.
    private func fetch() async throws -> (AWSCredentials, any AWSCredentialSource) {
        if let source = cachedFrom {
            switch try await source.lookUp() {
            case .found(let credentials):
                return (credentials, source)
            case .notConfigured(let tried):
                throw AWSCredentialError(.retrievalFailed, "AWS credentials source no longer configured: \(tried)")
            }
        }
        var tried: [String] = []
        for source in sources {
            switch try await source.lookUp() {
            case .found(let credentials):
                return (credentials, source)
            case .notConfigured(let what):
                logger.debug("AWS credential source not configured", metadata: ["tried": "\(what)"])
                tried.append(what)
            }
        }
        throw AWSCredentialError(.noCredentials, "no AWS credentials found; tried: \(tried.joined(separator: ", "))")
    }

    private func isDueForRefresh(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return false }
        return now() >= expiration.addingTimeInterval(-refreshWindow)
    }

    private func isUsable(_ credentials: AWSCredentials) -> Bool {
        guard let expiration = credentials.expiration else { return true }
        return now() < expiration
    }

    /// Which source, and at most the access key id's last four characters.
    private static func metadata(_ credentials: AWSCredentials) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "aws.credentials.source": "\(credentials.source)",
            "aws.access_key_id.suffix": "\(credentials.accessKeyID.suffix(4))",
        ]
        if let expiration = credentials.expiration {
            metadata["aws.credentials.expiration"] = "\(expiration.ISO8601Format())"
        }
        return metadata
    }
}

/// Stands in the chain for a source that is deliberately not consulted, so the final
/// "no credentials" error still says why it was passed over.
struct NotConsultedCredentialSource: AWSCredentialSource {
    var reason: String
    func lookUp() async throws -> AWSCredentialLookup { .notConfigured(reason) }
}
