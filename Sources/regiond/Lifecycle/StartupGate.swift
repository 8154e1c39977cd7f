import RegionRegistry

/// When start-up is over: the listener is bound and, on a database without data, the first
/// refresh has finished (succeeded or not). Then it calls `onOpen` once: `READY=1` waits for
/// it, so systemd and `/readyz` say the same thing.
actor StartupGate {
    private let waitForFirstRefresh: Bool
    private let onOpen: @Sendable (_ firstRefresh: RefreshRun?) async -> Void
    private var isListening = false
    private var firstRefresh: RefreshRun?
    private var opened = false

    /// - Parameter onOpen: gets the first refresh's run when start-up waited for it, else nil.
    init(waitForFirstRefresh: Bool, onOpen: @escaping @Sendable (_ firstRefresh: RefreshRun?) async -> Void) {
        self.waitForFirstRefresh = waitForFirstRefresh
        self.onOpen = onOpen
    }

    var isOpen: Bool { isListening && (!waitForFirstRefresh || firstRefresh != nil) }

    func listening() async {
        isListening = true
        await openIfDone()
    }

    func refreshFinished(_ run: RefreshRun) async {
        if firstRefresh == nil { firstRefresh = run }
        await openIfDone()
    }

    private func openIfDone() async {
        guard isOpen, !opened else { return }
        opened = true
        await onOpen(waitForFirstRefresh ? firstRefresh : nil)
    }
}
