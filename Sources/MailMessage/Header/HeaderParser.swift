/// Splits a header block into fields.
///
/// Tolerant the way servers are: a line without a colon is skipped (not taken as the start of the body, so a
/// junk line cannot hide the fields after it from the rules), an mbox `From ` line before the first field is
/// skipped, white space before the colon is allowed (obsolete syntax), and LF alone ends lines as CRLF does.
struct HeaderParser {
    struct Result {
        var header: Header
        /// Index of the first body byte (after the empty line), or `end` when there is none.
        var bodyStart: Int
        var truncations: [Truncation]
    }

    static func parse(_ bytes: [UInt8], range: Range<Int>, limits: ParseLimits) -> Result {
        var fields: [HeaderField] = []
        var truncations: [Truncation] = []
        let end = range.upperBound
        let headerEnd = min(end, range.lowerBound &+ limits.maxHeaderBytes)
        var index = range.lowerBound

        while index < end {
            if index >= headerEnd {
                truncations.append(Truncation(kind: .headerSize, offset: index, limit: limits.maxHeaderBytes))
                return Result(header: Header(fields: fields), bodyStart: index, truncations: truncations)
            }
            let first = bytes[index]
            // The empty line that ends the header block.
            if first == ASCII.lf {
                return Result(header: Header(fields: fields), bodyStart: index + 1, truncations: truncations)
            }
            if first == ASCII.cr, index + 1 < end, bytes[index + 1] == ASCII.lf {
                return Result(header: Header(fields: fields), bodyStart: index + 2, truncations: truncations)
            }
            // A field: its first line plus every continuation line that starts with white space. No line is
            // read past the header limit: a field longer than the rest of the block is cut there, and the
            // truncation is reported at the limit, not wherever the line happens to end.
            let fieldStart = index
            var fieldEnd = bytes.lineEnd(from: index, end: headerEnd)
            while fieldEnd < headerEnd, ASCII.isWhitespace(bytes[fieldEnd]) {
                fieldEnd = bytes.lineEnd(from: fieldEnd, end: headerEnd)
            }
            index = fieldEnd
            if ASCII.isWhitespace(first) { continue }  // a continuation with nothing to continue
            guard let colon = bytes.firstIndex(of: ASCII.colon, in: fieldStart..<fieldEnd),
                let name = fieldName(bytes, fieldStart..<colon)
            else { continue }
            if fields.count >= limits.maxHeaderFields {
                if truncations.last?.kind != .headerFields {
                    truncations.append(
                        Truncation(kind: .headerFields, offset: fieldStart, limit: limits.maxHeaderFields))
                }
                continue
            }
            var valueEnd = fieldEnd
            if valueEnd > colon + 1, bytes[valueEnd - 1] == ASCII.lf { valueEnd -= 1 }
            if valueEnd > colon + 1, bytes[valueEnd - 1] == ASCII.cr { valueEnd -= 1 }
            fields.append(HeaderField(name: name, rawValue: bytes[(colon + 1)..<valueEnd], offset: fieldStart))
        }
        return Result(header: Header(fields: fields), bodyStart: end, truncations: truncations)
    }

    /// The field name if the bytes before the colon make one: printable ASCII without spaces, optionally
    /// followed by white space (obsolete). `From foo@bar` mbox separators and junk lines give nil.
    private static func fieldName(_ bytes: [UInt8], _ range: Range<Int>) -> String? {
        var upper = range.upperBound
        while upper > range.lowerBound, ASCII.isWhitespace(bytes[upper - 1]) { upper -= 1 }
        guard upper > range.lowerBound, upper - range.lowerBound <= 998 else { return nil }
        for i in range.lowerBound..<upper where bytes[i] <= ASCII.space || bytes[i] >= 0x7F {
            return nil
        }
        return String(decoding: bytes[range.lowerBound..<upper], as: UTF8.self)
    }
}
