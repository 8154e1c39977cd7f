import Glibc
import SystemdSupport
import Testing

@Suite("SystemdWatchdog")
struct SystemdWatchdogTests {
    let pid: pid_t = 4242

    @Test func halfOfTheTimeoutForThisProcess() {
        #expect(SystemdWatchdog.pingInterval(environment: ["WATCHDOG_USEC": "30000000"], pid: pid) == .seconds(15))
        #expect(SystemdWatchdog.pingInterval(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "4242"], pid: pid)
            == .seconds(15))
        #expect(SystemdWatchdog.pingInterval(environment: ["WATCHDOG_USEC": "3", "WATCHDOG_PID": ""], pid: pid)
            == .microseconds(1))
    }

    @Test(arguments: [
        [:],
        ["WATCHDOG_USEC": ""],
        ["WATCHDOG_USEC": "0"],
        ["WATCHDOG_USEC": "-5"],
        ["WATCHDOG_USEC": "30s"],
        ["WATCHDOG_USEC": "99999999999999999999999"],
        ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "4243"],
        ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "self"],
        ["WATCHDOG_PID": "4242"],
    ])
    func noWatchdogForThisProcess(_ environment: [String: String]) {
        #expect(SystemdWatchdog.pingInterval(environment: environment, pid: pid) == nil)
    }

    @Test func defaultsToTheCurrentProcess() {
        #expect(SystemdWatchdog.pingInterval(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "\(getpid())"])
            == .seconds(1))
    }
}
