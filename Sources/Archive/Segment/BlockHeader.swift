/// The fixed header in front of every block in a segment file:
///
///     magic "MSAB" · version 1 · codec (1 = zstd) · level · 1 reserved · message count u32 ·
///     raw length u64 · payload length u32 · payload CRC-32 u32 · header CRC-32 u32      (32 bytes, little endian)
///
/// The payload is the compressed form of: one u32 length per message, then the messages back to back. A block
/// is therefore readable without the catalogue, and its CRC is checked before any decompression.
///
/// The level byte says at which Zstandard level the payload was compressed (0: not recorded, a block written
/// before levels were, at the then default 19). Readers need not know it; `settle` does, to find the blocks a
/// fast write left for it to recompress. It was a reserved byte, written 0 and ignored by readers, so blocks that
/// record it stay readable by older versions and the format version stays 1.
struct BlockHeader: Equatable {
    static let size = 32
    static let magic: [UInt8] = Array("MSAB".utf8)
    static let zstdCodec: UInt8 = 1

    var messageCount: UInt32
    var rawLength: UInt64
    var payloadLength: UInt32
    var payloadCRC: UInt32
    /// The Zstandard level recorded (1…22), or 0 when the block does not say.
    var level: UInt8 = 0

    /// The byte recorded for a block compressed at `level`: zstd's default (3) for 0, 1 for its negative
    /// (faster than 1) levels, and at most 22.
    static func recordedLevel(_ level: Int32) -> UInt8 {
        level == 0 ? 3 : UInt8(min(max(level, 1), 22))
    }

    func encoded() -> [UInt8] {
        var bytes = Self.magic
        bytes += [1, Self.zstdCodec, level, 0]
        bytes.appendLittleEndian(messageCount)
        bytes.appendLittleEndian(rawLength)
        bytes.appendLittleEndian(payloadLength)
        bytes.appendLittleEndian(payloadCRC)
        bytes.appendLittleEndian(CRC32.of(bytes))
        return bytes
    }

    /// Reads a header; `where` names the place in errors.
    init(decoding bytes: ArraySlice<UInt8>, at place: String) throws(ArchiveError) {
        guard bytes.count >= Self.size else { throw .corruptBlock("\(place): block header cut short") }
        let start = bytes.startIndex
        guard Array(bytes[start..<start + 4]) == Self.magic else { throw .corruptBlock("\(place): no block here") }
        guard CRC32.of(bytes[start..<start + 28]) == bytes.littleEndian(UInt32.self, at: start + 28) else {
            throw .corruptBlock("\(place): block header fails its checksum")
        }
        guard bytes[start + 4] == 1, bytes[start + 5] == Self.zstdCodec else {
            throw .corruptBlock("\(place): unknown block version or codec")
        }
        messageCount = bytes.littleEndian(UInt32.self, at: start + 8)
        rawLength = bytes.littleEndian(UInt64.self, at: start + 12)
        payloadLength = bytes.littleEndian(UInt32.self, at: start + 20)
        payloadCRC = bytes.littleEndian(UInt32.self, at: start + 24)
        level = bytes[start + 6]
    }

    init(messageCount: UInt32, rawLength: UInt64, payloadLength: UInt32, payloadCRC: UInt32, level: UInt8 = 0) {
        self.messageCount = messageCount
        self.rawLength = rawLength
        self.payloadLength = payloadLength
        self.payloadCRC = payloadCRC
        self.level = level
    }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension Collection where Element == UInt8, Index == Int {
    func littleEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        var value: T = 0
        for index in 0..<MemoryLayout<T>.size {
            value |= T(self[offset + index]) << (8 * index)
        }
        return value
    }
}
