/// What filing one folder asks of the server, with that folder selected. The daemon's implementation is
/// `IMAPFilingServer`; the seam keeps the batch logic readable and lets a scripted server misbehave under it.
///
/// Every call either succeeds, throws `FilingRefusal` (the server answered NO: that part of the plan cannot be
/// done, the rest goes on), or throws anything else (the connection is gone: the batch stays recorded as under
/// way and is recovered on the next connection).
public protocol FilingServer: Sendable {
    /// Whether MOVE is atomic here (RFC 6851). Without it a move is a COPY, then \Deleted and UID EXPUNGE.
    var hasMove: Bool { get }
    func addFlags(_ flags: [String], to uids: [UInt32]) async throws
    func removeFlags(_ flags: [String], from uids: [UInt32]) async throws
    func copy(_ uids: [UInt32], to mailbox: String) async throws
    /// MOVE, or its fallback; never a plain EXPUNGE.
    func move(_ uids: [UInt32], to mailbox: String) async throws
    /// \Deleted and UID EXPUNGE of exactly these UIDs.
    func delete(_ uids: [UInt32]) async throws
    /// CREATE, where "it exists already" is success.
    func create(_ mailbox: String) async throws
    /// UIDVALIDITY and UIDNEXT of another mailbox (STATUS).
    func mark(_ mailbox: String) async throws -> PendingBatch.MailboxMark
    /// Which of `uids` are still in the selected folder, with their flags now.
    func presentFlags(_ uids: [UInt32]) async throws -> [UInt32: [String]]
    /// The identities of the messages of `mailbox` from `mark.uidNext` on (all of them if its UIDVALIDITY is no
    /// longer `mark.uidValidity`); the selected folder is selected again afterwards.
    func identities(in mailbox: String, since mark: PendingBatch.MailboxMark) async throws -> [MessageIdentity]
}

/// The server refused one action (NO): the messages it concerned stay where they are, and the reason is logged.
public struct FilingRefusal: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
