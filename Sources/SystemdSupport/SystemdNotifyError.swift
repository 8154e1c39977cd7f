#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a notification did not reach systemd. Callers log it and carry on: a lost `STATUS=` or
/// `WATCHDOG=1` is systemd's to judge, never a reason to stop serving.
public enum SystemdNotifyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `NOTIFY_SOCKET` is neither `/path` nor `@abstract-name`.
    case unsupportedAddress(String)
    /// The address does not fit in `sockaddr_un.sun_path`.
    case addressTooLong(String)
    /// A system call failed; `EAGAIN` means systemd's receive queue is full right now.
    case systemCall(String, errno: CInt)
    /// The kernel accepted only part of the datagram (it should not happen for `AF_UNIX`).
    case truncated(sent: Int, of: Int)

    public var description: String {
        switch self {
        case .unsupportedAddress(let address):
            "NOTIFY_SOCKET \"\(address)\" is not an absolute path or an @abstract name"
        case .addressTooLong(let address):
            "NOTIFY_SOCKET \"\(address)\" is longer than a unix socket address allows"
        case .systemCall(let call, let code):
            "sd_notify: \(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .truncated(let sent, let total):
            "sd_notify: sent \(sent) of \(total) bytes"
        }
    }
}
