import MailMessage
import Testing

@Suite struct MIMETreeTests {
    static let nested = """
        From: a@x.fr
        Content-Type: multipart/mixed; boundary="outer"

        preamble text
        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain; charset=utf-8

        plain version
        --inner
        Content-Type: text/html; charset=utf-8

        <p>html version</p>
        --inner--
        --outer
        Content-Type: message/rfc822

        Subject: attached
        Content-Type: text/plain

        inner body
        --outer
        Content-Type: application/pdf; name="doc.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer--
        epilogue text
        """

    @Test(arguments: [false, true])
    func nestedMultipartsAndAnAttachedMessage(crlf: Bool) throws {
        let parsed = message(Self.nested, crlf: crlf)
        let root = parsed.root
        guard case .multipart(let preamble, let parts, let epilogue) = root.body else {
            Issue.record("root is not a multipart")
            return
        }
        #expect(String(decoding: parsed.bytes[preamble], as: UTF8.self) == "preamble text")
        #expect(String(decoding: parsed.bytes[epilogue], as: UTF8.self) == "epilogue text")
        #expect(parts.map(\.contentType.mimeType) == ["multipart/alternative", "message/rfc822", "application/pdf"])
        #expect(parts[0].children.map(\.text) == ["plain version", "<p>html version</p>"])
        let attached = try #require(parts[1].children.first)
        #expect(attached.header["Subject"] == "attached")
        #expect(attached.text == "inner body")
        #expect(parts[2].decodedBody == Array("%PDF-1.4\n".utf8))
        #expect(parts[2].isAttachment && parts[2].filename == "doc.pdf")
        // root, alternative + 2, message/rfc822 + its root, pdf
        #expect(parsed.allParts.count == 7)
        #expect(parsed.attachments.map(\.filename) == ["doc.pdf"])
        #expect(parts[0].depth == 1 && parts[0].children[0].depth == 2 && attached.depth == 2)
    }

    @Test func partWithoutHeaderIsTextPlainAndDigestDefaultsToMessage() {
        let plain = message("Content-Type: multipart/mixed; boundary=b\n\n--b\n\nno header\n--b--\n")
        #expect(plain.root.children.first?.contentType.mimeType == "text/plain")
        #expect(plain.root.children.first?.text == "no header")
        let digest = message("Content-Type: multipart/digest; boundary=b\n\n--b\n\nSubject: one\n\nbody\n--b--\n")
        let first = digest.root.children.first
        #expect(first?.contentType.mimeType == "message/rfc822")
        #expect(first?.children.first?.header["Subject"] == "one")
    }

    @Test func boundaryMustStandAloneOnItsLine() {
        // `--b` inside text, or `--bb`, is not a delimiter; trailing white space after one is allowed.
        let parsed = message("Content-Type: multipart/mixed; boundary=b\n\n--b  \n\nsee --b here\n--bb\n--b--\n")
        #expect(parsed.root.children.count == 1)
        #expect(parsed.root.children.first?.text == "see --b here\n--bb")
    }

    @Test func missingCloseDelimiterAndMissingBoundary() {
        let unclosed = message("Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n\ntwo\n")
        #expect(unclosed.root.children.map(\.text) == ["one", "two\n"])
        let noBoundary = message("Content-Type: multipart/mixed\n\njust text\n")
        #expect(noBoundary.root.children.isEmpty)
        let neverFound = message("Content-Type: multipart/mixed; boundary=zz\n\njust text\n")
        guard case .multipart(let preamble, let parts, _) = neverFound.root.body else {
            Issue.record("expected a multipart")
            return
        }
        #expect(parts.isEmpty && preamble.count == 10)
    }

    @Test func base64EncodedMessageIsParsedFromItsDecodedBytes() {
        // "Subject: x\n\nb\n", as Exchange forwards an attached message.
        let parsed = message("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nU3ViamVjdDogeAoKYgo=\n")
        let inner = parsed.root.children.first
        #expect(inner?.header["Subject"] == "x")
        #expect(inner?.text == "b\n")
        #expect(parsed.plainText().text == "b\n")
    }

    @Test func invalidContentTypeFallsBackToTextPlain() {
        let parsed = message("Content-Type: garbage\n\nhello")
        #expect(parsed.root.contentType == .textPlain)
        #expect(parsed.root.text == "hello")
    }

    @Test func unknownCharsetInATextPartStillGivesText() {
        let parsed = message("Content-Type: text/plain; charset=x-unknown\n\ncaf\u{E9}")
        #expect(parsed.root.text == "café")
    }
}
