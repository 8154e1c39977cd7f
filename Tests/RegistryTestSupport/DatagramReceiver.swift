import Foundation
import Glibc

/// The systemd side of `NOTIFY_SOCKET` in tests: a datagram socket bound to a path or to an
/// abstract name. A thread of its own drains it as datagrams arrive, as systemd does: the kernel
/// queues only a few datagrams per socket (`net.unix.max_dgram_qlen`), and a test reading slowly
/// on a loaded machine would otherwise make the daemon's sends fail with EAGAIN.
public final class DatagramReceiver: Sendable {
    public enum Kind: CustomStringConvertible, CaseIterable, Sendable {
        case path, abstract
        public var description: String { self == .path ? "path" : "abstract" }
    }

    /// The `NOTIFY_SOCKET` value for this socket.
    public let address: String
    private let inbox: Inbox

    /// - Parameter draining: false leaves datagrams in the kernel's queue (a test that fills it).
    public init(_ kind: Kind, draining: Bool = true) throws {
        let unique = UUID().uuidString.prefix(8)
        let path: String?
        switch kind {
        case .path:
            path = "/tmp/sdnotify-\(unique).sock"
            address = path!
        case .abstract:
            path = nil
            address = "@regiond-test/notify-\(unique)"
        }
        let fd = socket(AF_UNIX, CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ReceiverError("socket: errno \(errno)") }

        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(address.utf8)
        if kind == .abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            close(fd)
            throw ReceiverError("bind \(address): errno \(errno)")
        }
        let inbox = Inbox(fd: fd, path: path)
        self.inbox = inbox
        if draining { Thread { inbox.drain() }.start() } else { inbox.closeWhenDone() }
    }

    deinit { inbox.close() }

    /// The next datagram, or a thrown `Timeout` after `timeout`.
    public func receive(timeout: Duration = .seconds(5)) throws -> String {
        guard let message = inbox.next(within: timeout) else { throw Timeout() }
        return message
    }

    /// `receive` on a thread of its own, for waits on another task: a blocked wait must not hold
    /// one of the few cooperative threads that task needs to run.
    public func receiveOffPool(timeout: Duration = .seconds(5)) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try self.receive(timeout: timeout) }) }.start()
        }
    }

    /// Datagrams in order until one satisfies `match` (included), waited for on one thread of its
    /// own: one hop per wait rather than per datagram, so a test on a loaded machine keeps up with
    /// pings arriving every 200 ms. Returns what was read, and whether the match came in time.
    public func receiveOffPool(until match: @escaping @Sendable (String) -> Bool, timeout: Duration) async -> (seen: [String], matched: Bool) {
        await withCheckedContinuation { continuation in
            Thread {
                let deadline = ContinuousClock.now + timeout
                var seen: [String] = []
                while let message = self.inbox.next(within: deadline - ContinuousClock.now) {
                    seen.append(message)
                    if match(message) { return continuation.resume(returning: (seen, true)) }
                }
                continuation.resume(returning: (seen, false))
            }.start()
        }
    }

    /// Whether a datagram is waiting, without waiting for one.
    public var hasPending: Bool { inbox.hasPending }

    public struct Timeout: Error { public init() {} }

    public struct ReceiverError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}

/// Datagrams read so far, in order, and the reading loop that fills it until closed.
private final class Inbox: @unchecked Sendable {  // every var is guarded by `condition`
    private let condition = NSCondition()
    private let fd: CInt
    private let path: String?
    private var messages: [String] = []
    private var closed = false
    private var closesSocket = false

    init(fd: CInt, path: String?) {
        self.fd = fd
        self.path = path
    }

    deinit {
        if closesSocket { release() }
    }

    /// Not draining: the socket is closed with the inbox, not by the reading loop.
    func closeWhenDone() { closesSocket = true }

    private func release() {
        Glibc.close(fd)
        if let path { unlink(path) }
    }

    func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !isClosed {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 100) == 1 else { continue }  // wakes to notice `close`
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count >= 0 else { continue }
            condition.lock()
            messages.append(String(decoding: buffer[..<count], as: UTF8.self))
            condition.broadcast()
            condition.unlock()
        }
        release()
    }

    func next(within timeout: Duration) -> String? {
        guard timeout > .zero else {
            condition.lock()
            defer { condition.unlock() }
            return messages.isEmpty ? nil : messages.removeFirst()
        }
        let deadline = Date().addingTimeInterval(Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
        condition.lock()
        defer { condition.unlock() }
        while messages.isEmpty {
            guard condition.wait(until: deadline) else { return messages.isEmpty ? nil : messages.removeFirst() }
        }
        return messages.removeFirst()
    }

    var hasPending: Bool {
        condition.lock()
        defer { condition.unlock() }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return !messages.isEmpty || (closesSocket && poll(&pfd, 1, 0) == 1)
    }

    private var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    func close() {
        condition.lock()
        closed = true
        condition.unlock()
    }
}

public func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}
