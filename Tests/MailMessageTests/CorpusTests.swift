import Foundation
import MailMessage
import TestSupport
import Testing

/// The parser over real mail: nothing crashes or hangs, every message yields its header fields, every
/// multipart its parts, and text extraction completes.
@Suite(.enabled(if: Corpus.root != nil, Corpus.skipNote))
struct CorpusTests {
    @Test func spamAssassinCorpus() throws {
        let files = Corpus.files("spamassassin").filter(Corpus.isMessage)
        #expect(files.count == 6046, "the corpus README promises 6,046 messages")
        var withoutHeaders: [String] = []
        var emptyMultiparts: [String] = []
        for url in files {
            let bytes = try [UInt8](Data(contentsOf: url))
            let parsed = Message(bytes)
            if parsed.header.fields.isEmpty { withoutHeaders.append(url.lastPathComponent) }
            for part in parsed.allParts where part.contentType.isMultipart && part.children.isEmpty {
                emptyMultiparts.append(url.lastPathComponent)
            }
            _ = parsed.plainText()
            #expect(!parsed.isTruncated, "\(url.lastPathComponent): \(parsed.truncations)")
        }
        #expect(withoutHeaders.isEmpty, "messages without header fields: \(withoutHeaders)")
        print(
            "SpamAssassin corpus: \(files.count) messages, multiparts without a single part: \(emptyMultiparts.count) \(emptyMultiparts.prefix(10))"
        )
        // A multipart with no part is real in this corpus only where the boundary never occurs; keep it rare.
        #expect(emptyMultiparts.count <= 10, "\(emptyMultiparts)")
    }

    @Test func hardMIMECases() throws {
        let files = Corpus.files("mime")
        var messages = 0
        var withoutHeaders: [String] = []
        for url in files {
            let bytes = try [UInt8](Data(contentsOf: url))
            // Every file, message or not, must parse without a crash and give text.
            let parsed = Message(bytes)
            let text = parsed.plainText()
            #expect(text.text.utf8.count <= ParseLimits.default.maxTextBytes)
            for part in parsed.allParts {
                _ = part.filename
                _ = part.text
            }
            _ = parsed.from
            _ = parsed.to
            _ = parsed.date
            guard Corpus.isMessage(url) else { continue }
            messages += 1
            if parsed.header.fields.isEmpty { withoutHeaders.append(url.path) }
        }
        print("MIME corpus: \(files.count) files, \(messages) messages, without header fields: \(withoutHeaders)")
        #expect(messages > 400)
        // The fixtures that have no header on purpose (their names or their libraries' tests say so).
        let headerless = ["malformedHeader-noheader.msg", "malformedHeaderStartsBody-noheader.msg", "msg_19.txt"]
        #expect(withoutHeaders.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted() == headerless.sorted())
    }
}
