/// IMAP's modified UTF-7 (RFC 3501 5.1.3): printable ASCII stands for itself, `&` is written `&-`, anything
/// else is UTF-16BE in base64 (`,` instead of `/`, no padding) between `&` and `-`.
public enum ModifiedUTF7 {
    private static let alphabet = Base64.mailboxName

    public static func encode(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            output.append(UInt8(ascii: "&"))
            var bytes: [UInt8] = []
            for unit in pending { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            output += Base64.encode(bytes, alphabet: alphabet, padding: false)
            output.append(UInt8(ascii: "-"))
            pending = []
        }
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                output.append(UInt8(scalar.value))
                if scalar == "&" { output.append(UInt8(ascii: "-")) }
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return output
    }

    /// The Unicode name, or nil when `raw` is not valid modified UTF-7 (then it is likely UTF-8 already).
    public static func decode(_ raw: [UInt8]) -> String? {
        var output = ""
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte >= 0x20 && byte <= 0x7E else { return nil }
            if byte != UInt8(ascii: "&") {
                output.unicodeScalars.append(Unicode.Scalar(byte))
                index += 1
                continue
            }
            guard let end = raw[(index + 1)...].firstIndex(of: UInt8(ascii: "-")) else { return nil }
            if end == index + 1 {
                output.append("&")
            } else {
                var bits = 0
                var bitCount = 0
                var units: [UInt16] = []
                var bytes: [UInt8] = []
                for symbol in raw[(index + 1)..<end] {
                    guard let value = alphabet.firstIndex(of: symbol) else { return nil }
                    bits = (bits << 6) | value
                    bitCount += 6
                    if bitCount >= 8 {
                        bitCount -= 8
                        bytes.append(UInt8((bits >> bitCount) & 0xFF))
                    }
                }
                guard bytes.count % 2 == 0, bytes.count > 0 else { return nil }
                for pair in stride(from: 0, to: bytes.count, by: 2) { units.append(UInt16(bytes[pair]) << 8 | UInt16(bytes[pair + 1])) }
                // Strict: a lone surrogate makes the name invalid rather than replaced.
                guard let text = String(validating: units, as: UTF16.self),
                    !text.unicodeScalars.contains(where: { $0.value >= 0x20 && $0.value <= 0x7E })
                else { return nil }
                output += text
            }
            index = end + 1
        }
        return output
    }
}
