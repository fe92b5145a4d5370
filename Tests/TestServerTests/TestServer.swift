import Foundation

/// The private Dovecot that `scripts/test.sh` starts, as described by the environment it exports.
struct TestServer {
    var host: String
    var port: UInt16
    var tlsPort: UInt16
    var caFile: String

    static let required = ProcessInfo.processInfo.environment["MAILSIFT_REQUIRE_TEST_SERVER"] == "1"

    static var fromEnvironment: TestServer? {
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["MAILSIFT_TEST_IMAP_HOST"],
            let port = environment["MAILSIFT_TEST_IMAP_PORT"].flatMap(UInt16.init),
            let tlsPort = environment["MAILSIFT_TEST_IMAPS_PORT"].flatMap(UInt16.init)
        else { return nil }
        return TestServer(host: host, port: port, tlsPort: tlsPort, caFile: environment["MAILSIFT_TEST_IMAP_CA"] ?? "")
    }

    /// Whether the server tests run: always under scripts/test.sh, skipped (visibly) under a bare `swift test`.
    static var available: Bool { fromEnvironment != nil || required }
}
