/// One header field as it stands in the message.
///
/// `rawValue` keeps the bytes after the colon untouched (folding and all) so a field can be written back or
/// hashed byte for byte; `unfoldedValue` and `decodedValue` are the forms rules and people read.
public struct HeaderField: Sendable, Hashable {
    /// The field name as written (`Subject`, `X-Spam-Score`); `Header` looks names up without case.
    public let name: String
    /// The name in ASCII lower case.
    public var lowercasedName: String { name.lowercased() }
    /// The bytes after the colon up to the end of the field, line breaks of folded lines included.
    public let rawValue: ArraySlice<UInt8>
    /// Byte offset of the field's first byte in the message.
    public let offset: Int

    public init(name: String, rawValue: ArraySlice<UInt8>, offset: Int) {
        self.name = name
        self.rawValue = rawValue
        self.offset = offset
    }

    /// The value with folding undone (RFC 5322 3.2.2: CRLF before white space is removed) and the white space
    /// around it trimmed. 8-bit bytes are read as UTF-8 (RFC 6532), or as Windows-1252 when not valid UTF-8.
    public var unfoldedValue: String {
        Charset.decodeUnlabeled(unfoldedBytes)
    }

    /// The unfolded value with RFC 2047 encoded words decoded: the text a person should see.
    public var decodedValue: String {
        // A one-line value (most are) is decoded straight from the message bytes.
        let trimmed = rawValue.trimmedRange(rawValue.startIndex..<rawValue.endIndex)
        if !rawValue[trimmed].contains(where: { $0 == ASCII.lf || $0 == ASCII.cr }) {
            return EncodedWords.decode(rawValue[trimmed])
        }
        return EncodedWords.decode(unfoldedBytes)
    }

    /// Calls `body` with the UTF-8 of `decodedValue`, read in place from the message when it is those bytes: a
    /// one-line ASCII value without an encoded word, as most are. Reading every field's text (the spam
    /// tokenizer does) then makes no String per field.
    public func withDecodedValueUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let value = rawValue[rawValue.trimmedRange(rawValue.startIndex..<rawValue.endIndex)]
        let isItsOwnText =
            !value.contains { $0 >= 0x80 || $0 == ASCII.cr || $0 == ASCII.lf } && !EncodedWords.containsMarker(value)
        if isItsOwnText { return try value.withUnsafeBufferPointer(body) }
        var text = decodedValue
        return try text.withUTF8(body)
    }

    /// Calls `body` with the UTF-8 of `unfoldedValue`, without making a String when the value is ASCII.
    public func withUnfoldedValueUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result
    {
        let bytes = unfoldedBytes
        if !bytes.contains(where: { $0 >= 0x80 }) { return try bytes.withUnsafeBufferPointer(body) }
        var text = Charset.decodeUnlabeled(bytes)
        return try text.withUTF8(body)
    }

    /// Unfolded, trimmed bytes of the value.
    ///
    /// Trimmed first, then unfolded: the same bytes as the other way round (the white space around the value is
    /// the same once CR and LF are removed). Written in one pass over the value's memory into the result's:
    /// appending byte by byte was a capacity check per byte, 1.6 % of the spam tokenizer.
    public var unfoldedBytes: [UInt8] {
        rawValue.withUnsafeBufferPointer { raw in
            let trimmed = raw.trimmedRange(0..<raw.count)
            return [UInt8](unsafeUninitializedCapacity: trimmed.count) { out, count in
                for index in trimmed where raw[index] != ASCII.cr && raw[index] != ASCII.lf {
                    out[count] = raw[index]
                    count += 1
                }
            }
        }
    }
}
