import Crypto
import IMAPCore
import MailMessage

/// An archived message made ready for APPEND: its bytes with CRLF line ends, its flags and internal date in the
/// form IMAP takes, and the SHA-256s a copy already on the server may have.
struct RestoreAppend: Sendable {
    var candidate: RestoreCandidate
    var message: AppendMessage
    /// SHA-256 of the bytes appended, and of the archived bytes when those differ (bare LF line ends): a copy
    /// on the server with either is this message.
    var hashes: Set<[UInt8]>

    init(_ candidate: RestoreCandidate, archived bytes: [UInt8]) {
        self.candidate = candidate
        let sent = Self.crlf(bytes)
        message = AppendMessage(
            flags: Self.flags(candidate.flags), internalDate: candidate.internalDate.flatMap(Self.imapDateTime),
            bytes: sent)
        var hashes: Set<[UInt8]> = [Array(SHA256.hash(data: sent))]
        if sent.count != bytes.count { hashes.insert(Array(SHA256.hash(data: bytes))) }
        self.hashes = hashes
    }

    /// The flags APPEND can set: `\Recent` is the server's to give, and `\Deleted` (a Maildir's `T`) would have
    /// the next EXPUNGE of any client remove the message just given back. A flag that is not an IMAP atom
    /// cannot be written into the command and is left out too (IMAP would refuse the whole APPEND).
    static func flags(_ flags: [String]) -> [String] {
        var kept: [String] = []
        for flag in flags where !["\\recent", "\\deleted"].contains(flag.lowercased()) && !kept.contains(flag) {
            let check = Command.append(MailboxName("INBOX"), flags: [flag], internalDate: nil, message: [])
            if check.invalidArgument == nil { kept.append(flag) }
        }
        return kept
    }

    /// Bare LF line ends made CRLF (RFC 3501 asks for CRLF in an APPEND; Cyrus refuses bare LF). Messages
    /// archived from a server have CRLF already and are sent as they are, byte for byte; a file imported from an
    /// mbox or a Maildir often has LF.
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var bare = false
        for index in bytes.indices where bytes[index] == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) {
            bare = true
            break
        }
        guard bare else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 32)
        for index in bytes.indices {
            if bytes[index] == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { out.append(0x0D) }
            out.append(bytes[index])
        }
        return out
    }

    /// Seconds since 1970 as an IMAP date-time, in UTC: `"05-Mar-2019 09:00:00 +0000"`. Nil outside years
    /// 1–9999, which the form cannot write (the server then gives the time of the APPEND).
    static func imapDateTime(_ seconds: Int64) -> String? {
        let time = CivilTime(secondsSince1970: seconds)
        guard (1...9999).contains(time.year) else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: 4 - String(time.year).count) + String(time.year)
        return "\(two(time.day))-\(months[time.month - 1])-\(yearText) \(two(time.hour)):\(two(time.minute)):"
            + "\(two(time.second)) +0000"
    }
}
