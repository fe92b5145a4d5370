import MailMessage

/// libFuzzer entry point: the input is a message; everything a rule or `inspect` would read of it is
/// computed. Any crash, hang or unbounded allocation is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessageParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = ParseLimits()
    limits.maxParts = 200
    let message = Message(bytes, limits: limits)
    _ = message.subject
    _ = message.from.map(\.address)
    _ = message.addressList("To")
    _ = message.date?.iso8601
    _ = message.messageID
    for part in message.allParts {
        _ = part.filename
        _ = part.text
        _ = part.isAttachment
    }
    _ = message.plainText()
    // The header-level decoders on raw input too, where short inputs reach them directly.
    _ = EncodedWords.decode(bytes)
    _ = AddressParser.parseList(bytes)
    _ = DateParser.parse(bytes)
    _ = ContentType(headerValue: bytes)
    _ = HTMLText.plainText(String(decoding: bytes, as: UTF8.self))
    return 0
}
