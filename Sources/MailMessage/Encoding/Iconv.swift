import Glibc

/// A thin, safe wrapper over the C library's iconv, used for every charset not decoded by hand.
enum Iconv {
    /// Converts `bytes` from `charset` to a String; nil when iconv does not know the charset.
    /// Invalid or truncated input becomes U+FFFD and decoding goes on with the next byte.
    static func decode<Bytes: Collection>(_ bytes: Bytes, from charset: String) -> String?
    where Bytes.Element == UInt8 {
        // A descriptor is not thread-safe, so each call opens its own; glibc caches the converter modules.
        let descriptor = iconv_open("UTF-8", charset)
        guard descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }

        var input = Array(bytes)
        guard !input.isEmpty else { return "" }
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 2)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

        input.withUnsafeMutableBufferPointer { inBuffer in
            chunk.withUnsafeMutableBufferPointer { outBuffer in
                let inBase = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                let outBase = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inPointer: UnsafeMutablePointer<CChar>? = inBase
                var inLeft = inBuffer.count
                while inLeft > 0 {
                    var outPointer: UnsafeMutablePointer<CChar>? = outBase
                    var outLeft = outBuffer.count
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    output.append(contentsOf: UnsafeBufferPointer(start: outBuffer.baseAddress, count: outBuffer.count - outLeft))
                    if result != -1 { break }
                    switch errno {
                    case E2BIG:
                        continue
                    case EILSEQ:
                        output.append(contentsOf: replacement)
                        inPointer = inPointer! + 1
                        inLeft -= 1
                    default:  // EINVAL: an incomplete sequence at the end
                        output.append(contentsOf: replacement)
                        inLeft = 0
                    }
                }
                // Flush any shift state (ISO-2022-JP, UTF-7).
                var outPointer: UnsafeMutablePointer<CChar>? = outBase
                var outLeft = outBuffer.count
                _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                output.append(contentsOf: UnsafeBufferPointer(start: outBuffer.baseAddress, count: outBuffer.count - outLeft))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
