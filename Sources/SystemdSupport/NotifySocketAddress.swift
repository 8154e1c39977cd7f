#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `sockaddr_un` for a `NOTIFY_SOCKET` value.
///
/// `/path` is a socket in the file system; `@name` is Linux's abstract namespace, spelled with a
/// leading NUL in `sun_path` and measured without a trailing NUL (the NUL would be part of the name).
struct NotifySocketAddress {
    var storage = sockaddr_un()
    let length: socklen_t

    init(_ text: String) throws(SystemdNotifyError) {
        var bytes = Array(text.utf8)
        let isAbstract = bytes.first == UInt8(ascii: "@")
        // systemd ≥ 254 may also hand out `vsock:CID:PORT`; regiond never runs inside a VM that needs it.
        guard isAbstract || bytes.first == UInt8(ascii: "/"), bytes.count > 1 else {
            throw .unsupportedAddress(text)
        }
        if isAbstract { bytes[0] = 0 }

        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        // A path keeps room for its terminating NUL; an abstract name may use every byte.
        guard bytes.count <= (isAbstract ? capacity : capacity - 1) else { throw .addressTooLong(text) }

        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { $0.copyBytes(from: bytes) }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? MemoryLayout<sa_family_t>.size
        length = socklen_t(pathOffset + bytes.count + (isAbstract ? 0 : 1))
    }
}
