import TestSupport
import Testing

/// Proves that the suite reaches the private Dovecot started by scripts/test.sh, with the users and the
/// features the IMAP tests rely on.
@Suite(.enabled(if: TestServer.dovecotAvailable, "needs the test Dovecot: run scripts/test.sh"))
struct TestServerReachabilityTests {
    private func openSocket() throws -> LineSocket {
        try #require(
            TestServer.dovecotDescribed, "MAILSIFT_REQUIRE_TEST_SERVER is set but the server environment is missing")
        return try LineSocket(host: TestServer.dovecot.host, port: UInt16(TestServer.dovecot.plainPort))
    }

    @Test func greetsAndAcceptsLogin() throws {
        let socket = try openSocket()
        #expect(try socket.readLine().hasPrefix("* OK"))
        try socket.send("a1 LOGIN alice alice-pass")
        #expect(try socket.readTagged("a1").hasPrefix("a1 OK"))
        try socket.send("a2 LOGOUT")
        _ = try socket.readTagged("a2")
    }

    @Test func rejectsAWrongPassword() throws {
        let socket = try openSocket()
        _ = try socket.readLine()
        try socket.send("a1 LOGIN alice wrong")
        #expect(try socket.readTagged("a1").hasPrefix("a1 NO"))
    }

    @Test func offersStartTLSQuotaAndSpecialUseFolders() throws {
        let socket = try openSocket()
        _ = try socket.readLine()
        try socket.send("a1 CAPABILITY")
        var capabilities = ""
        while true {
            let line = try socket.readLine()
            if line.hasPrefix("* CAPABILITY") { capabilities = line }
            if line.hasPrefix("a1 ") { break }
        }
        #expect(capabilities.contains("STARTTLS"))
        try socket.send("a2 LOGIN carol carol-pass")
        _ = try socket.readTagged("a2")
        try socket.send("a3 GETQUOTAROOT INBOX")
        var quota = ""
        while true {
            let line = try socket.readLine()
            if line.hasPrefix("* QUOTA ") { quota = line }
            if line.hasPrefix("a3 ") { break }
        }
        #expect(quota.contains("STORAGE 0 1024"), "carol has a 1 MiB quota: \(quota)")
        try socket.send("a4 LIST \"\" \"*\"")
        var folders: [String] = []
        while true {
            let line = try socket.readLine()
            if line.hasPrefix("* LIST") { folders.append(line) }
            if line.hasPrefix("a4 ") { break }
        }
        for use in ["\\Junk", "\\Archive", "\\Sent", "\\Trash", "\\Drafts"] {
            #expect(folders.contains { $0.contains(use) }, "missing SPECIAL-USE \(use)")
        }
    }

    @Test func masterUserLogsInAsAnotherUser() throws {
        let socket = try openSocket()
        _ = try socket.readLine()
        try socket.send("a1 LOGIN bob*admin admin-pass")
        #expect(try socket.readTagged("a1").hasPrefix("a1 OK"))
    }
}
