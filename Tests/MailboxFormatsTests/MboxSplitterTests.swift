import Foundation
import MailboxFormats
import TestSupport
import Testing

@Suite struct MboxSplitterTests {
    private let mbox = [SampleMail.message(1), SampleMail.message(2, crlf: true), SampleMail.message(3)]
        .flatMap { MboxFormat.entry($0, sender: "x@example.org", date: "Mon Sep  1 08:10:00 2025") }

    private func split(_ bytes: [UInt8], pieceSize: Int, limit: Int = 1 << 20) -> [MboxSplitter.Piece] {
        var pieces: [MboxSplitter.Piece] = []
        var splitter = MboxSplitter(maxMessageBytes: limit)
        var start = 0
        while start < bytes.count {
            splitter.feed(bytes[start..<min(start + pieceSize, bytes.count)]) { pieces.append($0) }
            start += pieceSize
        }
        splitter.finish { pieces.append($0) }
        return pieces
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096, 1 << 20])
    func fedInPiecesOfAnySizeItFindsWhatTheWholeBufferHolds(pieceSize: Int) {
        let pieces = split(mbox, pieceSize: pieceSize)
        #expect(pieces.map(\.range) == MboxFormat.messageRanges(mbox))
        #expect(
            pieces.map { $0.bytes.map { MboxFormat.unquote($0[...]) } } == [
                SampleMail.message(1), SampleMail.message(2, crlf: true), SampleMail.message(3),
            ])
    }

    /// A last line without LF is never a separator: an mbox with CR-only line ends (one "line") and a last
    /// message ending in `From …` without a newline keep every byte instead of vanishing.
    @Test(arguments: [1, 7, 1 << 20])
    func aLastLineWithoutNewlineIsNeverASeparator(pieceSize: Int) {
        let crOnly = Array(mbox.map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: "\r") : $0 }.dropLast())
        let whole = split(crOnly, pieceSize: pieceSize)
        #expect(whole.map(\.range) == [0..<crOnly.count])
        #expect(whole.first?.bytes == crOnly)

        let signed = Array("From x@example.org Mon Sep  1 08:10:00 2025\nSubject: a\n\nBonjour\n\nFrom the team".utf8)
        let pieces = split(signed, pieceSize: pieceSize)
        #expect(pieces.count == 1)
        #expect(pieces.first?.bytes.map { Array($0.suffix(13)) } == Array("From the team".utf8))
    }

    @Test func aMessageOverTheLimitKeepsItsPlaceButNotItsBytes() {
        let big = SampleMail.message(2, body: String(repeating: "y", count: 50_000))
        let file = [SampleMail.message(1), big, SampleMail.message(3)]
            .flatMap { MboxFormat.entry($0, sender: "x@example.org", date: "Mon Sep  1 08:10:00 2025") }
        let pieces = split(file, pieceSize: 1000, limit: 10_000)
        #expect(pieces.count == 3)
        #expect(pieces[1].bytes == nil)
        #expect(pieces[1].range.count == big.count)
        #expect(pieces[2].bytes.map { MboxFormat.unquote($0[...]) } == SampleMail.message(3))
    }

    @Test func aFromLineLongerThanASeparatorCanBeIsText() {
        let long =
            "From " + String(repeating: "x", count: MboxSplitter.separatorLineLimit) + " Mon Sep  1 08:10:00 2025\n"
        let file = Array(("From a@b Mon Sep  1 08:10:00 2025\nSubject: s\n\nbody\n" + long + "more\n").utf8)
        let pieces = split(file, pieceSize: 100)
        #expect(pieces.count == 1)
        #expect(MboxFormat.messageRanges(file).count == 1)
    }

    @Test func aLineWithoutEndHoldsNoMoreThanTheMessageLimit() {
        // 8 MiB on one line, limit 1 MiB: the message is reported oversized; nothing is kept beyond the limit.
        var file = Array("From a@b Mon Sep  1 08:10:00 2025\n".utf8)
        file += Array(repeating: UInt8(ascii: "z"), count: 8 << 20)
        let pieces = split(file, pieceSize: 65536)
        #expect(pieces.count == 1)
        #expect(pieces[0].bytes == nil)
        #expect(pieces[0].range.count == 8 << 20)
    }
}
