/// What a segment holds from some offset on, read from the blocks themselves, without the catalogue: every block
/// describes itself (header with its own CRC, payload length and payload CRC), so complete blocks can be told
/// from torn or damaged bytes.
///
/// Used where the catalogue cannot be trusted to know everything: the writer's open (what lies past the
/// catalogued end), `verify`, and `rebuildCatalogue`. Work is bounded by the bytes scanned: each offset is read
/// once, plus one payload read per header whose own CRC holds.
struct SegmentScan {
    enum Finding: Equatable {
        /// A complete block whose header and payload pass their CRCs.
        case block(offset: Int, storedLength: Int, header: BlockHeader)
        /// Bytes that hold no complete block: `length` bytes from `offset` up to the next complete block or the
        /// end of the file. `atEnd` when nothing readable follows them (a torn last block looks like this).
        case unreadable(offset: Int, length: Int, atEnd: Bool)
    }

    let file: SegmentFile
    let size: Int
    /// Largest raw length a block may claim (as for decoding).
    let limit: Int

    init(file: SegmentFile, limit: Int) throws(ArchiveError) {
        self.file = file
        self.size = try file.size()
        self.limit = limit
    }

    /// Every block and unreadable stretch from `start` to the end of the file, in order; `body` may stop the
    /// scan early by returning false.
    func scan(from start: Int, _ body: (Finding) throws(ArchiveError) -> Bool) throws(ArchiveError) {
        var offset = start
        while offset < size {
            if let header = try completeBlock(at: offset) {
                let length = BlockHeader.size + Int(header.payloadLength)
                guard try body(.block(offset: offset, storedLength: length, header: header)) else { return }
                offset += length
                continue
            }
            let next = try nextCompleteBlock(after: offset)
            guard try body(.unreadable(offset: offset, length: (next ?? size) - offset, atEnd: next == nil)) else {
                return
            }
            guard let next else { return }
            offset = next
        }
    }

    /// The header of the complete, checksum-valid block at `offset`, or nil.
    func completeBlock(at offset: Int) throws(ArchiveError) -> BlockHeader? {
        guard size - offset >= BlockHeader.size else { return nil }
        let headerBytes = try file.read(at: offset, length: BlockHeader.size)
        guard let header = try? BlockHeader(decoding: headerBytes[...], at: ""),
            header.rawLength <= UInt64(limit),
            Int(header.payloadLength) <= size - offset - BlockHeader.size
        else { return nil }
        let payload = try file.read(at: offset + BlockHeader.size, length: Int(header.payloadLength))
        return CRC32.of(payload) == header.payloadCRC ? header : nil
    }

    /// The offset of the first complete block after `offset`, found by its magic, or nil. Reads in 1 MiB windows.
    private func nextCompleteBlock(after offset: Int) throws(ArchiveError) -> Int? {
        let window = 1 << 20
        let magic = BlockHeader.magic
        var start = offset + 1
        while size - start >= BlockHeader.size {
            let length = min(window + magic.count - 1, size - start)
            let bytes = try file.read(at: start, length: length)
            var index = 0
            while index + magic.count <= bytes.count {
                if bytes[index] == magic[0], bytes[index + 1] == magic[1], bytes[index + 2] == magic[2],
                    bytes[index + 3] == magic[3], try completeBlock(at: start + index) != nil
                {
                    return start + index
                }
                index += 1
            }
            start += max(1, bytes.count - magic.count + 1)
        }
        return nil
    }
}
