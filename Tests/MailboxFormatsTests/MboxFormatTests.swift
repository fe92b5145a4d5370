import Foundation
import MailboxFormats
import TestSupport
import Testing

@Suite struct MboxFormatTests {
    private func mbox(_ messages: [[UInt8]]) -> [UInt8] {
        messages.enumerated().flatMap { index, message in
            MboxFormat.entry(message, sender: "prof\(index)@ecoles.example.fr", date: "Mon Sep  1 08:10:00 2025")
        }
    }

    private func read(_ file: [UInt8]) -> [[UInt8]] {
        MboxFormat.messageRanges(file).map { MboxFormat.unquote(file[$0]) }
    }

    @Test func messagesGoOutAndBackByteForByte() {
        let messages = [
            SampleMail.message(1), SampleMail.message(2, crlf: true),
            SampleMail.message(3, body: "From the start\n>From once\n>>From twice\nFrom  two spaces"),
        ]
        #expect(read(mbox(messages)) == messages)
    }

    @Test func quotingFollowsMboxrd() {
        let file = mbox([Array("Subject: x\n\nFrom here\n>From there\n".utf8)])
        let text = String(decoding: file, as: UTF8.self)
        #expect(text.contains("\n>From here\n>>From there\n"))
    }

    @Test func aStrayFromLineInsideABodyDoesNotSplit() {
        let file = Array(
            """
            From a@example.org Mon Sep  1 08:10:00 2025
            Subject: one

            text
            From me, with love
            more

            From b@example.org Tue Sep  2 08:10:00 2025
            Subject: two

            body

            """.utf8)
        let messages = read(file)
        #expect(messages.count == 2)
        #expect(String(decoding: messages[0], as: UTF8.self) == "Subject: one\n\ntext\nFrom me, with love\nmore\n")
        #expect(String(decoding: messages[1], as: UTF8.self) == "Subject: two\n\nbody\n")
    }

    @Test func aFileWithoutSeparatorIsOneMessageAndEmptyInputNone() {
        #expect(read(Array("Subject: alone\n\nhi\n".utf8)).count == 1)
        #expect(read([]).isEmpty)
        #expect(read(Array("\n\n".utf8)).isEmpty)
    }
}
