#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The few constants whose spelling differs between C libraries. systemd is Linux-only; the
// Darwin branch exists so the package still builds on a developer's Mac.
enum Platform {
    #if os(Linux)
    /// Close-on-exec from the start, so a child forked meanwhile never inherits the socket.
    static let datagramSocket = CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue)
    static let streamType = CInt(SOCK_STREAM.rawValue)
    /// Never block on a full receive queue; never raise SIGPIPE.
    static let sendFlags = CInt(MSG_DONTWAIT) | CInt(MSG_NOSIGNAL)
    #else
    static let datagramSocket = SOCK_DGRAM
    static let streamType = SOCK_STREAM
    static let sendFlags = MSG_DONTWAIT
    #endif
}
