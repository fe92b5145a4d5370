/// Builds the MIME tree of a message from its bytes: finds boundaries, parses each part's header, and
/// descends into multiparts and attached messages, within the depth and part-count limits.
struct MIMEParser {
    let bytes: [UInt8]
    let limits: ParseLimits
    var partCount = 0
    private(set) var truncations: [Truncation] = []

    init(bytes: [UInt8], limits: ParseLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    /// Parses a part whose header is already known (the message itself, or one just split off).
    mutating func part(
        header: Header, defaultType: ContentType, range: Range<Int>, bodyRange: Range<Int>, depth: Int
    ) -> MIMEPart {
        partCount += 1
        let leaf = MIMEPart(
            bytes: bytes, header: header, defaultType: defaultType, range: range, bodyRange: bodyRange,
            body: .single, depth: depth)
        let type = leaf.contentType
        guard type.isMultipart || type.isEncapsulatedMessage else { return leaf }
        guard depth < limits.maxMIMEDepth else {
            truncations.append(Truncation(kind: .mimeDepth, offset: bodyRange.lowerBound, limit: limits.maxMIMEDepth))
            return leaf
        }
        let body: MIMEPart.Body
        if type.isMultipart {
            guard let boundary = type.boundary, !boundary.isEmpty else { return leaf }
            let childType: ContentType = type.subtype == "digest" ? .messageRFC822 : .textPlain
            body = multipart(bodyRange, boundary: Array(boundary.utf8), childType: childType, depth: depth + 1)
        } else if leaf.transferEncoding.isIdentity {
            body = .message(parsePart(bodyRange, defaultType: .textPlain, depth: depth + 1))
        } else {
            body = .message(encodedMessage(leaf.decodedBody, depth: depth + 1))
        }
        return MIMEPart(leaf, body: body)
    }

    /// Parses a part from its first header byte.
    mutating func parsePart(_ range: Range<Int>, defaultType: ContentType, depth: Int) -> MIMEPart {
        let parsed = HeaderParser.parse(bytes, range: range, limits: limits)
        truncations += parsed.truncations
        return part(
            header: parsed.header, defaultType: defaultType, range: range,
            bodyRange: parsed.bodyStart..<range.upperBound, depth: depth)
    }

    /// An attached message sent base64 or quoted-printable (not allowed by RFC 2046, but Exchange does it when
    /// forwarding): parsed from its decoded bytes, which its parts then hold. Offsets inside it, truncations
    /// included, count from the start of those decoded bytes.
    private mutating func encodedMessage(_ decoded: [UInt8], depth: Int) -> MIMEPart {
        var inner = MIMEParser(bytes: decoded, limits: limits)
        inner.partCount = partCount
        let root = inner.parsePart(0..<decoded.count, defaultType: .textPlain, depth: depth)
        partCount = inner.partCount
        truncations += inner.truncations
        return root
    }

    private mutating func multipart(_ range: Range<Int>, boundary: [UInt8], childType: ContentType, depth: Int)
        -> MIMEPart.Body
    {
        let delimiters = findDelimiters(in: range, boundary: boundary)
        guard let first = delimiters.first else {
            // No boundary at all: everything is preamble, as RFC 2046 readers treat it.
            return .multipart(preamble: range, parts: [], epilogue: range.upperBound..<range.upperBound)
        }
        var parts: [MIMEPart] = []
        var epilogue = range.upperBound..<range.upperBound
        for (position, delimiter) in delimiters.enumerated() {
            if delimiter.isClose {
                epilogue = delimiter.lineEnd..<range.upperBound
                break
            }
            let partEnd = position + 1 < delimiters.count ? delimiters[position + 1].partEnd : range.upperBound
            if partCount >= limits.maxParts {
                truncations.append(Truncation(kind: .partCount, offset: delimiter.lineEnd, limit: limits.maxParts))
                epilogue = delimiter.lineEnd..<range.upperBound
                break
            }
            parts.append(
                parsePart(delimiter.lineEnd..<max(partEnd, delimiter.lineEnd), defaultType: childType, depth: depth))
        }
        return .multipart(preamble: range.lowerBound..<first.partEnd, parts: parts, epilogue: epilogue)
    }

    private struct Delimiter {
        /// Where the previous part ends: before the line break that precedes the delimiter line.
        var partEnd: Int
        /// After the delimiter line.
        var lineEnd: Int
        var isClose: Bool
    }

    /// Every delimiter line `--boundary` or `--boundary--` (plus optional white space) in `range`, in order,
    /// up to and including the first close delimiter.
    private func findDelimiters(in range: Range<Int>, boundary: [UInt8]) -> [Delimiter] {
        let needle = [ASCII.dash, ASCII.dash] + boundary
        var delimiters: [Delimiter] = []
        var from = range.lowerBound
        while let hit = bytes.firstIndex(of: needle, in: from..<range.upperBound) {
            from = hit + 1
            guard hit == range.lowerBound || bytes[hit - 1] == ASCII.lf else { continue }
            var index = hit + needle.count
            var isClose = false
            if index + 1 < range.upperBound, bytes[index] == ASCII.dash, bytes[index + 1] == ASCII.dash {
                isClose = true
                index += 2
            }
            while index < range.upperBound, ASCII.isWhitespace(bytes[index]) { index += 1 }
            guard index == range.upperBound || bytes[index] == ASCII.lf || bytes[index] == ASCII.cr else { continue }
            let lineEnd = bytes.lineEnd(from: index, end: range.upperBound)
            var partEnd = hit
            if partEnd > range.lowerBound, bytes[partEnd - 1] == ASCII.lf { partEnd -= 1 }
            if partEnd > range.lowerBound, bytes[partEnd - 1] == ASCII.cr { partEnd -= 1 }
            delimiters.append(Delimiter(partEnd: partEnd, lineEnd: lineEnd, isClose: isClose))
            if isClose { break }
            from = lineEnd
        }
        return delimiters
    }

}

extension TransferEncoding {
    /// Whether the body bytes are the content itself (no decoding needed to read nested structure).
    var isIdentity: Bool {
        switch self {
        case .sevenBit, .eightBit, .binary: true
        default: false
        }
    }
}
