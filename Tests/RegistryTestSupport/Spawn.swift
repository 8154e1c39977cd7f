import Foundation

/// Starts `process` with no other test starting one at the same moment. Foundation's
/// `Process.run()` on Linux is not safe to call from two threads at once: the suite crashed
/// once in it (a bad pointer inside its copy of the arguments and environment) while two tests
/// each started a regiond.
public func spawn(_ process: Process) throws {
    spawnLock.lock()
    defer { spawnLock.unlock() }
    try process.run()
}

private let spawnLock = NSLock()
