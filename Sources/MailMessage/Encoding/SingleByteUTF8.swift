/// The UTF-8 of each byte of ISO-8859-1 and of Windows-1252, for `Charset`'s single-byte decoder: an entry holds
/// the one to three bytes of the character's UTF-8 from its lowest byte up, and their count in its top byte.
enum SingleByteUTF8 {
    /// ISO-8859-1: byte b is U+00bb.
    static let latin1: [UInt32] = (0...255).map { entry(for: Unicode.Scalar(UInt8($0))) }

    /// Windows-1252: ISO-8859-1 but for 0x80–0x9F, from its table; the five bytes it leaves undefined as the
    /// C1 controls (as browsers do).
    static let windows1252: [UInt32] = (0...255).map { value in
        let byte = UInt8(value)
        guard byte >= 0x80, byte < 0xA0 else { return entry(for: Unicode.Scalar(byte)) }
        return entry(for: Charset.windows1252Controls[Int(byte - 0x80)] ?? Unicode.Scalar(byte))
    }

    /// The packed UTF-8 of `scalar`, which is below U+10000 (three bytes at most).
    static func entry(for scalar: Unicode.Scalar) -> UInt32 {
        let utf8 = Array(String(scalar).utf8)
        precondition(utf8.count <= 3)
        var entry = UInt32(utf8.count) << 24
        for (offset, byte) in utf8.enumerated() { entry |= UInt32(byte) << (8 * UInt32(offset)) }
        return entry
    }
}
