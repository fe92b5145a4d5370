import Glibc

/// Whether every segment the catalogue records blocks in is still on disk, long enough, and holding at the
/// catalogue's last offset a block of the recorded length.
///
/// A writer must not open a store whose segments went missing, were cut short, or were swapped or replaced
/// (a careless restore, a deleted file): it would append where the catalogue says a segment ends, or create a
/// segment under a number the catalogue already uses, so that old rows would point into new blocks. One short
/// read per segment (its last catalogued block's header) keeps the check cheap at every open.
enum SegmentAgreement {
    /// The writer's refusal naming the first segment that disagrees with the catalogue, or nil when all agree.
    static func refusal(
        directory: String, segments: SegmentDirectory, lastBlocks: [Int: (offset: Int, storedLength: Int)]
    ) throws(ArchiveError) -> ArchiveError? {
        for (number, last) in lastBlocks.sorted(by: { $0.key < $1.key }) {
            let path = segments.path(of: number)
            let end = last.offset + last.storedLength
            let problem: String
            if access(path, F_OK) != 0 {
                problem = "\(path) is missing, but the catalogue records archived blocks in it up to offset \(end)"
            } else {
                let file = try SegmentFile(path: path, writable: false)
                let size = try file.size()
                if size < end {
                    problem =
                        "\(path) is \(size) bytes long, but the catalogue records archived blocks in it up to"
                        + " offset \(end) (cut short, or restored from an older copy)"
                } else if let header = try? BlockHeader(
                    decoding: try file.read(at: last.offset, length: BlockHeader.size)[...], at: path),
                    BlockHeader.size + Int(header.payloadLength) == last.storedLength
                {
                    continue
                } else {
                    problem =
                        "\(path) does not hold, at offset \(last.offset), the block of \(last.storedLength) bytes the"
                        + " catalogue records there (replaced or swapped with another segment file?)"
                }
            }
            return .outOfStep(
                "the catalogue of \(directory) and its segments disagree: \(problem). Nothing was changed."
                    + " Put the segment files back as they were (from a backup) and try again; if they cannot be,"
                    + " rebuild the catalogue from the segments as they are (messages no segment holds any more are"
                    + " then dropped from it, and counted): mailsift archive rebuild-catalogue --archive \(directory)")
        }
        return nil
    }
}
