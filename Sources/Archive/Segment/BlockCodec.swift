/// Turns a group of messages into a stored block (header + compressed payload) and back.
enum BlockCodec {
    /// The stored form of `messages`: a `BlockHeader` followed by the compressed payload.
    static func encode(_ messages: [[UInt8]], level: Int32) throws(ArchiveError) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity(messages.reduce(4 * messages.count) { $0 + $1.count })
        for message in messages { raw.appendLittleEndian(UInt32(message.count)) }
        for message in messages { raw += message }
        let payload = try Zstd.compress(raw, level: level)
        let header = BlockHeader(
            messageCount: UInt32(messages.count), rawLength: UInt64(raw.count),
            payloadLength: UInt32(payload.count), payloadCRC: CRC32.of(payload),
            level: BlockHeader.recordedLevel(level))
        return header.encoded() + payload
    }

    /// Message `position` of a stored block, decompressing only up to its end.
    ///
    /// Unlike `decode` it skips the payload's CRC (a third of the work of a read): zstd rejects damaged input
    /// safely, and the caller checks the message's SHA-256, so damage still ends in an error, never wrong bytes.
    static func decodeOne(_ stored: ArraySlice<UInt8>, position: Int, at place: String, limit: Int) throws(ArchiveError)
        -> ArraySlice<UInt8>
    {
        let (header, payload) = try checkedPayload(stored, at: place, limit: limit, checkCRC: false)
        guard position < Int(header.messageCount) else {
            throw .corruptBlock("\(place): block holds \(header.messageCount) messages, not \(position + 1)")
        }
        let tableBytes = 4 * Int(header.messageCount)
        var range = 0..<0
        let raw = try Zstd.decompressPrefix(payload, totalSize: Int(header.rawLength), wanted: tableBytes) {
            (prefix: UnsafeBufferPointer<UInt8>) throws(ArchiveError) -> Int in
            var start = tableBytes
            for index in 0..<position { start += Int(prefix.littleEndian(UInt32.self, at: 4 * index)) }
            range = start..<start + Int(prefix.littleEndian(UInt32.self, at: 4 * position))
            return range.upperBound
        }
        guard range.upperBound <= raw.count else { throw .corruptBlock("\(place): message table overruns the block") }
        return raw[range]
    }

    /// The header and compressed payload of a stored block, after checking the header and the payload's CRC.
    private static func checkedPayload(
        _ stored: ArraySlice<UInt8>, at place: String, limit: Int, checkCRC: Bool = true
    ) throws(ArchiveError) -> (BlockHeader, ArraySlice<UInt8>) {
        let header = try BlockHeader(decoding: stored, at: place)
        let payloadStart = stored.startIndex + BlockHeader.size
        guard stored.count - BlockHeader.size >= Int(header.payloadLength) else {
            throw .corruptBlock("\(place): block cut short")
        }
        let payload = stored[payloadStart..<payloadStart + Int(header.payloadLength)]
        guard !checkCRC || CRC32.of(payload) == header.payloadCRC else {
            throw .corruptBlock("\(place): block fails its checksum (its bytes were changed on disk)")
        }
        guard header.rawLength <= UInt64(limit), Int(header.rawLength) >= 4 * Int(header.messageCount) else {
            throw .corruptBlock("\(place): implausible block length \(header.rawLength)")
        }
        return (header, payload)
    }

    /// The messages of a stored block, after checking the header, the payload's CRC and the lengths table.
    /// `place` names the block in errors (segment and offset).
    static func decode(_ stored: ArraySlice<UInt8>, at place: String, limit: Int) throws(ArchiveError) -> [ArraySlice<
        UInt8
    >] {
        let (header, payload) = try checkedPayload(stored, at: place, limit: limit)
        let tableBytes = 4 * Int(header.messageCount)
        let raw = try Zstd.decompress(payload, expectedSize: Int(header.rawLength))
        var messages: [ArraySlice<UInt8>] = []
        messages.reserveCapacity(Int(header.messageCount))
        var offset = tableBytes
        for index in 0..<Int(header.messageCount) {
            let length = Int(raw.littleEndian(UInt32.self, at: 4 * index))
            guard offset + length <= raw.count else {
                throw .corruptBlock("\(place): message table overruns the block")
            }
            messages.append(raw[offset..<offset + length])
            offset += length
        }
        guard offset == raw.count else { throw .corruptBlock("\(place): message table does not cover the block") }
        return messages
    }
}
