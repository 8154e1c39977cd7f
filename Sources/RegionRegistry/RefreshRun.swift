/// One refresh attempt as recorded in the store.
public struct RefreshRun: Sendable, Hashable {
    public enum Trigger: String, Sendable, Hashable, Codable, CaseIterable {
        case startup, interval, manual, cli
    }

    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        case running, succeeded, failed
        /// Some regions were read and applied, others failed and kept what was known.
        case partial
    }

    public var id: Int64
    public var source: String
    public var trigger: Trigger
    public var startedAt: String
    public var finishedAt: String?
    public var outcome: Outcome
    public var error: String?
    public var added: Int
    public var changed: Int
    public var removed: Int
    /// The change-log index after the run's changes; nil when it changed nothing or failed.
    public var index: Int64?
    /// Per region, for sources that read region by region; empty for a catalog.
    public var regions: [RegionReport]

    public init(
        id: Int64, source: String, trigger: Trigger, startedAt: String, finishedAt: String? = nil,
        outcome: Outcome, error: String? = nil, added: Int = 0, changed: Int = 0, removed: Int = 0, index: Int64? = nil,
        regions: [RegionReport] = []
    ) {
        self.id = id
        self.source = source
        self.trigger = trigger
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.error = error
        self.added = added
        self.changed = changed
        self.removed = removed
        self.index = index
        self.regions = regions
    }
}
