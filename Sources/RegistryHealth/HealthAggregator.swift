import Foundation

/// Rolling per-minute buckets for every key: each sample counts for its region and for its
/// region × model key. Windows are merged from minute buckets on demand, so samples can arrive
/// late or out of order (within the retained range) and still land in the right minute.
///
/// The retained range ends at the newest minute seen: the latest sample's minute, or `now` at the
/// last `prune`. A sample or rollup older than `retainMinutes` before it is ignored.
public struct HealthAggregator: Sendable {
    public let retainMinutes: Int
    private var series: [HealthKey: [Int64: MinuteBucket]] = [:]
    private var newestMinute: Int64?

    public init(retainMinutes: Int = 60) {
        self.retainMinutes = max(retainMinutes, 1)
    }

    // MARK: Recording

    public mutating func record(_ sample: HealthSample) {
        let minute = MinuteRollup.minute(of: sample.observedAt)
        guard admit(minute) else { return }
        series[HealthKey(region: sample.region), default: [:]][minute, default: MinuteBucket()]
            .record(sample.outcome, latencyMs: sample.latencyMs)
        series[HealthKey(region: sample.region, modelId: sample.modelId), default: [:]][minute, default: MinuteBucket()]
            .record(sample.outcome, latencyMs: sample.latencyMs)
    }

    public mutating func record(_ samples: some Sequence<HealthSample>) {
        for sample in samples { record(sample) }
    }

    /// Merges persisted minutes back in after a restart (adding to anything already recorded).
    public mutating func restore(_ rollups: [MinuteRollup]) {
        for rollup in rollups.sorted(by: { $0.minute > $1.minute }) where admit(rollup.minute) {
            series[rollup.key, default: [:]][rollup.minute, default: MinuteBucket()].merge(rollup.bucket)
        }
    }

    /// Sets a minute to a rollup's counts, replacing what it held: another replica's rollups are
    /// read again while their minute fills, and each reading supersedes the last.
    public mutating func replace(_ rollup: MinuteRollup) {
        guard admit(rollup.minute) else { return }
        series[rollup.key, default: [:]][rollup.minute] = rollup.bucket
    }

    /// Whether `minute` is inside the retained range, moving the range forward if it is newer.
    private mutating func admit(_ minute: Int64) -> Bool {
        if let newest = newestMinute {
            if minute <= newest - Int64(retainMinutes) { return false }
            if minute > newest { newestMinute = minute }
        } else {
            newestMinute = minute
        }
        return true
    }

    /// Drops minutes that have left the retained range ending at `now`'s minute, and keys left empty.
    public mutating func prune(now: Date) {
        let current = MinuteRollup.minute(of: now)
        newestMinute = max(newestMinute ?? current, current)
        let cutoff = newestMinute! - Int64(retainMinutes)
        series = series.compactMapValues { minutes in
            let kept = minutes.filter { $0.key > cutoff }
            return kept.isEmpty ? nil : kept
        }
    }

    // MARK: Reading

    /// Every key with retained samples, sorted (a region before its models).
    public var keys: [HealthKey] { series.keys.sorted() }

    /// The key's stats over the window's minutes: (now's minute − window, now's minute], the
    /// current partial minute included.
    public func stats(for key: HealthKey, window: HealthWindow, now: Date) -> HealthStats {
        HealthStats(bucket(for: key, window: window, now: now))
    }

    /// Every key's stats over the window (keys without samples in it get `HealthStats.empty`).
    public func stats(window: HealthWindow, now: Date) -> [HealthKey: HealthStats] {
        Dictionary(uniqueKeysWithValues: series.keys.map { ($0, stats(for: $0, window: window, now: now)) })
    }

    /// The key's minute buckets in the window, merged.
    public func bucket(for key: HealthKey, window: HealthWindow, now: Date) -> MinuteBucket {
        let last = MinuteRollup.minute(of: now)
        let first = last - Int64(window.minutes) + 1
        var merged = MinuteBucket()
        guard let minutes = series[key] else { return merged }
        if minutes.count <= window.minutes {
            for (minute, bucket) in minutes where minute >= first && minute <= last { merged.merge(bucket) }
        } else {
            for minute in first...last { if let bucket = minutes[minute] { merged.merge(bucket) } }
        }
        return merged
    }

    /// Every key's bucket for one minute, sorted by key: what the store persists.
    public func rollups(minute: Int64) -> [MinuteRollup] {
        series.compactMap { key, minutes in
            minutes[minute].map { MinuteRollup(key: key, minute: minute, bucket: $0) }
        }
        .sorted { $0.key < $1.key }
    }
}
