import Crypto
import Foundation
import IMAPCore
import MailMessage

/// What a message is apart from its UID: its Message-ID, its size and its arrival time as the server keeps
/// them, and a fingerprint of the headers that rarely change.
///
/// COPY and MOVE keep a message's bytes and INTERNALDATE (RFC 3501 6.4.7), so Message-ID, size and internal date
/// together recognise the copy a crashed batch made in another mailbox. The fingerprint (Message-ID, Date, From,
/// Subject and size, which survive a folder being recreated and its mail put back) recognises mail already
/// filed after a UIDVALIDITY change.
public struct MessageIdentity: Codable, Sendable, Hashable {
    public var messageID: String?
    public var size: UInt64
    /// INTERNALDATE, as seconds since 1970 in text (a copy carries the same instant; the zone a server writes
    /// it in may differ between folders).
    public var internalDate: String?
    public var fingerprint: String

    public init(messageID: String?, size: UInt64, internalDate: String?, fingerprint: String) {
        self.messageID = messageID
        self.size = size
        self.internalDate = internalDate
        self.fingerprint = fingerprint
    }

    /// The header fields the fingerprint reads: every fetch asks for them beside what the rules need.
    public static let headerFields = ["Message-ID", "Date", "From", "Subject"]

    /// `fields`: the values of `headerFields` (nil where absent), unfolded; `size`: RFC822.SIZE.
    public init(messageID: String?, date: String?, from: String?, subject: String?, size: UInt64, internalDate: String?)
    {
        var hasher = SHA256()
        for value in [messageID, date, from, subject] {
            // A length before each value: ("ab", "c") and ("a", "bc") must not hash alike.
            let bytes = Array((value ?? "").utf8)
            hasher.update(data: Array("\(value == nil ? -1 : bytes.count):".utf8) + bytes)
        }
        hasher.update(data: Array("size:\(size)".utf8))
        // Hex by table: String(format:) for each byte was a third of the pipeline's CPU time (10,000 messages).
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(32)
        for byte in hasher.finalize().prefix(16) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        self.init(
            messageID: messageID, size: size, internalDate: internalDate,
            fingerprint: String(decoding: hex, as: UTF8.self))
    }

    /// The identity of a fetched message: `message` holds at least the `headerFields`.
    public init(_ message: Message, size: UInt64, internalDate: String?) {
        func value(_ name: String) -> String? {
            message.header.first(name).map { $0.unfoldedValue.trimmingSpaces() }
        }
        self.init(
            messageID: value("Message-ID"), date: value("Date"), from: value("From"), subject: value("Subject"),
            size: size, internalDate: internalDate)
    }

    /// An INTERNALDATE as the identity keeps it.
    public static func describe(_ date: IMAPDateTime) -> String { String(date.secondsSince1970) }

    /// Whether `other` is this message in another mailbox (a copy of it).
    public func isCopy(of other: MessageIdentity) -> Bool {
        fingerprint == other.fingerprint && messageID == other.messageID && size == other.size
            && internalDate == other.internalDate
    }
}
