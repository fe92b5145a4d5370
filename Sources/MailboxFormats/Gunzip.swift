import CZlib

/// Decodes a gzip file (as archivemail writes `.mbox.gz`), several concatenated members included, with a bound
/// on the decoded size so that a small hostile file cannot expand without limit.
public enum Gunzip {
    /// Why a gzip file could not be decoded.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    public static func decode(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        var consumed = 0
        while consumed < input.count {
            // Trailing zero padding after the last member is tolerated, as gzip does.
            if input[consumed...].allSatisfy({ $0 == 0 }) { break }
            consumed += try decodeMember(input[consumed...], into: &output, limit: limit)
        }
        return output
    }

    /// Decodes one gzip member; returns how many input bytes it used.
    private static func decodeMember(
        _ input: ArraySlice<UInt8>, into output: inout [UInt8], limit: Int
    ) throws(Failure) -> Int {
        var stream = z_stream()
        guard mailsift_inflate_init_gzip(&stream) == Z_OK else { throw Failure(description: "zlib could not start") }
        defer { inflateEnd(&stream) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var status: Int32 = Z_OK
        var failure: Failure?
        input.withUnsafeBytes { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress!.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(min(source.count, Int(UInt32.max)))
            while status != Z_STREAM_END {
                let produced: Int = buffer.withUnsafeMutableBytes { target in
                    stream.next_out = target.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(target.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return target.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    failure = Failure(description: status == Z_BUF_ERROR ? "gzip data ends early" : "damaged gzip data")
                    return
                }
                guard output.count + produced <= limit else {
                    failure = Failure(description: "decompressed data is larger than the limit of \(limit) bytes")
                    return
                }
                output.append(contentsOf: buffer[0..<produced])
            }
        }
        if let failure { throw failure }
        return Int(stream.total_in)
    }
}
