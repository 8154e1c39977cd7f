import Glibc
import SystemdSupport
import RegistryTestSupport
import Testing

@Suite("SystemdNotifier")
struct SystemdNotifierTests {
    @Test func absentWithoutNotifySocket() {
        #expect(SystemdNotifier(environment: [:]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/systemd/notify"])?.socketAddress == "/run/systemd/notify")
    }

    @Test(arguments: DatagramReceiver.Kind.allCases)
    func sendsEachStateAsOneDatagram(_ kind: DatagramReceiver.Kind) throws {
        let receiver = try DatagramReceiver(kind)
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address]))

        try notifier.ready()
        #expect(try receiver.receive() == "READY=1")
        try notifier.ready(status: "serving on 127.0.0.1:8750")
        #expect(try receiver.receive() == "READY=1\nSTATUS=serving on 127.0.0.1:8750")
        try notifier.status("refreshing")
        #expect(try receiver.receive() == "STATUS=refreshing")
        try notifier.stopping()
        #expect(try receiver.receive() == "STOPPING=1")
        try notifier.watchdog()
        #expect(try receiver.receive() == "WATCHDOG=1")
        try notifier.extendTimeout(by: .seconds(90))
        #expect(try receiver.receive() == "EXTEND_TIMEOUT_USEC=90000000")
        try notifier.send(["A=1", "B=2"])
        #expect(try receiver.receive() == "A=1\nB=2")
        #expect(!receiver.hasPending)
    }

    @Test(arguments: DatagramReceiver.Kind.allCases)
    func reloadingCarriesTheMonotonicClock(_ kind: DatagramReceiver.Kind) throws {
        let receiver = try DatagramReceiver(kind)
        let notifier = SystemdNotifier(socketAddress: receiver.address)

        let before = monotonicMicroseconds()
        try notifier.reloading()
        let after = monotonicMicroseconds()

        let lines = try receiver.receive().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2)
        #expect(lines.first == "RELOADING=1")
        let stamp = try #require(lines.last.flatMap { $0.hasPrefix("MONOTONIC_USEC=") ? UInt64($0.dropFirst(15)) : nil })
        #expect((before...after).contains(stamp))
    }

    @Test func statusStaysOnOneLine() throws {
        let receiver = try DatagramReceiver(.path)
        try SystemdNotifier(socketAddress: receiver.address).status("line one\nREADY=1\r\nend")
        #expect(try receiver.receive() == "STATUS=line one READY=1 end")
    }

    @Test func sendsConcurrentlyFromManyTasks() async throws {
        let receiver = try DatagramReceiver(.abstract)
        let notifier = SystemdNotifier(socketAddress: receiver.address)
        // Fewer than the kernel's default max_dgram_qlen (10), so none is refused as EAGAIN.
        try await withThrowingTaskGroup { group in
            for index in 0..<5 { group.addTask { try notifier.status("task \(index)") } }
            try await group.waitForAll()
        }
        let received = try Set((0..<5).map { _ in try receiver.receive() })
        #expect(received == Set((0..<5).map { "STATUS=task \($0)" }))
    }

    @Test func fullQueueFailsFastInsteadOfBlocking() throws {
        let receiver = try DatagramReceiver(.path, draining: false)  // never read: its queue fills up
        let notifier = SystemdNotifier(socketAddress: receiver.address)
        var failure: SystemdNotifyError?
        for _ in 0..<10_000 where failure == nil {
            do { try notifier.watchdog() } catch { failure = error }
        }
        #expect(failure == .systemCall("sendto", errno: EAGAIN))
        #expect(receiver.hasPending)
    }

    @Test func reportsUndeliverableAddresses() {
        #expect(throws: SystemdNotifyError.systemCall("sendto", errno: ENOENT)) {
            try SystemdNotifier(socketAddress: "/tmp/no-such-dir-\(getpid())/notify").ready()
        }
        #expect(throws: SystemdNotifyError.unsupportedAddress("vsock:2:9999")) {
            try SystemdNotifier(socketAddress: "vsock:2:9999").ready()
        }
        #expect(throws: SystemdNotifyError.unsupportedAddress("relative/notify")) {
            try SystemdNotifier(socketAddress: "relative/notify").ready()
        }
        let long = "/" + String(repeating: "x", count: 200)
        #expect(throws: SystemdNotifyError.addressTooLong(long)) {
            try SystemdNotifier(socketAddress: long).ready()
        }
        #expect(SystemdNotifyError.systemCall("sendto", errno: EAGAIN).description.contains("sendto failed"))
    }

}
