import MailMessage
import Testing

@Suite struct MIMEParameterTests {
    private func contentType(_ text: String) -> ContentType? { ContentType(headerValue: Array(text.utf8)) }
    private func disposition(_ text: String) -> ContentDisposition? {
        ContentDisposition(headerValue: Array(text.utf8))
    }

    @Test func typeSubtypeAndParameters() throws {
        let type = try #require(contentType("Text/HTML; Charset=\"UTF-8\"; format=flowed (comment)"))
        #expect(type.mimeType == "text/html")
        #expect(type.charset == "UTF-8")
        #expect(type.parameters["FORMAT"] == "flowed (comment)" || type.parameters["format"] == "flowed")
        #expect(contentType("multipart/mixed; boundary=\"=_a b\"")?.boundary == "=_a b")
    }

    @Test func invalidTypesGiveNil() {
        #expect(contentType("") == nil)
        #expect(contentType("text") == nil)
        #expect(contentType("/plain") == nil)
        #expect(contentType("text/") == nil)
    }

    @Test func rfc2231CharsetAndPercentEncoding() {
        let parsed = disposition("attachment; filename*=utf-8''r%C3%A9union%20de%20rentr%C3%A9e.pdf")
        #expect(parsed?.isAttachment == true)
        #expect(parsed?.filename == "réunion de rentrée.pdf")
        #expect(disposition("attachment; filename*=iso-8859-1'fr'caf%E9.txt")?.filename == "café.txt")
    }

    @Test func rfc2231ContinuationsInAnyOrder() {
        let parsed = disposition(
            "attachment; filename*1*=%C3%A9e.pdf; filename*0*=utf-8''r%C3%A9union%20de%20rentr; filename*2=\" (1)\"")
        #expect(parsed?.filename == "réunion de rentrée.pdf (1)")
        #expect(disposition("inline; name*0=\"long\"; name*1=\"-name\"")?.parameters["name"] == "long-name")
    }

    @Test func extendedValueWinsOverThePlainOne() {
        let parsed = disposition("attachment; filename=\"fallback.txt\"; filename*=utf-8''%C3%A9t%C3%A9.txt")
        #expect(parsed?.filename == "été.txt")
    }

    @Test func outlookHabits() {
        // Unquoted values with spaces, and RFC 2047 words inside quotes.
        #expect(disposition("attachment; filename=mon fichier.pdf")?.filename == "mon fichier.pdf")
        #expect(disposition("attachment; filename=\"=?UTF-8?B?w6l0w6kucGRm?=\"")?.filename == "été.pdf")
        #expect(disposition("attachment;; ; filename=\"a.txt\";")?.filename == "a.txt")
    }

    @Test func boundaryIsNeverDecodedAsAnEncodedWord() {
        #expect(contentType("multipart/mixed; boundary=\"=?utf-8?q?x?=\"")?.boundary == "=?utf-8?q?x?=")
    }

    @Test func hostileContinuationNumbersAreBounded() {
        let many = (0..<500).map { "name*\($0)=\"x\"" }.joined(separator: "; ")
        let value = contentType("application/octet-stream; " + many + "; name*99999999999999999999=\"y\"")
        #expect((value?.parameters["name"]?.count ?? 0) <= 100)
    }

    @Test func tenThousandsOfParametersAreAllRead() throws {
        let names = (0..<20_000).map { "p\($0)" }
        let type = try #require(contentType("text/plain; " + names.map { "\($0)=v\($0)" }.joined(separator: "; ")))
        #expect(type.parameters.items.count == 20_000)
        #expect(type.parameters["p19999"] == "vp19999")
        #expect(type.parameters.items.first?.name == "p0")
    }

    @Test func theFirstPlainValueOfANameIsKept() throws {
        let type = try #require(contentType("text/plain; a=1; b=2; A=3; charset=utf-8"))
        #expect(type.parameters.items.map(\.name) == ["a", "b", "charset"])
        #expect(type.parameters["a"] == "1")
    }
}

/// Inputs the fuzzer found; each once made the parser loop forever or crash.
@Suite struct MIMEParameterFuzzRegressionTests {
    @Test func parameterWithoutANameDoesNotLoop() {
        let type = ContentType(headerValue: Array("text/plain; =x; charset=utf-8; = ; =\"q\"".utf8))
        #expect(type?.charset == "utf-8")
        #expect(type?.parameters.items.count == 1)
    }
}
