import Glibc

/// Turns bytes in a named charset into text.
///
/// UTF-8, US-ASCII and ISO-8859-1 are decoded here directly (they are most mail); every other charset goes
/// through the C library's iconv, which knows ISO-8859-*, Windows-125*, KOI8-*, the CJK encodings and more.
/// Invalid bytes become U+FFFD; an unknown charset gives nil so callers can keep the raw text instead.
public enum Charset {
    /// Decodes `bytes` labelled `name`; nil when the charset is unknown.
    public static func decode<Bytes: Collection>(_ bytes: Bytes, charset name: String) -> String?
    where Bytes.Element == UInt8 {
        // The names nearly all mail uses, recognised without building a lower-cased copy.
        if Header.sameName(name, "utf-8") { return String(decoding: bytes, as: UTF8.self) }
        if Header.sameName(name, "us-ascii") { return decodeUnlabeled(bytes) }
        if Header.sameName(name, "iso-8859-1") { return singleByte(bytes, windows1252: false) }
        switch canonicalName(name) {
        case "utf-8", "utf8":
            return String(decoding: bytes, as: UTF8.self)
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "":
            // Mislabelled 8-bit text is common: read it the way an unlabelled header would be read.
            return decodeUnlabeled(bytes)
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "iso_8859-1":
            return singleByte(bytes, windows1252: false)
        case let canonical:
            return Iconv.decode(bytes, from: iconvName(canonical))
        }
    }

    /// Decodes bytes that carry no charset label: UTF-8 when they are valid UTF-8, else Windows-1252
    /// (what unlabelled 8-bit mail nearly always is, and a superset of ISO-8859-1's printable range).
    public static func decodeUnlabeled<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        // A short ASCII value (nearly every address and header field) is valid UTF-8 as it is: `String(validating:)`
        // looks up generic metadata at every call, which was a tenth of what parsing an address cost. A long
        // value (a body) is left to it: there the look-up is nothing, and a check first would read it twice.
        if bytes.count <= 256, bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return singleByte(bytes, windows1252: true)
    }

    /// Decodes ISO-8859-1, or Windows-1252 (`windows1252`): bytes below 0x80 are ASCII and bytes from 0xA0 the
    /// code points U+00A0–U+00FF in both; only 0x80–0x9F differ (C1 controls in ISO-8859-1, punctuation in
    /// Windows-1252).
    ///
    /// Text that is all ASCII (much mail labelled ISO-8859-1 is) is its own UTF-8 and taken as it is. Other text
    /// is written straight into the String's storage from a table of each byte's UTF-8 (`SingleByteUTF8`): one
    /// load and one four-byte store per byte, no branch on the byte's range.
    private static func singleByte<Bytes: Collection>(_ bytes: Bytes, windows1252: Bool) -> String
    where Bytes.Element == UInt8 {
        let table = windows1252 ? SingleByteUTF8.windows1252 : SingleByteUTF8.latin1
        return table.withUnsafeBufferPointer { table in
            var length = 0
            for byte in bytes { length &+= Int(table[Int(byte)] >> 24) }
            if length == bytes.count { return String(decoding: bytes, as: UTF8.self) }
            // Three bytes of room past the end: the last byte's store writes four.
            return String(unsafeUninitializedCapacity: length + 3) { utf8 in
                let base = UnsafeMutableRawPointer(utf8.baseAddress!)
                var count = 0
                for byte in bytes {
                    let entry = table[Int(byte)]
                    base.storeBytes(of: entry.littleEndian, toByteOffset: count, as: UInt32.self)
                    count &+= Int(entry >> 24)
                }
                return count
            }
        }
    }

    /// Whether text in this charset can be decoded at all.
    public static func isKnown(_ name: String) -> Bool {
        decode([UInt8](), charset: name) != nil
    }

    static func canonicalName(_ name: String) -> String {
        var lowered = name.lowercased()
        if let star = lowered.firstIndex(of: "*") { lowered = String(lowered[..<star]) }  // RFC 2231 language
        return lowered.trimming(" \t\"'")
    }

    /// Names that mail uses but iconv spells differently, or where a superset decodes more real mail.
    private static func iconvName(_ canonical: String) -> String {
        switch canonical {
        case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn": "GB18030"
        case "ks_c_5601-1987", "ks_c_5601", "euc-kr", "cp949": "CP949"
        case "shift-jis", "x-sjis", "sjis", "shift_jis", "windows-31j", "cp932": "CP932"
        case "big5", "big5-hkscs", "x-big5": "BIG5-HKSCS"
        case "tis-620", "windows-874", "iso-8859-11": "CP874"
        case "x-mac-roman", "macintosh", "mac": "MACINTOSH"
        case "unicode-1-1-utf-7", "utf-7", "x-unicode20utf7": "UTF-7"
        default: canonical.uppercased()
        }
    }

    /// Windows-1252 code points for 0x80–0x9F (nil where the code page has none).
    static let windows1252Controls: [Unicode.Scalar?] = [
        "\u{20AC}", nil, "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", nil, "\u{017D}", nil,
        nil, "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", nil, "\u{017E}", "\u{0178}",
    ]
}
