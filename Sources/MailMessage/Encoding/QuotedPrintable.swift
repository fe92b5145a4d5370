import Glibc

/// Quoted-printable decoding (RFC 2045 6.7), lenient as the RFC asks: `=XX` in either case, soft line breaks
/// with trailing white space after the `=`, and a malformed `=` kept as it is.
enum QuotedPrintable {
    /// - Parameter underscoreIsSpace: true for the Q encoding of RFC 2047 encoded words.
    static func decode<Bytes: Collection>(_ input: Bytes, underscoreIsSpace: Bool = false) -> [UInt8]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        if let decoded = input.withContiguousStorageIfAvailable({ decode($0, underscoreIsSpace: underscoreIsSpace) }) {
            return decoded
        }
        return Array(input).withUnsafeBufferPointer { decode($0, underscoreIsSpace: underscoreIsSpace) }
    }

    /// `decode` of bytes in memory. Without `underscoreIsSpace` (a body), the runs of bytes up to the next `=`
    /// are found by `memchr` and copied whole: tested and written byte by byte they were most of the decoding.
    private static func decode(_ input: UnsafeBufferPointer<UInt8>, underscoreIsSpace: Bool) -> [UInt8] {
        // The output is never longer than the input: written in place, without a capacity check per byte.
        [UInt8](unsafeUninitializedCapacity: input.count) { output, written in
            @inline(__always) func write(_ byte: UInt8) {
                output[written] = byte
                written += 1
            }
            var index = 0
            let end = input.count
            while index < end {
                if !underscoreIsSpace {
                    let equals = memchr(input.baseAddress! + index, Int32(ASCII.equals), end - index)
                    let run =
                        equals.map { UnsafeRawPointer($0) - UnsafeRawPointer(input.baseAddress! + index) }
                        ?? end - index
                    (output.baseAddress! + written).initialize(from: input.baseAddress! + index, count: run)
                    written += run
                    index += run
                    if index == end { break }
                }
                let byte = input[index]
                if byte == ASCII.equals {
                    if index + 2 < end, let high = ASCII.hexValue(input[index + 1]),
                        let low = ASCII.hexValue(input[index + 2])
                    {
                        write(high << 4 | low)
                        index += 3
                        continue
                    }
                    // A soft line break: `=`, optional white space, then the end of the line.
                    var look = index + 1
                    while look < end, ASCII.isWhitespace(input[look]) { look += 1 }
                    if look == end {
                        index = end
                        continue
                    }
                    if input[look] == ASCII.lf {
                        index = look + 1
                        continue
                    }
                    if input[look] == ASCII.cr, look + 1 < end, input[look + 1] == ASCII.lf {
                        index = look + 2
                        continue
                    }
                    write(byte)
                    index += 1
                } else if underscoreIsSpace && byte == ASCII.underscore {
                    write(ASCII.space)
                    index += 1
                } else {
                    write(byte)
                    index += 1
                }
            }
        }
    }
}
