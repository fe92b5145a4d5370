import CZlib

/// zlib's CRC-32: the cheap check of a block's compressed bytes, read before anything is decompressed.
enum CRC32 {
    static func of(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBytes { raw in
            var crc: UInt = 0
            var offset = 0
            // zlib takes a 32-bit length: feed large inputs in chunks.
            while offset < raw.count {
                let chunk = min(raw.count - offset, 1 << 30)
                crc = crc32(crc, raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uInt(chunk))
                offset += chunk
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }

    static func of(_ bytes: [UInt8]) -> UInt32 { of(bytes[...]) }
}
