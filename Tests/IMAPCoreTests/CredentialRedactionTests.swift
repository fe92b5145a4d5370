import Testing

@testable import IMAPCore

/// A password or token never prints: not from the command, the encoded command, the state machine holding its
/// bytes until a `+`, nor the actions writing them — whichever way it is printed.
@Suite struct CredentialRedactionTests {
    static let password = "Sup3r-S3cret!"
    static let token = "ya29.T0ken-s3cret"

    /// Every way a value ends up as text: description, debug description, interpolation, dump.
    static func renderings<T>(_ value: T) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    /// The forms a secret could take in printed text: itself, base64 of what was sent (whole or a long run of
    /// it), and bytes printed as numbers (as an array prints, or as `dump` lists them).
    static func forms(of secret: String, saslMessage: [UInt8]?) -> [String] {
        var texts = [secret]
        if let saslMessage {
            let base64 = Base64.encode(saslMessage)
            texts.append(base64)
            // Any 12 characters of it: whatever the alignment, the secret's part of the base64 is longer.
            let characters = Array(base64)
            for start in stride(from: 0, to: characters.count - 12, by: 4) {
                texts.append(String(characters[start..<start + 12]))
            }
        }
        return texts.flatMap { text in
            let bytes = Array(text.utf8).prefix(6)
            return [text, bytes.map(String.init).joined(separator: ", "), bytes.map { "-\($0)" }.joined()]
        }
    }

    static func expectNoLeak<T>(_ value: T, of secret: String, saslMessage: [UInt8]?, _ what: String) {
        // As printed, and without whitespace (dump puts each byte of an array on its own indented line).
        for rendering in renderings(value) {
            for text in [rendering, rendering.filter { !$0.isWhitespace }] {
                for form in forms(of: secret, saslMessage: saslMessage) where text.contains(form) {
                    Issue.record("\(what) shows \(form.debugDescription): \(rendering)")
                }
            }
        }
    }

    static let cases: [(Command, String, [UInt8]?)] = [
        (.login(user: "alice", password: Secret(password)), password, nil),
        (
            .authenticatePlain(authorizationID: "", user: "alice", password: Secret(password)), password,
            Array("\0alice\0\(password)".utf8)
        ),
        (
            .authenticateXOAuth2(user: "a@b.fr", token: Secret(token)), token,
            Array("user=a@b.fr\u{1}auth=Bearer \(token)\u{1}\u{1}".utf8)
        ),
        (
            .authenticateOAuthBearer(user: "a@b.fr", host: "imap.b.fr", port: 993, token: Secret(token)), token,
            Array("n,a=a@b.fr,\u{1}host=imap.b.fr\u{1}port=993\u{1}auth=Bearer \(token)\u{1}\u{1}".utf8)
        ),
    ]

    @Test(arguments: cases, [true, false])
    func noRenderingShowsTheSecret(
        authentication: (command: Command, secret: String, saslMessage: [UInt8]?), saslIR: Bool
    ) {
        let (command, secret, saslMessage) = authentication
        Self.expectNoLeak(command, of: secret, saslMessage: saslMessage, "the command")
        let encoded = CommandEncoder(saslInitialResponse: saslIR).encode(command, tag: "A1")
        // The bytes do carry it (plain for LOGIN, base64 for AUTHENTICATE): they are what is sent.
        let sent = String(decoding: encoded.bytes, as: UTF8.self)
        #expect(sent.contains(saslMessage.map(Base64.encode) ?? secret))
        Self.expectNoLeak(encoded, of: secret, saslMessage: saslMessage, "the encoded command")
        Self.expectNoLeak([encoded], of: secret, saslMessage: saslMessage, "an array of encoded commands")

        // Without SASL-IR the credentials wait in the machine for the server's `+`, then go out as a write.
        var machine = ConnectionStateMachine()
        _ = machine.receive(.untagged(.state(ResponseState(kind: .ok, code: nil, text: "ready"))))
        let start = machine.enqueue { CommandEncoder(saslInitialResponse: saslIR).encode(command, tag: $0) }
        Self.expectNoLeak(machine, of: secret, saslMessage: saslMessage, "the state machine")
        Self.expectNoLeak(start.actions, of: secret, saslMessage: saslMessage, "the first write")
        let next = machine.receive(.continuation(""))
        Self.expectNoLeak(next, of: secret, saslMessage: saslMessage, "the write after +")
    }

    @Test func aSecretShowsOnlyWhenAskedByName() {
        let secret = Secret(Self.password)
        #expect(secret.exposed == Self.password)
        for text in Self.renderings(secret) {
            #expect(text.contains("<redacted>") && !text.contains("Sup3r"), "\(text)")
        }
        #expect(
            Self.renderings(Command.login(user: "alice", password: secret))[0]
                == "login(user: \"alice\", password: <redacted>)")
    }
}
