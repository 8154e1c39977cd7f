#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `sd_notify(3)` without libsystemd: state changes sent as one datagram to `$NOTIFY_SOCKET`.
///
/// Each send opens, uses and closes its own socket, as libsystemd does. Notifications are rare
/// (start, reload, stop, a watchdog ping every few seconds), and a per-send socket leaves the
/// notifier a plain `Sendable` value: no descriptor to share between threads, close or leak, and
/// nothing stale if systemd re-creates its socket.
public struct SystemdNotifier: Sendable, Equatable {
    /// The `NOTIFY_SOCKET` value: `/path/to/socket` or `@abstract-name`.
    public let socketAddress: String

    /// `nil` when systemd asked for no notifications (`NOTIFY_SOCKET` unset or empty), e.g. when
    /// run by hand or under `Type=simple`/`exec`.
    public init?(environment: [String: String]) {
        guard let address = environment["NOTIFY_SOCKET"], !address.isEmpty else { return nil }
        self.socketAddress = address
    }

    public init(socketAddress: String) {
        self.socketAddress = socketAddress
    }

    /// Start-up finished (or a reload did): `READY=1`, with an optional `STATUS=` line.
    public func ready(status: String? = nil) throws(SystemdNotifyError) {
        try send(["READY=1"] + (status.map { [Self.statusLine($0)] } ?? []))
    }

    /// A reload began. systemd ≥ 253 (`Type=notify-reload`) requires `MONOTONIC_USEC` with it to
    /// match the `READY=1` that ends the reload; older versions ignore the extra line.
    public func reloading() throws(SystemdNotifyError) {
        try send(["RELOADING=1", "MONOTONIC_USEC=\(Self.monotonicMicroseconds())"])
    }

    /// Graceful shutdown began.
    public func stopping() throws(SystemdNotifyError) {
        try send(["STOPPING=1"])
    }

    /// A watchdog keep-alive ping.
    public func watchdog() throws(SystemdNotifyError) {
        try send(["WATCHDOG=1"])
    }

    /// Free-form status shown by `systemctl status`.
    public func status(_ text: String) throws(SystemdNotifyError) {
        try send([Self.statusLine(text)])
    }

    /// Asks for more time before the current start/reload/stop times out (`EXTEND_TIMEOUT_USEC`),
    /// e.g. while a long database migration runs.
    public func extendTimeout(by duration: Duration) throws(SystemdNotifyError) {
        try send(["EXTEND_TIMEOUT_USEC=\(Self.microseconds(duration))"])
    }

    /// Sends `KEY=VALUE` lines as one datagram.
    public func send(_ lines: [String]) throws(SystemdNotifyError) {
        try send(message: lines.joined(separator: "\n"))
    }

    /// Sends a raw message: newline-separated `KEY=VALUE` lines. Never blocks.
    public func send(message: String) throws(SystemdNotifyError) {
        var address = try NotifySocketAddress(socketAddress)
        let fd = socket(AF_UNIX, Platform.datagramSocket, 0)
        guard fd >= 0 else { throw .systemCall("socket", errno: errno) }
        defer { close(fd) }

        let payload = Array(message.utf8)
        let sent = payload.withUnsafeBytes { bytes in
            withUnsafePointer(to: &address.storage) { storage in
                storage.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddr in
                    sendto(fd, bytes.baseAddress, bytes.count, Platform.sendFlags, sockaddr, address.length)
                }
            }
        }
        guard sent >= 0 else { throw .systemCall("sendto", errno: errno) }
        guard sent == payload.count else { throw .truncated(sent: sent, of: payload.count) }
    }

    /// A newline would start a new assignment, so a status is kept to one line.
    static func statusLine(_ text: String) -> String {
        "STATUS=" + text.map { $0.isNewline ? " " : String($0) }.joined()
    }

    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }
}
