import MailboxFormats

/// libFuzzer entry point for the import formats: mbox splitting and unquoting, gzip decoding (bounded), Maildir
/// file names. Besides "never crash, never hang", it checks properties:
/// - a message read from an mbox, written back as an mbox entry and read again, comes out byte for byte (when it
///   ends with a newline, which an mbox entry needs);
/// - the streaming splitter fed in pieces (of a size the input picks) finds what the whole buffer holds;
/// - the streaming gzip decoder fed in pieces decodes what the whole-buffer decoder does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let pieceSize = 1 + Int(bytes.first ?? 0) % 97
    if Gunzip.isGzip(bytes) {
        let whole = try? Gunzip.decode(bytes, limit: 1 << 20)
        let stream = GunzipStream(limit: 1 << 20)
        var pieces: [UInt8]? = []
        var start = 0
        while start < bytes.count, pieces != nil {
            do {
                try stream.feed(bytes[start..<min(start + pieceSize, bytes.count)]) {
                    (piece: ArraySlice<UInt8>) throws(Never) in
                    pieces?.append(contentsOf: piece)
                }
            } catch {
                pieces = nil
            }
            start += pieceSize
        }
        if pieces != nil, (try? stream.finish()) == nil { pieces = nil }
        if whole != pieces { fatalError("gzip decoded in pieces of \(pieceSize) differs from whole") }
    }
    _ = MaildirFlags.flags(fromFileName: String(decoding: bytes.prefix(256), as: UTF8.self))
    let ranges = MboxFormat.messageRanges(bytes)
    var splitter = MboxSplitter(maxMessageBytes: 1 << 20)
    var found: [MboxSplitter.Piece] = []
    var start = 0
    while start < bytes.count {
        splitter.feed(bytes[start..<min(start + pieceSize, bytes.count)]) { found.append($0) }
        start += pieceSize
    }
    splitter.finish { found.append($0) }
    if found.map(\.range) != ranges || found.contains(where: { $0.bytes.map { $0[...] } != bytes[$0.range] }) {
        fatalError("mbox split in pieces of \(pieceSize) differs from the whole buffer's")
    }
    for range in ranges {
        let message = MboxFormat.unquote(bytes[range])
        guard message.last == UInt8(ascii: "\n") else { continue }
        let entry = MboxFormat.entry(message, sender: "fuzz@example.org", date: "Thu Nov 26 18:15:28 2026")
        let again = MboxFormat.messageRanges(entry).map { MboxFormat.unquote(entry[$0]) }
        if again != [message] { fatalError("mbox round trip changed a message of \(message.count) bytes") }
    }
    return 0
}
