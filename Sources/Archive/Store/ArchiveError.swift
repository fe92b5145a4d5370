/// What went wrong in the archive, in words a user can act on. A struct around a private kind, so new cases
/// can come without breaking callers; callers ask the questions they need (`isDamage`, `isNotFound`…).
public struct ArchiveError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Kind: Sendable, Equatable {
        case io, diskFull, corruptBlock, damagedMessage, notFound, inUse, input, compression, catalogue, outOfStep
    }

    private let kind: Kind
    /// The explanation, naming the file, block or message concerned.
    public let message: String

    private init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Stored bytes do not match their checksum: the archive is damaged at that place.
    public var isDamage: Bool { kind == .corruptBlock || kind == .damagedMessage }
    public var isNotFound: Bool { kind == .notFound }
    public var isDiskFull: Bool { kind == .diskFull }
    public var isInUse: Bool { kind == .inUse }
    /// The input (an mbox, a Maildir, a message) could not be read as such.
    public var isBadInput: Bool { kind == .input }
    /// The catalogue does not record blocks the segments hold (missing, emptied, restored from an older copy):
    /// nothing may be written until `rebuildCatalogue` has run.
    public var needsCatalogueRebuild: Bool { kind == .outOfStep }

    static func io(_ what: String, errno code: Int32) -> ArchiveError {
        let reason = String(cString: strerror(code))
        return code == ENOSPC || code == EDQUOT
            ? ArchiveError(.diskFull, "\(what): the disk is full (\(reason))")
            : ArchiveError(.io, "\(what): \(reason)")
    }
    static func io(_ message: String) -> ArchiveError { ArchiveError(.io, message) }
    static func corruptBlock(_ message: String) -> ArchiveError { ArchiveError(.corruptBlock, message) }
    static func damagedMessage(_ message: String) -> ArchiveError { ArchiveError(.damagedMessage, message) }
    static func notFound(_ message: String) -> ArchiveError { ArchiveError(.notFound, message) }
    static func inUse(_ message: String) -> ArchiveError { ArchiveError(.inUse, message) }
    static func input(_ message: String) -> ArchiveError { ArchiveError(.input, message) }
    static func compression(_ message: String) -> ArchiveError { ArchiveError(.compression, message) }
    static func catalogue(_ message: String) -> ArchiveError { ArchiveError(.catalogue, message) }
    static func outOfStep(_ message: String) -> ArchiveError { ArchiveError(.outOfStep, message) }
}

#if canImport(Glibc)
    import Glibc
#endif
