import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

/// XOAUTH2 and OAUTHBEARER with a token from the caller. The test Dovecot has no OAuth server behind it, so a
/// scripted server plays the exchanges, the failure with its error challenge included.
@Suite struct OAuthTests {
    private static let xoauth2 = Data("user=prof@ecoles.example.fr\u{1}auth=Bearer ya29.token-42\u{1}\u{1}".utf8)
        .base64EncodedString()
    private static let errorChallenge = Data(
        #"{"status":"401","schemes":"bearer","scope":"https://mail.example/"}"#.utf8
    ).base64EncodedString()

    @Test func xoauth2SucceedsWithTheTokenInline() async throws {
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] ready\r\n"),
            .expectLine(prefix: "M1 AUTHENTICATE XOAUTH2 \(Self.xoauth2)"),
            .send("M1 OK [CAPABILITY IMAP4rev1 IDLE] logged in\r\n"),
        ])
        let connection = try await server.connect()
        try await connection.authenticateXOAuth2(user: "prof@ecoles.example.fr", token: "ya29.token-42")
        #expect(connection.hasCapability("IDLE"))
        await connection.close()
        await server.finished()
    }

    @Test func anExpiredTokenIsAnAuthenticationFailureNotAProtocolViolation() async throws {
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2] ready\r\n"),
            .expectLine(prefix: "M1 AUTHENTICATE XOAUTH2"), .send("+ \r\n"),
            .expectLine(prefix: Self.xoauth2), .send("+ \(Self.errorChallenge)\r\n"),
            // XOAUTH2 wants an empty response to its error challenge; then the NO comes.
            .expectLine(prefix: ""), .send("M1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n"),
            .expectLine(prefix: "M2 NOOP"), .send("M2 OK still here\r\n"),
        ])
        let connection = try await server.connect()
        do {
            try await connection.authenticateXOAuth2(user: "prof@ecoles.example.fr", token: "ya29.token-42")
            Issue.record("logged in with a refused token")
        } catch let error as IMAPClientError {
            #expect(error.isAuthenticationFailure, "\(error)")
            #expect(!error.description.contains("ya29"))
        }
        try await connection.execute(.noop)
        await connection.close()
        await server.finished()
    }

    @Test func oauthBearerNamesHostAndPortAndAnswersAnErrorWithOneByte() async throws {
        let server = try ScriptedServer([
            .send("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=OAUTHBEARER] ready\r\n"),
            .expectLine(prefix: "M1 AUTHENTICATE OAUTHBEARER "), .send("+ \(Self.errorChallenge)\r\n"),
            .expectLine(prefix: "AQ=="), .send("M1 NO [AUTHENTICATIONFAILED] Invalid token\r\n"),
        ])
        let connection = try await server.connect()
        await #expect(throws: IMAPClientError.self) {
            try await connection.authenticateOAuthBearer(user: "prof@ecoles.example.fr", token: "tok")
        }
        await connection.close()
        await server.finished()
        let line = try #require(server.received.first { $0.hasPrefix("M1 AUTHENTICATE OAUTHBEARER ") })
        let sent = try #require(
            Data(
                base64Encoded: String(line.dropFirst("M1 AUTHENTICATE OAUTHBEARER ".count)).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
        #expect(
            String(decoding: sent, as: UTF8.self)
                == "n,a=prof@ecoles.example.fr,\u{1}host=127.0.0.1\u{1}port=\(server.port)\u{1}auth=Bearer tok\u{1}\u{1}"
        )
    }
}
