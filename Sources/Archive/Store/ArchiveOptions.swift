/// How a store writes. Reading needs none of this: every block says how it was written.
public struct ArchiveOptions: Sendable, Hashable {
    /// Raw bytes gathered into one compressed block. 4 MiB measured best (README, "Archive"): smaller blocks
    /// lose ratio (1 MiB: 19.1 % of raw instead of 17.0 %), larger ones make reading one message slower.
    public var blockSize: Int
    /// Zstandard level of new blocks: a fast one, so that compression does not limit an archive run. Blocks
    /// written below `settledLevel` are recompressed at it later by `settle` (README, "Archive": sizes and speeds).
    public var compressionLevel: Int32
    /// Zstandard level `settle` recompresses blocks at; a block written at this level or above is settled
    /// already. 19 meets the size target (≤ 0.70 × gzip -9 of one mbox): 17.0 % of the raw size.
    public var settledLevel: Int32
    /// A segment file is closed and the next begun past this size.
    public var segmentSize: Int
    /// Largest message accepted; a larger one is refused with an error naming it.
    public var maxMessageBytes: Int
    /// Body text indexed for search, per message.
    public var maxIndexedTextBytes: Int
    /// Files 0640 and folders 0750 instead of 0600 and 0700, for an archive a group (backups, an auditor) reads.
    public var groupReadable: Bool

    public init(
        blockSize: Int = 4 << 20,
        compressionLevel: Int32 = 3,
        segmentSize: Int = 1 << 30,
        maxMessageBytes: Int = 256 << 20,
        maxIndexedTextBytes: Int = 64 << 10,
        groupReadable: Bool = false,
        settledLevel: Int32 = 19
    ) {
        self.blockSize = blockSize
        self.compressionLevel = compressionLevel
        self.segmentSize = segmentSize
        self.maxMessageBytes = maxMessageBytes
        self.maxIndexedTextBytes = maxIndexedTextBytes
        self.groupReadable = groupReadable
        self.settledLevel = settledLevel
    }

    /// The modes of the files and folders the store creates.
    public var modes: FileModes { groupReadable ? .group : .private }

    public static let `default` = ArchiveOptions()
}
