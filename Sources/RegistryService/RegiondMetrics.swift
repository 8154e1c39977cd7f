import Foundation
import Prometheus
import RegionRegistry
import Synchronization

/// Every metric regiond exposes at `GET /metrics`, in one Prometheus registry. Owned by the
/// daemon and passed to what records (not swift-metrics' process-global bootstrap, so each test
/// gets a registry of its own).
public final class RegiondMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    static let latencyBuckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                             .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                             .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]
    static let refreshBuckets: [Duration] = [.milliseconds(100), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
                                             .seconds(10), .seconds(30), .seconds(60), .seconds(120)]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    // MARK: HTTP

    public func httpRequest(route: String, method: String, status: Int, duration: Duration) {
        counter(name: "regiond_http_requests_total", labels: [("route", route), ("method", method), ("status", "\(status)")],
                             help: "HTTP requests answered, by route template, method and status.").increment()
        histogram(name: "regiond_http_request_duration_seconds", labels: [("route", route), ("method", method)],
                                       buckets: Self.latencyBuckets, help: "HTTP request latency, by route template.").record(duration)
    }

    // MARK: Refresh

    public func refreshFinished(_ run: RefreshRun, duration: Duration) {
        counter(name: "regiond_refresh_runs_total", labels: [("source", run.source), ("outcome", run.outcome.rawValue)],
                             help: "Refresh runs, by source and outcome.").increment()
        histogram(name: "regiond_refresh_duration_seconds", labels: [("source", run.source)],
                                       buckets: Self.refreshBuckets, help: "Refresh run duration.").record(duration)
        for report in run.regions {
            let labels = [("region", report.region), ("part", report.part.rawValue)]
            if !report.succeeded {
                counter(name: "regiond_refresh_region_failures_total", labels: labels,
                                     help: "Region reads that failed (their data kept), by region and part.").increment()
            }
            counter(name: "regiond_aws_requests_total", labels: labels,
                                 help: "AWS control-plane requests sent, retries included.").increment(by: Int64(report.requests))
            counter(name: "regiond_aws_retries_total", labels: labels, help: "AWS requests that were retries.")
                .increment(by: Int64(report.retries))
            counter(name: "regiond_aws_throttled_total", labels: labels, help: "AWS answers that were throttling errors.")
                .increment(by: Int64(report.throttled))
            gauge(name: "regiond_refresh_region_last_success", labels: labels,
                               help: "1 when the region's latest read succeeded, else 0.").set(to: report.succeeded ? 1 : 0)
        }
    }

    public func readModelRebuilt(duration: Duration) {
        histogram(name: "regiond_read_model_rebuild_seconds", buckets: Self.latencyBuckets,
                                       help: "Time to rebuild the in-memory read model after a change.").record(duration)
    }

    // MARK: Health

    public func samplesIngested(_ count: Int, origin: String) {
        counter(name: "regiond_health_samples_ingested_total", labels: [("origin", origin)],
                             help: "Health samples accepted.").increment(by: Int64(count))
    }

    /// A bad sample rejects its whole batch; `field` is the field at fault (`body` for a body that is not JSON).
    public func batchRejected(field: String) {
        counter(name: "regiond_health_batches_rejected_total", labels: [("field", field)],
                help: "Sample batches rejected whole, by the field at fault.").increment()
    }

    /// One gauge per key and state, 1 for the current state: alert on `…{state="unhealthy"} == 1`.
    public func healthState(region: String, modelId: String?, state: String, allStates: [String]) {
        var labels = [("region", region)]
        if let modelId { labels.append(("model", modelId)) }
        let name = modelId == nil ? "regiond_region_health" : "regiond_model_health"
        for candidate in allStates {
            gauge(name: name, labels: labels + [("state", candidate)],
                               help: "1 for the current health state of a region (or region and model).").set(to: candidate == state ? 1 : 0)
        }
    }

    public func healthTransition(to state: String) {
        counter(name: "regiond_health_transitions_total", labels: [("to", state)],
                             help: "Health state transitions, by new state.").increment()
    }

    // MARK: Store

    /// Sizes read at scrape time (the files change between scrapes).
    public func fleetLeader(_ leader: Bool) {
        gauge(name: "regiond_fleet_leader", help: "1 while this replica leads the fleet (refreshes, probes, prunes); 1 on a lone SQLite daemon.")
            .set(to: leader ? 1 : 0)
    }

    public func storeSizes(database: Int64, wal: Int64) {
        gauge(name: "regiond_store_bytes", help: "Size of the SQLite database file.").set(to: Double(database))
        gauge(name: "regiond_store_wal_bytes", help: "Size of the SQLite write-ahead log.").set(to: Double(wal))
    }

    /// Read at scrape time from the view: routes whose model is legacy or ended today, and per
    /// model a route uses, the days left to its end of life (negative once past).
    public func lifecycle(of view: RegistryView, on day: String) {
        var routes = 0, days: [String: Int] = [:]
        for profile in view.profiles where !profile.isRemoved {
            guard let lifecycle = view.lifecycle(ofModel: profile.value.modelId, on: day) else { continue }
            if lifecycle.status != .active { routes += profile.value.routes.count }
            days[profile.value.modelId] = lifecycle.daysToEndOfLife(from: day)
        }
        gauge(name: "regiond_routes_on_legacy_models", help: "Routes whose model is legacy or past its end of life.").set(to: Double(routes))
        for (model, left) in days {
            gauge(name: "regiond_days_to_end_of_life", labels: [("model", model)], help: "Days until the model's end of life (negative once past).")
                .set(to: Double(left))
        }
    }

    private func counter(name: String, labels: [(String, String)] = [], help: String) -> Counter {
        registry.makeCounter(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }

    private func gauge(name: String, labels: [(String, String)] = [], help: String) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }

    private func histogram(name: String, labels: [(String, String)] = [], buckets: [Duration], help: String) -> DurationHistogram {
        registry.makeDurationHistogram(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels, buckets: buckets)
    }

    public func emit() -> [UInt8] {
        registry.emitToBuffer()
    }
}
