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
        try decodedValueUTF8(body)
    }

    /// `withDecodedValueUTF8` for a body that returns nothing, as the spam tokenizer's do: compiled here for that
    /// type. The generic one, called from another module, is not specialized there: it looked up generic metadata
    /// (`withUnsafeTemporaryAllocation` of an unknown result) for every field. Named apart from it, so a trailing
    /// closure picks one without ambiguity.
    public func readDecodedValueUTF8(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        decodedValueUTF8(body)
    }

    /// `withUnfoldedValueUTF8` for a body that returns nothing (see `readDecodedValueUTF8(_:)`).
    public func readUnfoldedValueUTF8(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        unfoldedValueUTF8(body)
    }

    @inline(__always)
    private func decodedValueUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        // The trimmed value's range in the raw value's memory when it is its own text, else nil.
        let ownText: Range<Int>? = rawValue.withUnsafeBufferPointer { raw in
            // One pass for what the text could differ by: an 8-bit byte, a line break, an encoded word's `=?`.
            let trimmed = raw.trimmedRange(0..<raw.count)
            var index = trimmed.lowerBound
            while index < trimmed.upperBound {
                let byte = raw[index]
                if byte >= 0x80 || byte == ASCII.cr || byte == ASCII.lf { return nil }
                if byte == ASCII.equals, index + 1 < trimmed.upperBound, raw[index + 1] == ASCII.question {
                    return nil
                }
                index += 1
            }
            return trimmed
        }
        if let ownText {
            return try rawValue.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[ownText])) }
        }
        var text = decodedValue
        return try text.withUTF8(body)
    }

    /// Calls `body` with the UTF-8 of `unfoldedValue`, without making a String when the value is ASCII. The value
    /// is unfolded into memory on the stack: an array per field (the spam tokenizer reads every Received field
    /// this way) was an allocation each.
    public func withUnfoldedValueUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result
    {
        try unfoldedValueUTF8(body)
    }

    @inline(__always)
    private func unfoldedValueUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try rawValue.withUnsafeBufferPointer { raw in
            let trimmed = raw.trimmedRange(0..<raw.count)
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: trimmed.count) { out in
                let (count, allBits) = Self.unfold(raw, trimmed, into: out)
                let bytes = UnsafeBufferPointer(rebasing: out[0..<count])
                if allBits < 0x80 { return try body(bytes) }
                var text = Charset.decodeUnlabeled(bytes)
                return try text.withUTF8(body)
            }
        }
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
                count = Self.unfold(raw, trimmed, into: out).count
            }
        }
    }

    /// Copies the bytes of `raw` in `range` without CR and LF into `out` (at least `range.count` long); returns
    /// how many it wrote, and the bytes OR-ed together (below 0x80: all ASCII; CR and LF change nothing there).
    ///
    /// Without a branch on the byte: each is stored where the next kept byte goes and counted only if kept (a
    /// branch per byte on CR and LF cost more, in the long Received fields the tokenizer reads).
    private static func unfold(
        _ raw: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: UnsafeMutableBufferPointer<UInt8>
    ) -> (count: Int, allBits: UInt8) {
        var count = 0
        var allBits: UInt8 = 0
        for index in range {
            let byte = raw[index]
            // `count` is at most `index - range.lowerBound`: within `out`.
            out[count] = byte
            allBits |= byte
            count &+= byte == ASCII.cr || byte == ASCII.lf ? 0 : 1
        }
        return (count, allBits)
    }
}
