extension ResponseParser {
    /// msg-att: "(" item *(SP item) ")"
    static func fetchAttributes(_ cursor: inout Cursor) throws(IMAPParseError) -> [FetchAttribute] {
        try cursor.list("items in one FETCH response", limit: .fetchItems, fetchAttribute)
    }

    private static func fetchAttribute(_ cursor: inout Cursor) throws(IMAPParseError) -> FetchAttribute {
        let begin = cursor.index
        // Names stop before "[" (BODY[…]) but keep dots (RFC822.SIZE).
        while let byte = cursor.peek, Cursor.isAtomChar(byte), byte != UInt8(ascii: "[") { cursor.index += 1 }
        guard cursor.index > begin else { throw cursor.error("expected a FETCH item") }
        let name = String(decoding: cursor.bytes[begin..<cursor.index], as: UTF8.self).uppercased()
        switch name {
        case "UID":
            try cursor.space()
            return .uid(try cursor.number32())
        case "FLAGS":
            try cursor.space()
            return .flags(try flagList(&cursor))
        case "INTERNALDATE":
            try cursor.space()
            return .internalDate(String(decoding: try cursor.quoted(), as: UTF8.self))
        case "RFC822.SIZE":
            try cursor.space()
            return .rfc822Size(try cursor.number())
        case "MODSEQ":
            try cursor.space()
            try cursor.expect(UInt8(ascii: "("), "( before the MODSEQ value")
            let value = try cursor.number()
            try cursor.expect(UInt8(ascii: ")"), ") after the MODSEQ value")
            return .modSeq(value)
        case "RFC822", "RFC822.HEADER", "RFC822.TEXT":
            try cursor.space()
            let section = name == "RFC822" ? "" : name == "RFC822.HEADER" ? "HEADER" : "TEXT"
            return .body(section: section, origin: nil, data: try cursor.nstring().map(Array.init))
        case "BODY", "BINARY", "BINARY.SIZE":
            guard cursor.peek == UInt8(ascii: "[") else {
                // BODY without a section is the non-extensible BODYSTRUCTURE.
                try cursor.space()
                try skipValue(&cursor)
                return .other(name)
            }
            let section = try sectionSpec(&cursor)
            var origin: UInt32?
            if cursor.skip("<") {
                origin = try cursor.number32()
                try cursor.expect(UInt8(ascii: ">"), "> after the origin")
            }
            try cursor.space()
            if name == "BINARY.SIZE" { return .binarySize(section: section, size: try cursor.number()) }
            // BINARY may come as literal8 (~{N}).
            _ = cursor.skip("~")
            let data = try cursor.nstring().map(Array.init)
            return name == "BODY"
                ? .body(section: section, origin: origin, data: data) : .binary(section: section, data: data)
        case "ENVELOPE":
            try cursor.space()
            return .envelope(try envelope(&cursor))
        default:
            try cursor.space()
            try skipValue(&cursor)
            return .other(name)
        }
    }

    /// "[" section "]" as text, e.g. `HEADER.FIELDS (FROM SUBJECT)` or `1.2.MIME`.
    private static func sectionSpec(_ cursor: inout Cursor) throws(IMAPParseError) -> String {
        try cursor.expect(UInt8(ascii: "["), "[")
        let begin = cursor.index
        while let byte = cursor.peek, byte != UInt8(ascii: "]") {
            guard !cursor.atLineEnd, cursor.index - begin < 4096 else { throw cursor.error("section not closed") }
            cursor.index += 1
        }
        let section = String(decoding: cursor.bytes[begin..<cursor.index], as: UTF8.self)
        cursor.index += 1
        return section
    }

    /// address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"
    private static func address(_ cursor: inout Cursor) throws(IMAPParseError) -> Envelope.Address {
        try cursor.expect(UInt8(ascii: "("), "( opening an address")
        let name = try cursor.nstring().map(Array.init)
        try cursor.space()
        let route = try cursor.nstring().map(Array.init)
        try cursor.space()
        let mailbox = try cursor.nstring().map(Array.init)
        try cursor.space()
        let host = try cursor.nstring().map(Array.init)
        try cursor.expect(UInt8(ascii: ")"), ") closing an address")
        return Envelope.Address(name: name, route: route, mailbox: mailbox, host: host)
    }

    /// envelope = "(" date SP subject SP from SP sender SP reply-to SP to SP cc SP bcc SP in-reply-to SP message-id ")"
    private static func envelope(_ cursor: inout Cursor) throws(IMAPParseError) -> Envelope {
        try cursor.expect(UInt8(ascii: "("), "( opening the envelope")
        func text(_ c: inout Cursor) throws(IMAPParseError) -> [UInt8]? { try c.nstring().map(Array.init) }
        let date = try text(&cursor)
        try cursor.space()
        let subject = try text(&cursor)
        var lists: [[Envelope.Address]] = []
        for _ in 0..<6 {
            try cursor.space()
            if cursor.skip("NIL") {
                lists.append([])
            } else {
                lists.append(
                    try cursor.list(separated: false, "addresses in one address list", limit: .addresses, address))
            }
        }
        try cursor.space()
        let inReplyTo = try text(&cursor)
        try cursor.space()
        let messageID = try text(&cursor)
        try cursor.expect(UInt8(ascii: ")"), ") closing the envelope")
        return Envelope(
            date: date, subject: subject, from: lists[0], sender: lists[1], replyTo: lists[2], to: lists[3],
            cc: lists[4],
            bcc: lists[5], inReplyTo: inReplyTo, messageID: messageID)
    }
}
