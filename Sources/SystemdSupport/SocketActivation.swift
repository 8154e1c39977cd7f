#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One socket systemd bound and passed to this process.
public struct ActivatedSocket: Sendable, Equatable, CustomStringConvertible {
    public let fileDescriptor: CInt
    /// The name from `LISTEN_FDNAMES` (`FileDescriptorName=`, default: the socket unit's name);
    /// `nil` when systemd passed no names.
    public let name: String?

    public init(fileDescriptor: CInt, name: String? = nil) {
        self.fileDescriptor = fileDescriptor
        self.name = name
    }

    public var description: String {
        name.map { "fd \(fileDescriptor) (\"\($0)\")" } ?? "fd \(fileDescriptor)"
    }
}

/// `sd_listen_fds_with_names(3)` without libsystemd, plus a check that each descriptor is one a
/// server can `accept()` on, so a misconfigured `.socket` unit fails start-up with a clear error.
public enum SocketActivation {
    /// `SD_LISTEN_FDS_START`: passed descriptors follow stdin, stdout and stderr.
    public static let firstDescriptor: CInt = 3
    /// The variables that carry the sockets; see `clearEnvironment()`.
    public static let environmentVariables = ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"]

    /// The listening stream sockets systemd passed to this process, each marked close-on-exec.
    ///
    /// Empty when none were passed: `LISTEN_PID` or `LISTEN_FDS` unset, or `LISTEN_PID` naming
    /// another process (a parent's variables leaked into ours). `pid` and `firstDescriptor` are
    /// parameters so tests can use descriptors they own instead of fd 3.
    public static func listeningSockets(
        environment: [String: String],
        pid: pid_t = getpid(),
        firstDescriptor: CInt = firstDescriptor
    ) throws(SocketActivationError) -> [ActivatedSocket] {
        guard let pidText = environment["LISTEN_PID"], let countText = environment["LISTEN_FDS"] else { return [] }
        guard let listenPID = pid_t(pidText), listenPID > 0 else {
            throw .invalidVariable(name: "LISTEN_PID", value: pidText)
        }
        guard listenPID == pid else { return [] }
        guard let count = CInt(countText), count >= 0, count <= CInt.max - firstDescriptor else {
            throw .invalidVariable(name: "LISTEN_FDS", value: countText)
        }
        guard count > 0 else { return [] }

        var names: [String?] = Array(repeating: nil, count: Int(count))
        if let namesText = environment["LISTEN_FDNAMES"] {
            // One name per descriptor; split keeps empty names so the count stays honest.
            let parsed = namesText.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parsed.count == Int(count) else {
                throw .nameCountMismatch(names: namesText.isEmpty ? 0 : parsed.count, descriptors: Int(count))
            }
            names = parsed.map { $0.isEmpty ? nil : $0 }
        }

        return try names.enumerated().map { (offset, name) throws(SocketActivationError) in
            let socket = ActivatedSocket(fileDescriptor: firstDescriptor + CInt(offset), name: name)
            try setCloseOnExec(socket)
            try checkListeningStream(socket)
            return socket
        }
    }

    /// Throws unless `socket` is an open, listening stream socket.
    public static func checkListeningStream(_ socket: ActivatedSocket) throws(SocketActivationError) {
        let fd = socket.fileDescriptor
        guard fcntl(fd, F_GETFD) >= 0 else {
            let code = errno
            throw code == EBADF ? .notOpen(socket) : .systemCall("fcntl(F_GETFD)", socket, errno: code)
        }
        let type = try intOption(SO_TYPE, of: socket)
        guard type == Platform.streamType else { throw .notAStreamSocket(socket, type: type) }
        guard try intOption(SO_ACCEPTCONN, of: socket) != 0 else { throw .notListening(socket) }
    }

    /// Unsets `LISTEN_PID`, `LISTEN_FDS` and `LISTEN_FDNAMES` so processes this one starts do not
    /// inherit them. Call once, early (setenv/unsetenv race with threads that read the environment).
    public static func clearEnvironment() {
        for name in environmentVariables { unsetenv(name) }
    }

    /// systemd passes the descriptors without FD_CLOEXEC (they had to survive its exec of us).
    static func setCloseOnExec(_ socket: ActivatedSocket) throws(SocketActivationError) {
        let fd = socket.fileDescriptor
        let flags = fcntl(fd, F_GETFD)
        guard flags >= 0 else {
            let code = errno
            throw code == EBADF ? .notOpen(socket) : .systemCall("fcntl(F_GETFD)", socket, errno: code)
        }
        guard flags & FD_CLOEXEC != 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) == 0 else {
            throw .systemCall("fcntl(F_SETFD)", socket, errno: errno)
        }
    }

    static func intOption(_ option: CInt, of socket: ActivatedSocket) throws(SocketActivationError) -> CInt {
        var value: CInt = 0
        var length = socklen_t(MemoryLayout<CInt>.size)
        guard getsockopt(socket.fileDescriptor, SOL_SOCKET, option, &value, &length) == 0 else {
            let code = errno
            throw code == ENOTSOCK ? .notASocket(socket) : .systemCall("getsockopt", socket, errno: code)
        }
        return value
    }
}
