import MailMessage
import Testing

@Suite struct HeaderParserTests {
    @Test(arguments: [false, true])
    func keepsFieldsInOrderWithEveryOccurrence(crlf: Bool) {
        let parsed = message(
            "Received: from a\nReceived: from b\nSubject: Hi\nX-Empty:\n\nbody\n", crlf: crlf)
        #expect(parsed.header.fields.map(\.name) == ["Received", "Received", "Subject", "X-Empty"])
        #expect(parsed.header.fields(named: "received").map(\.unfoldedValue) == ["from a", "from b"])
        #expect(parsed.header["X-Empty"] == "")
        #expect(parsed.bodyRange.count == (crlf ? 6 : 5))
    }

    @Test func lookupIgnoresCase() {
        let parsed = message("SUBJECT: loud\ncontent-type: text/plain\n\n")
        #expect(parsed.header["subject"] == "loud")
        #expect(parsed.header.first("Content-Type")?.name == "content-type")
        #expect(parsed.header.contains("Content-TYPE"))
        #expect(!parsed.header.contains("From"))
    }

    @Test func unfoldsContinuationLinesAndKeepsTheRawValue() {
        let parsed = message("Subject: a long\n  subject\n\tline\nTo: x@y\n\n", crlf: true)
        let field = parsed.header.first("Subject")!
        #expect(field.unfoldedValue == "a long  subject\tline")
        #expect(String(decoding: field.rawValue, as: UTF8.self) == " a long\r\n  subject\r\n\tline")
        #expect(parsed.header["To"] == "x@y")
    }

    @Test func skipsJunkLinesWithoutLosingLaterFields() {
        let parsed = message("From sender@example.com Thu Nov 26 09:00:00 2026\nSubject: s\nthis line has no colon\nTo: a@b\n\nbody")
        #expect(parsed.header.fields.map(\.name) == ["Subject", "To"])
        #expect(String(decoding: parsed.bytes[parsed.bodyRange], as: UTF8.self) == "body")
    }

    @Test func acceptsWhiteSpaceBeforeTheColon() {
        #expect(message("Subject : obsolete\n\n").header["subject"] == "obsolete")
    }

    @Test func messageWithoutBodyOrWithoutHeader() {
        let headerOnly = message("Subject: no body")
        #expect(headerOnly.subject == "no body")
        #expect(headerOnly.bodyRange.isEmpty)
        let bodyOnly = message("\nonly a body\n")
        #expect(bodyOnly.header.fields.isEmpty)
        #expect(bodyOnly.plainText().text == "only a body\n")
        let empty = Message([])
        #expect(empty.header.fields.isEmpty && empty.root.children.isEmpty)
    }

    @Test func readsRawUTF8AndFallsBackToWindows1252() {
        let utf8 = message("Subject: Réunion à 17 h\n\n")
        #expect(utf8.subject == "Réunion à 17 h")
        var latin: [UInt8] = Array("Subject: caf".utf8) + [0xE9, 0x20, 0x80] + Array("\n\n".utf8)
        #expect(Message(latin).subject == "café €")
        latin = Array("Subject: ".utf8) + [0xFF, 0xFE] + Array("\n\n".utf8)
        #expect(Message(latin).subject == "ÿþ")
    }

    @Test func headersOnlyScopeDoesNotSplitTheBody() {
        let text = "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b--\n"
        let headers = message(text, scope: .headers)
        #expect(headers.root.children.isEmpty)
        #expect(headers.root.contentType.mimeType == "multipart/mixed")
        #expect(message(text).root.children.count == 1)
    }
}
