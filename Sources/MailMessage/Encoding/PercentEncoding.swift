/// `%XX` decoding, for RFC 2231 parameter values and for URIs (RFC 3986).
public enum PercentEncoding {
    /// The decoded bytes. Lenient (RFC 2231 values as mailers write them): a `%` not followed by two hex
    /// digits stays as it is. Strict (URIs): such a `%` makes the whole text invalid, and the result is nil.
    public static func decode<Bytes: Collection>(_ text: Bytes, strict: Bool) -> [UInt8]? where Bytes.Element == UInt8 {
        let bytes = Array(text)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == ASCII.percent {
                if index + 2 < bytes.count, let high = ASCII.hexValue(bytes[index + 1]),
                    let low = ASCII.hexValue(bytes[index + 2])
                {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
                if strict { return nil }
            }
            out.append(bytes[index])
            index += 1
        }
        return out
    }
}
