import MailboxFormats

/// libFuzzer entry point for the import formats: mbox splitting and unquoting, gzip decoding (bounded), Maildir
/// file names. Besides "never crash, never hang", it checks one property: a message read from an mbox, written
/// back as an mbox entry and read again, comes out byte for byte (when it ends with a newline, which an mbox
/// entry needs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if Gunzip.isGzip(bytes) {
        _ = try? Gunzip.decode(bytes, limit: 1 << 20)
    }
    _ = MaildirFlags.flags(fromFileName: String(decoding: bytes.prefix(256), as: UTF8.self))
    for range in MboxFormat.messageRanges(bytes) {
        let message = MboxFormat.unquote(bytes[range])
        guard message.last == UInt8(ascii: "\n") else { continue }
        let entry = MboxFormat.entry(message, sender: "fuzz@example.org", date: "Thu Nov 26 18:15:28 2026")
        let again = MboxFormat.messageRanges(entry).map { MboxFormat.unquote(entry[$0]) }
        if again != [message] { fatalError("mbox round trip changed a message of \(message.count) bytes") }
    }
    return 0
}
