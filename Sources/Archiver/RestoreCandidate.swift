import Archive

/// One archived message a restore puts back, with what the catalogue kept of where it was: its folder, flags
/// and internal date (for messages archived from the server, as the server had them; for imported files, what
/// the file told, see docs/archive.md).
public struct RestoreCandidate: Sendable, Hashable, Codable {
    /// The catalogue id (`mailsift archive show ID`).
    public var id: Int64
    /// The folder it was archived from, its levels separated by `/`.
    public var archiveFolder: String
    public var subject: String
    /// Bytes, as archived.
    public var size: Int
    /// The Message-ID without its angle brackets; nil when it has none.
    public var messageID: String?
    public var flags: [String]
    /// Seconds since 1970; nil when the catalogue has none (messages imported from an mbox).
    public var internalDate: Int64?

    public init(
        id: Int64, archiveFolder: String, subject: String = "", size: Int, messageID: String?, flags: [String],
        internalDate: Int64?
    ) {
        self.id = id
        self.archiveFolder = archiveFolder
        self.subject = subject
        self.size = size
        self.messageID = messageID
        self.flags = flags
        self.internalDate = internalDate
    }

    /// A subject shown in a report: at most this many characters.
    static let maxSubjectCharacters = 200

    /// The messages of `store` that `query` matches (every message for nil), in the order their blocks were
    /// written, so that each block is read about once. More than `limit` is an error naming the bound.
    static func matching(_ query: SearchQuery?, in store: ArchiveStore, limit: Int) throws -> [RestoreCandidate] {
        let ids = try store.messageIDsInStorageOrder(matching: query)
        guard ids.count <= limit else { throw RestoreError.tooManyMessages(ids.count, limit: limit) }
        return try ids.map { id in
            let (hit, flags, internalDate) = try store.hit(id)
            return RestoreCandidate(
                id: id, archiveFolder: hit.folder, subject: String(hit.subject.prefix(maxSubjectCharacters)),
                size: hit.size, messageID: hit.messageID, flags: flags, internalDate: internalDate)
        }
    }
}

/// Why a restore could not begin.
public enum RestoreError: Error, Sendable, CustomStringConvertible {
    case tooManyMessages(Int, limit: Int)
    case noArchive(String)

    public var description: String {
        switch self {
        case .tooManyMessages(let count, let limit):
            return "the query matches \(count) archived messages; one restore takes at most \(limit): narrow it "
                + "(--folder, --before, --after, words) and restore in several runs"
        case .noArchive(let directory):
            return "no archive at \(directory): nothing was archived for this account yet"
        }
    }
}
