/// How a store writes. Reading needs none of this: every block says how it was written.
public struct ArchiveOptions: Sendable, Hashable {
    /// Raw bytes gathered into one compressed block. 4 MiB measured best (README, "Archive"): smaller blocks
    /// lose ratio (1 MiB: 19.1 % of raw instead of 17.0 %), larger ones make reading one message slower.
    public var blockSize: Int
    /// Zstandard level. 19 meets the size target; lower levels import faster (level 9: 18.3 %, 30× faster).
    public var compressionLevel: Int32
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
        compressionLevel: Int32 = 19,
        segmentSize: Int = 1 << 30,
        maxMessageBytes: Int = 256 << 20,
        maxIndexedTextBytes: Int = 64 << 10,
        groupReadable: Bool = false
    ) {
        self.blockSize = blockSize
        self.compressionLevel = compressionLevel
        self.segmentSize = segmentSize
        self.maxMessageBytes = maxMessageBytes
        self.maxIndexedTextBytes = maxIndexedTextBytes
        self.groupReadable = groupReadable
    }

    /// The modes of the files and folders the store creates.
    public var modes: FileModes { groupReadable ? .group : .private }

    public static let `default` = ArchiveOptions()
}
