import Foundation
import IMAPCore
import TestSupport
import Testing

@testable import IMAPClient

/// What the client holds or throws around a login never shows the password or token: the request handed to the
/// channel, and the errors of a refused, broken or timed-out authentication.
@Suite struct CredentialRedactionClientTests {
    static let password = "Sup3r-S3cret!"

    private func renderings<T>(_ value: T) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    private func expectNoSecret<T>(_ value: T, _ forbidden: [String], sourceLocation: SourceLocation = #_sourceLocation)
    {
        for text in renderings(value) {
            for form in forbidden {
                #expect(!text.contains(form), "shows \(form.debugDescription): \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func theRequestCarryingALoginDoesNotShowThePassword() {
        let request = IMAPRequest(
            kind: .command(.login(user: "alice", password: Secret(Self.password)), encoder: CommandEncoder()))
        expectNoSecret(request, [Self.password])
    }

    @Test func aRefusedLoginSaysNothingOfThePassword() async throws {
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1] ready\r\n"), .expectLine(prefix: "M1 LOGIN"),
            .send("M1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"),
        ])
        let connection = try await server.connect()
        do {
            try await connection.login(user: "alice", password: Self.password)
            Issue.record("logged in")
        } catch {
            expectNoSecret(error, [Self.password])
        }
        await connection.close()
        await server.finished()
    }

    /// PLAIN without SASL-IR: the credentials go after the server's `+`; a server that then breaks the protocol
    /// or goes silent gets an error without them.
    @Test(arguments: ["M1 BAD \u{1}garbage\r\n", "* 1 FETCH (BODY[] {99999999999999999}\r\n", nil as String?])
    func aBrokenPlainExchangeSaysNothingOfTheCredentials(answer: String?) async throws {
        let base64 = Data("\0alice\0\(Self.password)".utf8).base64EncodedString()
        var script: [ScriptedServer.Step] = [
            .send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"), .expectLine(prefix: "M1 AUTHENTICATE PLAIN"),
            .send("+ \r\n"),
            .expectLine(prefix: base64),
        ]
        script.append(answer.map { .send($0) } ?? .silence)
        let server = try ScriptedServer(script)
        let connection = try await server.connect(commandTimeout: .milliseconds(answer == nil ? 500 : 10_000))
        do {
            try await connection.authenticatePlain(user: "alice", password: Self.password)
            Issue.record("logged in")
        } catch {
            expectNoSecret(error, [Self.password, base64, String(base64.prefix(12))])
        }
        await connection.close()
        await server.finished()
    }
}
