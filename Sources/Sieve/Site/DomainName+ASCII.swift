/// Byte-level versions of the link and domain functions for values that are all ASCII, as nearly every URL
/// and host is: the same answers as the `String` versions (in ASCII a Character is one byte, except CR LF,
/// which none of the compared characters is, and lower case is ASCII lower case), without the Character
/// iteration, Unicode case mapping and intermediate strings that made `MessageLinks.host(ofURL:)` a quarter
/// of building a message's links. Values with any other byte take the `String` versions.
extension DomainName {
    /// `normalized(_:)` of ASCII bytes.
    static func normalizedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let trimmed = ASCIIBytes.trimmedRange(bytes)
        var (start, end) = (trimmed.lowerBound, trimmed.upperBound)
        while start < end, bytes[start] == UInt8(ascii: "<") || bytes[start] == UInt8(ascii: "[") { start += 1 }
        while end > start,
            bytes[end - 1] == UInt8(ascii: ">") || bytes[end - 1] == UInt8(ascii: "]")
                || bytes[end - 1] == UInt8(ascii: ".")
        {
            end -= 1
        }
        guard end - start <= 253 else { return "" }
        return String(
            unsafeUninitializedCapacity: end - start,
            initializingUTF8With: { out in
                for index in start..<end { out[index - start] = ASCIIFold.lower(bytes[index]) }
                return end - start
            })
    }

    /// `isIPLiteral(_:)` of ASCII bytes.
    static func isIPLiteralASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.first == UInt8(ascii: "[") || bytes.contains(UInt8(ascii: ":")) { return true }
        let dots = bytes.count { $0 == UInt8(ascii: ".") }
        if dots == 3 {
            var labelStart = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ".") {
                let length = index - labelStart
                guard length > 0, length <= 4, ASCIIBytes.isDigit(bytes[labelStart]) else { return false }
                for byte in bytes[labelStart..<index] where !ASCIIBytes.isHexDigit(byte) { return false }
                labelStart = index + 1
            }
            return true
        }
        if dots == 0, bytes.count >= 8 {
            if bytes.allSatisfy(ASCIIBytes.isDigit) { return true }
            if bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x"),
                bytes[2...].allSatisfy(ASCIIBytes.isHexDigit)
            {
                return true
            }
        }
        return false
    }
}

extension MessageLinks {
    /// `host(ofURL:)` of ASCII bytes.
    static func host(ofASCIIURL bytes: UnsafeBufferPointer<UInt8>) -> (String?, Bool) {
        let trimmed = ASCIIBytes.trimmedRange(bytes)
        var (start, end) = (trimmed.lowerBound, trimmed.upperBound)
        func startsWith(_ scheme: StaticString) -> Bool {
            let length = scheme.utf8CodeUnitCount
            guard end - start >= length else { return false }
            let text = scheme.utf8Start
            for offset in 0..<length where ASCIIFold.lower(bytes[start + offset]) != text[offset] { return false }
            return true
        }
        if startsWith("http://") {
            start += 7
        } else if startsWith("https://") {
            start += 8
        } else if startsWith("ftp://") {
            start += 6
        } else if !startsWith("www.") {
            return (nil, false)
        }
        while start < end, bytes[start] == UInt8(ascii: "/") || bytes[start] == UInt8(ascii: "\\") { start += 1 }
        var authorityEnd = start
        while authorityEnd < end {
            let byte = bytes[authorityEnd]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
                || byte == UInt8(ascii: "\\")
            {
                break
            }
            authorityEnd += 1
        }
        var hostStart = start
        var userinfo = false
        if let at = bytes[start..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) {
            hostStart = at + 1
            userinfo = true
        }
        if hostStart < authorityEnd, bytes[hostStart] == UInt8(ascii: "[") {
            // IPv6: up to the closing bracket.
            let close = bytes[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: "]")).map { $0 + 1 } ?? authorityEnd
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[hostStart..<close]), as: UTF8.self), userinfo)
        }
        let hostEnd = bytes[hostStart..<authorityEnd].firstIndex(of: UInt8(ascii: ":")) ?? authorityEnd
        let normalized = DomainName.normalizedASCII(UnsafeBufferPointer(rebasing: bytes[hostStart..<hostEnd]))
        return (normalized.isEmpty ? nil : normalized, userinfo)
    }
}

/// Byte classes of ASCII, as the `Character` properties the `String` versions use answer them for ASCII.
enum ASCIIBytes {
    /// What `trimmingWhitespace()` trims.
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n")
    }

    /// Where the bytes lie without the white space `trimmingWhitespace()` trims at either end.
    static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        var end = bytes.count
        while start < end, isWhitespace(bytes[start]) { start += 1 }
        while end > start, isWhitespace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// `Character.isNumber` for ASCII.
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// `Character.isHexDigit` for ASCII.
    @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 6
    }

    /// Whether every byte is ASCII: then the byte-level versions apply.
    static func all(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }
}
