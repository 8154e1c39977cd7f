import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file so that a reader sees the old content or the new, never a mix: a temp file in
/// the same directory (same filesystem, so `rename` is atomic), written and synced, given the old
/// file's mode, renamed over it, and the directory synced so the rename survives a crash.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func replace(_ path: String, with bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var template = Array("\(directory)/.\(url.lastPathComponent).regiond-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw Failure(description: "cannot create a temp file in \(directory): \(errnoText())") }
        let temp = String(cString: template)
        var renamed = false
        defer {
            if !renamed { unlink(temp) }
        }
        do {
            defer { close(fd) }
            try writeAll(fd, bytes, temp)
            guard fchmod(fd, mode(keptFrom: path)) == 0, fsync(fd) == 0 else { throw Failure(description: "\(temp): \(errnoText())") }
        }
        guard rename(temp, path) == 0 else { throw Failure(description: "cannot replace \(path): \(errnoText())") }
        renamed = true
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }

    /// The existing file's permission bits; for a new file, 0644 less the umask.
    private static func mode(keptFrom path: String) -> mode_t {
        var info = stat()
        if stat(path, &info) == 0 { return info.st_mode & 0o7777 }
        let mask = umask(0)
        umask(mask)
        return 0o644 & ~mask
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw Failure(description: "cannot write \(path): \(errnoText())") }
            offset += written
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
