extension ResponseParser {
    /// resp-text-code, the part between the brackets.
    static func responseCode(_ cursor: inout Cursor) throws(IMAPParseError) -> ResponseCode {
        let name = try cursor.atom().uppercased()
        switch name {
        case "ALERT": return .alert
        case "PARSE": return .parse
        case "READ-ONLY": return .readOnly
        case "READ-WRITE": return .readWrite
        case "TRYCREATE": return .tryCreate
        case "NOMODSEQ": return .noModSeq
        case "OVERQUOTA": return .overQuota
        case "CLOSED": return .closed
        case "CAPABILITY":
            return .capability(try capabilities(&cursor))
        case "PERMANENTFLAGS":
            try cursor.space()
            return .permanentFlags(try flagList(&cursor))
        case "UIDNEXT", "UIDVALIDITY", "UNSEEN":
            try cursor.space()
            let value = try cursor.number32()
            return name == "UIDNEXT" ? .uidNext(value) : name == "UIDVALIDITY" ? .uidValidity(value) : .unseen(value)
        case "HIGHESTMODSEQ":
            try cursor.space()
            return .highestModSeq(try cursor.number())
        case "APPENDUID":
            try cursor.space()
            let validity = try cursor.number32()
            try cursor.space()
            return .appendUID(uidValidity: validity, uids: try uidSet(&cursor))
        case "COPYUID":
            try cursor.space()
            let validity = try cursor.number32()
            try cursor.space()
            let source = try uidSet(&cursor)
            try cursor.space()
            return .copyUID(uidValidity: validity, source: source, destination: try uidSet(&cursor))
        default:
            // Unknown code: keep its argument text up to the closing bracket.
            guard cursor.peek == UInt8(ascii: " ") else { return .other(name, nil) }
            cursor.index += 1
            let begin = cursor.index
            while let byte = cursor.peek, byte != UInt8(ascii: "]"), !cursor.atLineEnd { cursor.index += 1 }
            return .other(name, String(decoding: cursor.bytes[begin..<cursor.index], as: UTF8.self))
        }
    }

    /// *(SP capability) up to the end of the line or a closing bracket.
    static func capabilities(_ cursor: inout Cursor) throws(IMAPParseError) -> [String] {
        var names: [String] = []
        while cursor.peek == UInt8(ascii: " ") {
            cursor.index += 1
            try cursor.checkCount(names.count, "capabilities", .capabilities)
            names.append(try cursor.atom())
        }
        return names
    }
}
