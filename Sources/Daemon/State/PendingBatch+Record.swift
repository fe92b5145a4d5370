import Foundation

/// How a `PendingBatch` is kept in the state store: a compact record of length-prefixed fields, written before
/// the first action of every batch. JSON took a quarter of a second for a sort's 10,000 plans, on the path of
/// every batch; this takes a few milliseconds. Batches written as JSON by earlier versions are still read.
///
/// The record is "B2 ", then numbers as decimal text ending in a space, strings as `length:bytes`, lists as a
/// count then their items; the reader checks every length against what is left, so a damaged record is an
/// error, never a crash or a read past its end.
extension PendingBatch {
    static let recordMagic = Array("B2 ".utf8)

    func record() -> [UInt8] {
        var writer = RecordWriter()
        writer.bytes += Self.recordMagic
        writer.number(uidValidity)
        writer.number(throughUID)
        writer.number(copyMarks.count)
        for (mailbox, mark) in copyMarks.sorted(by: { $0.key < $1.key }) {
            writer.string(mailbox)
            writer.number(mark.uidValidity)
            writer.number(mark.uidNext)
        }
        writer.number(plans.count)
        for plan in plans { writer.plan(plan) }
        return writer.bytes
    }

    init(record bytes: [UInt8]) throws {
        if bytes.first == UInt8(ascii: "{") {
            self = try JSONDecoder().decode(PendingBatch.self, from: Data(bytes))
            return
        }
        guard bytes.starts(with: Self.recordMagic) else { throw RecordError("not a batch record") }
        var reader = RecordReader(bytes: bytes, index: Self.recordMagic.count)
        let validity: UInt32 = try reader.number()
        let through: UInt32 = try reader.number()
        var marks: [String: MailboxMark] = [:]
        for _ in 0..<(try reader.count()) {
            let mailbox = try reader.string()
            marks[mailbox] = MailboxMark(uidValidity: try reader.number(), uidNext: try reader.number())
        }
        var plans: [MessagePlan] = []
        for _ in 0..<(try reader.count()) { plans.append(try reader.plan()) }
        guard reader.index == bytes.count else { throw RecordError("bytes after the end at \(reader.index)") }
        self.init(uidValidity: validity, throughUID: through, plans: plans, copyMarks: marks)
    }
}

struct RecordError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

private struct RecordWriter {
    var bytes: [UInt8] = []

    mutating func number<T: BinaryInteger>(_ value: T) {
        bytes += String(value).utf8
        bytes.append(UInt8(ascii: " "))
    }

    mutating func string(_ text: String) {
        bytes += String(text.utf8.count).utf8
        bytes.append(UInt8(ascii: ":"))
        bytes += text.utf8
    }

    mutating func optional(_ text: String?) {
        if let text {
            bytes.append(UInt8(ascii: "+"))
            string(text)
        } else {
            bytes.append(UInt8(ascii: "-"))
        }
    }

    mutating func list(_ texts: [String]) {
        number(texts.count)
        for text in texts { string(text) }
    }

    mutating func delivery(_ delivery: MessagePlan.Delivery) {
        string(delivery.mailbox)
        list(delivery.flags)
        number(delivery.create ? 1 : 0)
    }

    mutating func plan(_ plan: MessagePlan) {
        number(plan.uid)
        optional(plan.identity.messageID)
        number(plan.identity.size)
        optional(plan.identity.internalDate)
        string(plan.identity.fingerprint)
        list(plan.originalFlags)
        number(plan.copies.count)
        for copy in plan.copies { delivery(copy) }
        switch plan.disposition {
        case .keep(let flags):
            bytes.append(UInt8(ascii: "k"))
            list(flags)
        case .move(let target):
            bytes.append(UInt8(ascii: "m"))
            delivery(target)
        case .delete:
            bytes.append(UInt8(ascii: "d"))
        }
        list(plan.notCarriedOut)
        list(plan.decidedBy)
    }
}

private struct RecordReader {
    let bytes: [UInt8]
    var index: Int

    mutating func byte() throws -> UInt8 {
        guard index < bytes.count else { throw RecordError("the record ends early") }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func number<T: FixedWidthInteger>(endingWith end: UInt8 = UInt8(ascii: " ")) throws -> T {
        var value: T = 0
        var digits = 0
        while true {
            let byte = try self.byte()
            if byte == end { break }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte), digits < 20 else {
                throw RecordError("a number expected at \(index - 1)")
            }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(T(byte - UInt8(ascii: "0")))
            guard !overflow, !overflow2 else { throw RecordError("a number too large at \(index - 1)") }
            value = sum
            digits += 1
        }
        guard digits > 0 else { throw RecordError("a number expected at \(index - 1)") }
        return value
    }

    /// A count of items still to read: each takes at least one byte, so it cannot exceed what is left.
    mutating func count() throws -> Int {
        let count: Int = try number()
        guard count <= bytes.count - index else { throw RecordError("a count past the end at \(index)") }
        return count
    }

    mutating func string() throws -> String {
        let start = index
        let length: Int = try number(endingWith: UInt8(ascii: ":"))
        guard length <= bytes.count - index else {
            throw RecordError("a string expected at \(start)")
        }
        defer { index += length }
        return String(decoding: bytes[index..<index + length], as: UTF8.self)
    }

    mutating func optional() throws -> String? {
        switch try byte() {
        case UInt8(ascii: "+"): return try string()
        case UInt8(ascii: "-"): return nil
        default: throw RecordError("+ or - expected at \(index - 1)")
        }
    }

    mutating func list() throws -> [String] {
        var texts: [String] = []
        for _ in 0..<(try count()) { texts.append(try string()) }
        return texts
    }

    mutating func delivery() throws -> MessagePlan.Delivery {
        let mailbox = try string()
        let flags = try list()
        let create: Int = try number()
        return MessagePlan.Delivery(mailbox: mailbox, flags: flags, create: create == 1)
    }

    mutating func plan() throws -> MessagePlan {
        let uid: UInt32 = try number()
        let messageID = try optional()
        let size: UInt64 = try number()
        let internalDate = try optional()
        let fingerprint = try string()
        let identity = MessageIdentity(
            messageID: messageID, size: size, internalDate: internalDate, fingerprint: fingerprint)
        let originalFlags = try list()
        var copies: [MessagePlan.Delivery] = []
        for _ in 0..<(try count()) { copies.append(try delivery()) }
        let disposition: MessagePlan.Disposition
        switch try byte() {
        case UInt8(ascii: "k"): disposition = .keep(flags: try list())
        case UInt8(ascii: "m"): disposition = .move(try delivery())
        case UInt8(ascii: "d"): disposition = .delete
        default: throw RecordError("k, m or d expected at \(index - 1)")
        }
        return MessagePlan(
            uid: uid, identity: identity, originalFlags: originalFlags, copies: copies, disposition: disposition,
            notCarriedOut: try list(), decidedBy: try list())
    }
}
