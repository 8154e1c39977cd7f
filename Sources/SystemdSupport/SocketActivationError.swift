#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the sockets systemd passed cannot be served on. Each names the `.socket` unit setting to fix.
public enum SocketActivationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `LISTEN_PID`, `LISTEN_FDS` or `LISTEN_FDNAMES` does not parse.
    case invalidVariable(name: String, value: String)
    /// `LISTEN_FDNAMES` names a different number of descriptors than `LISTEN_FDS` counts.
    case nameCountMismatch(names: Int, descriptors: Int)
    /// The descriptor is not open.
    case notOpen(ActivatedSocket)
    /// The descriptor is open but no socket (e.g. a FIFO from `ListenFIFO=`).
    case notASocket(ActivatedSocket)
    /// A socket, but not a stream socket (`ListenDatagram=`, `ListenSequentialPacket=`).
    case notAStreamSocket(ActivatedSocket, type: CInt)
    /// A stream socket that is not listening: `Accept=yes` hands over one accepted connection.
    case notListening(ActivatedSocket)
    /// Another system call failed on the descriptor.
    case systemCall(String, ActivatedSocket, errno: CInt)

    public var description: String {
        switch self {
        case .invalidVariable(let name, let value):
            return "socket activation: \(name)=\"\(value)\" is not valid"
        case .nameCountMismatch(let names, let descriptors):
            return "socket activation: LISTEN_FDNAMES has \(names) names for LISTEN_FDS=\(descriptors)"
        case .notOpen(let socket):
            return "socket activation: \(socket) is not open"
        case .notASocket(let socket):
            return "socket activation: \(socket) is not a socket; use ListenStream= in the .socket unit"
        case .notAStreamSocket(let socket, let type):
            return "socket activation: \(socket) is not a stream socket (SO_TYPE \(type)); "
                + "use ListenStream=, not ListenDatagram=/ListenSequentialPacket="
        case .notListening(let socket):
            return "socket activation: \(socket) is a stream socket that is not listening; "
                + "set Accept=no in the .socket unit"
        case .systemCall(let call, let socket, let code):
            return "socket activation: \(call) on \(socket) failed: \(String(cString: strerror(code))) (errno \(code))"
        }
    }
}
