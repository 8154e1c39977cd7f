import Foundation
import Glibc

/// The systemd side of `NOTIFY_SOCKET` in tests: a datagram socket bound to a path or to an
/// abstract name, read with a `poll` timeout so a missing message fails instead of hanging.
public final class DatagramReceiver: Sendable {
    public enum Kind: CustomStringConvertible, CaseIterable, Sendable {
        case path, abstract
        public var description: String { self == .path ? "path" : "abstract" }
    }

    public let fd: CInt
    /// The `NOTIFY_SOCKET` value for this socket.
    public let address: String
    private let path: String?

    public init(_ kind: Kind) throws {
        let unique = UUID().uuidString.prefix(8)
        switch kind {
        case .path:
            path = "/tmp/sdnotify-\(unique).sock"
            address = path!
        case .abstract:
            path = nil
            address = "@regiond-test/notify-\(unique)"
        }
        fd = socket(AF_UNIX, CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
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
        guard bound == 0 else { throw ReceiverError("bind \(address): errno \(errno)") }
    }

    deinit {
        close(fd)
        if let path { unlink(path) }
    }

    /// The next datagram, or a thrown `Timeout` after `timeout`.
    public func receive(timeout: Duration = .seconds(5)) throws -> String {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let millis = CInt(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&pfd, 1, millis) == 1 else { throw Timeout() }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        guard count >= 0 else { throw ReceiverError("recv: errno \(errno)") }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// `receive` on a thread of its own, for waits on another task: a blocked `poll` must not hold
    /// one of the few cooperative threads that task needs to run.
    public func receiveOffPool(timeout: Duration = .seconds(5)) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try self.receive(timeout: timeout) }) }.start()
        }
    }

    /// Whether a datagram is waiting, without waiting for one.
    public var hasPending: Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&pfd, 1, 0) == 1
    }

    public struct Timeout: Error {}

    public struct ReceiverError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}

public func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}
