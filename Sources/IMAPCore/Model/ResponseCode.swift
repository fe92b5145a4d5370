/// The bracketed code of a status response (`[UIDVALIDITY 3857529045]`), RFC 3501 / 9051 and extensions.
public enum ResponseCode: Sendable, Hashable {
    case alert
    case capability([String])
    case parse
    case permanentFlags([String])
    case readOnly
    case readWrite
    case tryCreate
    case uidNext(UInt32)
    case uidValidity(UInt32)
    case unseen(UInt32)
    /// CONDSTORE (RFC 7162).
    case highestModSeq(UInt64)
    case noModSeq
    /// UIDPLUS (RFC 4315): the UIDVALIDITY of the destination and the UIDs given to the appended messages.
    case appendUID(uidValidity: UInt32, uids: UIDSet)
    /// UIDPLUS: source UIDs and the UIDs they became in the destination, in the same order.
    case copyUID(uidValidity: UInt32, source: UIDSet, destination: UIDSet)
    /// RFC 9208: the command would exceed a quota.
    case overQuota
    /// QRESYNC: the previous mailbox was closed by this SELECT.
    case closed
    /// Any other code, with its raw argument text.
    case other(String, String?)
}
