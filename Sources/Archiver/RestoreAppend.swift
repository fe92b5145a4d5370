import Crypto
import IMAPCore

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
        let (days, second) = (seconds.floorDivided(by: 86_400), seconds.floorModulo(86_400))
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian).
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (1...9999).contains(year) else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = String(repeating: "0", count: 4 - String(year).count) + String(year)
        return "\(two(day))-\(months[Int(month) - 1])-\(yearText) \(two(second / 3600)):\(two(second / 60 % 60)):"
            + "\(two(second % 60)) +0000"
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(_ divisor: Int64) -> Int64 { self - floorDivided(by: divisor) * divisor }
}
