import Glibc
import SystemdSupport
import Testing

/// Uses real descriptors the test owns, moved to a free block of high numbers, never fd 3.
/// Serialized: the free block is chosen by probing, which two tests at once could both pick.
@Suite("SocketActivation", .serialized)
struct SocketActivationTests {
    let pid = getpid()

    @Test func notActivated() throws {
        #expect(try SocketActivation.listeningSockets(environment: [:]).isEmpty)
        #expect(try SocketActivation.listeningSockets(environment: ["LISTEN_FDS": "1"]).isEmpty)
        #expect(try SocketActivation.listeningSockets(environment: ["LISTEN_PID": "\(pid)"]).isEmpty)
        #expect(try SocketActivation.listeningSockets(environment: ["LISTEN_PID": "\(pid)", "LISTEN_FDS": "0"]).isEmpty)
        #expect(try SocketActivation.listeningSockets(
            environment: ["LISTEN_PID": "\(pid)", "LISTEN_FDS": "0", "LISTEN_FDNAMES": ""]).isEmpty)
        // Another process's sockets (a parent's variables we inherited): not ours to touch.
        #expect(try SocketActivation.listeningSockets(environment: ["LISTEN_PID": "\(pid + 1)", "LISTEN_FDS": "2"]).isEmpty)
    }

    @Test(arguments: [
        (["LISTEN_PID": "me", "LISTEN_FDS": "1"], SocketActivationError.invalidVariable(name: "LISTEN_PID", value: "me")),
        (["LISTEN_PID": "0", "LISTEN_FDS": "1"], .invalidVariable(name: "LISTEN_PID", value: "0")),
        (["LISTEN_PID": "PID", "LISTEN_FDS": "-1"], .invalidVariable(name: "LISTEN_FDS", value: "-1")),
        (["LISTEN_PID": "PID", "LISTEN_FDS": "two"], .invalidVariable(name: "LISTEN_FDS", value: "two")),
        (["LISTEN_PID": "PID", "LISTEN_FDS": "2147483647"], .invalidVariable(name: "LISTEN_FDS", value: "2147483647")),
        (["LISTEN_PID": "PID", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "http"], .nameCountMismatch(names: 1, descriptors: 2)),
        (["LISTEN_PID": "PID", "LISTEN_FDS": "1", "LISTEN_FDNAMES": "a:b"], .nameCountMismatch(names: 2, descriptors: 1)),
    ])
    func rejectsMalformedVariables(_ environment: [String: String], _ expected: SocketActivationError) {
        let env = environment.mapValues { $0 == "PID" ? "\(pid)" : $0 }
        #expect(throws: expected) { try SocketActivation.listeningSockets(environment: env) }
    }

    @Test func acceptsListeningStreamSocketsWithNames() throws {
        let fds = try DescriptorBlock([try tcpListener(), try unixListener()])
        defer { fds.close() }

        let sockets = try SocketActivation.listeningSockets(
            environment: ["LISTEN_PID": "\(pid)", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "http:admin"],
            pid: pid, firstDescriptor: fds.first)
        #expect(sockets == [
            ActivatedSocket(fileDescriptor: fds.first, name: "http"),
            ActivatedSocket(fileDescriptor: fds.first + 1, name: "admin"),
        ])
        for socket in sockets { #expect(fcntl(socket.fileDescriptor, F_GETFD) & FD_CLOEXEC != 0) }
    }

    @Test func namesAreOptional() throws {
        let fds = try DescriptorBlock([try tcpListener()])
        defer { fds.close() }
        let sockets = try SocketActivation.listeningSockets(
            environment: ["LISTEN_PID": "\(pid)", "LISTEN_FDS": "1"], pid: pid, firstDescriptor: fds.first)
        #expect(sockets == [ActivatedSocket(fileDescriptor: fds.first, name: nil)])
    }

    @Test func rejectsADatagramSocket() throws {
        let fds = try DescriptorBlock([try tcpListener(), socket(AF_INET, CInt(SOCK_DGRAM.rawValue), 0)])
        defer { fds.close() }
        let second = ActivatedSocket(fileDescriptor: fds.first + 1, name: "metrics")
        let error = #expect(throws: SocketActivationError.notAStreamSocket(second, type: CInt(SOCK_DGRAM.rawValue))) {
            try SocketActivation.listeningSockets(
                environment: ["LISTEN_PID": "\(pid)", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "http:metrics"],
                pid: pid, firstDescriptor: fds.first)
        }
        #expect(error?.description.contains("ListenStream=") == true)
        #expect(error?.description.contains("fd \(fds.first + 1) (\"metrics\")") == true)
    }

    @Test func rejectsAStreamSocketThatIsNotListening() throws {
        let fds = try DescriptorBlock([socket(AF_INET, CInt(SOCK_STREAM.rawValue), 0)])
        defer { fds.close() }
        let error = #expect(throws: SocketActivationError.notListening(ActivatedSocket(fileDescriptor: fds.first))) {
            try SocketActivation.listeningSockets(
                environment: ["LISTEN_PID": "\(pid)", "LISTEN_FDS": "1"], pid: pid, firstDescriptor: fds.first)
        }
        #expect(error?.description.contains("Accept=no") == true)
    }

    @Test func rejectsAFileAndAClosedDescriptor() throws {
        let fds = try DescriptorBlock([open("/dev/null", O_RDONLY)])
        let file = ActivatedSocket(fileDescriptor: fds.first)
        #expect(throws: SocketActivationError.notASocket(file)) {
            try SocketActivation.listeningSockets(
                environment: ["LISTEN_PID": "\(pid)", "LISTEN_FDS": "1"], pid: pid, firstDescriptor: fds.first)
        }
        fds.close()
        #expect(throws: SocketActivationError.notOpen(file)) {
            try SocketActivation.listeningSockets(
                environment: ["LISTEN_PID": "\(pid)", "LISTEN_FDS": "1"], pid: pid, firstDescriptor: fds.first)
        }
        #expect(throws: SocketActivationError.notOpen(file)) { try SocketActivation.checkListeningStream(file) }
    }
}

/// Descriptors moved (dup2) to consecutive free numbers, as systemd lays them out from fd 3.
struct DescriptorBlock {
    let first: CInt
    let count: CInt

    init(_ descriptors: [CInt]) throws {
        for fd in descriptors { try #require(fd >= 0) }
        count = CInt(descriptors.count)
        var start: CInt = 600
        while (start..<start + count).contains(where: { fcntl($0, F_GETFD) >= 0 }) { start += count }
        first = start
        for (offset, fd) in descriptors.enumerated() {
            try #require(dup2(fd, first + CInt(offset)) == first + CInt(offset))
            Glibc.close(fd)
        }
    }

    func close() {
        for fd in first..<first + count { Glibc.close(fd) }
    }
}

func tcpListener() throws -> CInt {
    let fd = socket(AF_INET, CInt(SOCK_STREAM.rawValue), 0)
    try #require(fd >= 0)
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    let bound = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    try #require(bound == 0)
    try #require(listen(fd, 16) == 0)
    return fd
}

func unixListener() throws -> CInt {
    let fd = socket(AF_UNIX, CInt(SOCK_STREAM.rawValue), 0)
    try #require(fd >= 0)
    var addr = sockaddr_un()
    addr.sun_family = sa_family_t(AF_UNIX)
    // Autobind: an empty address gets a fresh abstract name, leaving nothing to clean up.
    let bound = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sa_family_t>.size)) }
    }
    try #require(bound == 0)
    try #require(listen(fd, 16) == 0)
    return fd
}
