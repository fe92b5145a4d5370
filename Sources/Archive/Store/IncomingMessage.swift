/// Where an archived message came from: a server folder (with its UID when known) or an imported file.
public struct ArchiveOrigin: Sendable, Hashable {
    public var account: String
    public var folder: String
    public var uid: UInt32?
    public var uidValidity: UInt32?
    /// The imported file (and, for an mbox, the message's number in it), or nil for server mail.
    public var source: String?
    /// IMAP flags and keywords (`\Seen`, `$Label1`…), kept for export and restore.
    public var flags: [String]
    /// The server's INTERNALDATE or the file's time, seconds since 1970.
    public var internalDate: Int64?

    public init(
        account: String, folder: String, uid: UInt32? = nil, uidValidity: UInt32? = nil,
        source: String? = nil, flags: [String] = [], internalDate: Int64? = nil
    ) {
        self.account = account
        self.folder = folder
        self.uid = uid
        self.uidValidity = uidValidity
        self.source = source
        self.flags = flags
        self.internalDate = internalDate
    }
}

/// A message handed to the store: its raw bytes, exactly as they will be given back, and its origin.
public struct IncomingMessage: Sendable {
    public var bytes: [UInt8]
    public var origin: ArchiveOrigin

    public init(bytes: [UInt8], origin: ArchiveOrigin) {
        self.bytes = bytes
        self.origin = origin
    }
}

/// The store's word that a message is archived: durable, verified, and findable by `id`.
public struct ArchiveReceipt: Sendable, Hashable {
    /// The catalogue id (`mailsift archive show ID`).
    public let id: Int64
    /// SHA-256 of the raw bytes, in hex.
    public let sha256: String
    /// False when this message was already in the archive (same account, folder and content): nothing was added.
    public let isNew: Bool
    /// True when the stored copy of this content was damaged and this call stored it again (the message reads
    /// intact from now on).
    public let repaired: Bool
}
