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

/// Waits for `process` to exit, or for `settled` to hold (then it is left running); after `limit`
/// it is killed (SIGKILL) and this returns false. A hung child must fail its test, not hang the
/// whole suite until CI gives up on it. Blocks its thread: call it from a thread of its own.
@discardableResult
public func waitForExit(_ process: Process, within limit: Duration, unless settled: () -> Bool = { false }) -> Bool {
    let deadline = ContinuousClock.now + limit
    // Polling `isRunning` (Foundation reaps the child for us); 10 ms is far below any limit used.
    while process.isRunning, !settled(), ContinuousClock.now < deadline { usleep(10_000) }
    guard process.isRunning, !settled() else { return true }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return false
}
