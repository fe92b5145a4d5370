import MailMessage
import Testing

/// Past a limit the model is cut short, stays valid, and says so.
@Suite struct LimitsTests {
    @Test func headerFieldCount() {
        var limits = ParseLimits()
        limits.maxHeaderFields = 10
        let text = (0..<50).map { "X-F\($0): v" }.joined(separator: "\n") + "\nSubject: late\n\nbody"
        let parsed = message(text, limits: limits)
        #expect(parsed.header.fields.count == 10)
        #expect(parsed.truncations.map(\.kind) == [.headerFields])
        #expect(String(decoding: parsed.bytes[parsed.bodyRange], as: UTF8.self) == "body")
    }

    @Test func headerBlockSize() {
        var limits = ParseLimits()
        limits.maxHeaderBytes = 100
        let parsed = message("Subject: " + String(repeating: "a", count: 1000) + "\nTo: x@y\n\nbody", limits: limits)
        #expect(parsed.truncations.contains { $0.kind == .headerSize })
        #expect(parsed.header.fields.count <= 1)
    }

    @Test func mimeDepth() {
        var text = ""
        for level in 0..<100 { text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        text += "\ninnermost\n"
        let parsed = message(text)
        #expect(parsed.truncations.map(\.kind) == [.mimeDepth])
        #expect(parsed.allParts.map(\.depth).max() == ParseLimits.default.maxMIMEDepth)
    }

    @Test func partCount() {
        var limits = ParseLimits()
        limits.maxParts = 20
        let text =
            "Content-Type: multipart/mixed; boundary=b\n\n" + String(repeating: "--b\n\npart\n", count: 100) + "--b--\n"
        let parsed = message(text, limits: limits)
        #expect(parsed.allParts.count == 20)
        #expect(parsed.truncations.first?.kind == .partCount)
    }

    @Test func messageSize() {
        var limits = ParseLimits()
        limits.maxMessageBytes = 64
        let parsed = message("Subject: big\n\n" + String(repeating: "x", count: 10_000), limits: limits)
        #expect(parsed.bodyRange.upperBound == 64)
        #expect(parsed.truncations.map(\.kind) == [.messageSize])
        #expect(parsed.subject == "big")
    }

    @Test func ordinaryMessageReachesNoLimit() {
        #expect(!message(MIMETreeTests.nested).isTruncated)
    }

    @Test func aLineLongerThanTheHeaderLimitIsCutAtTheLimit() {
        var limits = ParseLimits()
        limits.maxHeaderBytes = 1000
        let parsed = message("Subject: " + String(repeating: "a", count: 200_000) + "\nTo: x@y\n\nbody", limits: limits)
        #expect(parsed.truncations.map(\.kind) == [.headerSize])
        #expect(parsed.truncations.map(\.offset) == [1000])
        #expect(parsed.subject == String(repeating: "a", count: 1000 - "Subject: ".utf8.count))
        #expect(parsed.bodyRange.lowerBound == 1000)
    }

    @Test func continuationLinesStopAtTheHeaderLimitToo() {
        var limits = ParseLimits()
        limits.maxHeaderBytes = 1000
        let folded = "Subject: a\n " + String(repeating: "b", count: 100_000) + "\n c\nTo: x@y\n\nbody"
        let parsed = message(folded, limits: limits)
        #expect(parsed.truncations.map(\.offset) == [1000])
        #expect(parsed.header.fields.map(\.name) == ["Subject"])
        // The value is " a\n " and b's up to byte 1000: unfolded and trimmed, "a " and 988 b's.
        #expect(parsed.subject == "a " + String(repeating: "b", count: 988))
    }

    @Test func aHeaderEndingBeforeTheLimitIsNotCut() {
        var limits = ParseLimits()
        limits.maxHeaderBytes = 40
        let text = "Subject: " + String(repeating: "a", count: 20) + "\n\n" + String(repeating: "b", count: 100)
        let parsed = message(text, limits: limits)
        #expect(parsed.truncations.isEmpty)
        #expect(parsed.subject?.utf8.count == 20)
    }
}
