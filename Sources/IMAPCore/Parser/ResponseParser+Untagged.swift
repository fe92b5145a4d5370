extension ResponseParser {
    /// What follows `* `.
    static func untagged(_ cursor: inout Cursor) throws(IMAPParseError) -> UntaggedResponse {
        if let byte = cursor.peek, (0x30...0x39).contains(byte) { return try numbered(&cursor) }
        let begin = cursor.index
        let keyword = try cursor.atom().uppercased()
        switch keyword {
        case "OK", "NO", "BAD":
            cursor.index = begin
            return .state(try state(&cursor))
        case "PREAUTH": return .preauth(try responseText(.ok, &cursor))
        case "BYE": return .bye(try responseText(.ok, &cursor))
        case "CAPABILITY": return .capability(try capabilities(&cursor))
        case "ENABLED": return .enabled(try capabilities(&cursor))
        case "FLAGS":
            try cursor.space()
            return .flags(try flagList(&cursor))
        case "LIST", "LSUB":
            try cursor.space()
            let entry = try listEntry(&cursor)
            return keyword == "LIST" ? .list(entry) : .lsub(entry)
        case "STATUS":
            try cursor.space()
            let mailbox = MailboxName(raw: try cursor.astring())
            try cursor.space()
            var items: [String: UInt64] = [:]
            try cursor.expect(UInt8(ascii: "("), "( opening the STATUS items")
            while cursor.peek != UInt8(ascii: ")") {
                if !items.isEmpty { try cursor.space() }
                try cursor.checkCount(items.count, "STATUS items", .statusItems)
                let name = try cursor.atom().uppercased()
                try cursor.space()
                items[name] = try cursor.number()
            }
            cursor.index += 1
            return .status(mailbox: mailbox, items: items)
        case "SEARCH":
            var numbers: [UInt32] = []
            var modSeq: UInt64?
            while cursor.peek == UInt8(ascii: " ") {
                cursor.index += 1
                if cursor.peek == UInt8(ascii: "(") {
                    // CONDSTORE: (MODSEQ n) at the end.
                    cursor.index += 1
                    guard cursor.skip("MODSEQ ") else { throw cursor.error("expected MODSEQ") }
                    modSeq = try cursor.number()
                    try cursor.expect(UInt8(ascii: ")"), ")")
                } else {
                    try cursor.checkCount(numbers.count, "SEARCH results", .searchResults)
                    numbers.append(try cursor.number32())
                }
            }
            return .search(numbers, modSeq: modSeq)
        case "ESEARCH": return .esearch(try extendedSearch(&cursor))
        case "VANISHED":
            try cursor.space()
            let earlier = cursor.skip("(EARLIER) ")
            return .vanished(earlier: earlier, uids: try uidSet(&cursor))
        case "QUOTA":
            try cursor.space()
            let root = String(decoding: try cursor.astring(), as: UTF8.self)
            try cursor.space()
            let resources = try cursor.list { (c: inout Cursor) throws(IMAPParseError) -> QuotaResource in
                let name = try c.atom().uppercased()
                try c.space()
                let usage = try c.number()
                try c.space()
                return QuotaResource(name: name, usage: usage, limit: try c.number())
            }
            return .quota(root: root, resources: resources)
        case "QUOTAROOT":
            try cursor.space()
            let mailbox = MailboxName(raw: try cursor.astring())
            var roots: [String] = []
            while cursor.peek == UInt8(ascii: " ") {
                cursor.index += 1
                try cursor.checkCount(roots.count, "quota roots", .listItems)
                roots.append(String(decoding: try cursor.astring(), as: UTF8.self))
            }
            return .quotaRoot(mailbox: mailbox, roots: roots)
        case "NAMESPACE":
            try cursor.space()
            let personal = try namespaceList(&cursor)
            try cursor.space()
            let other = try namespaceList(&cursor)
            try cursor.space()
            return .namespace(Namespaces(personal: personal, otherUsers: other, shared: try namespaceList(&cursor)))
        case "ID":
            try cursor.space()
            if cursor.skip("NIL") { return .id(nil) }
            let strings = try cursor.list("ID field-value pairs", limit: .idFields, itemsPerEntry: 2) {
                (c: inout Cursor) throws(IMAPParseError) in try c.nstring().map { String(decoding: $0, as: UTF8.self) }
            }
            guard strings.count % 2 == 0 else { throw cursor.error("ID list with an odd number of strings") }
            var fields: [String: String] = [:]
            for pair in stride(from: 0, to: strings.count, by: 2) {
                if let key = strings[pair] { fields[key.lowercased()] = strings[pair + 1] ?? "" }
            }
            return .id(fields)
        default:
            throw .syntax("unknown untagged response \(keyword)", at: begin)
        }
    }

    /// number SP ("EXISTS" / "RECENT" / "EXPUNGE" / "FETCH" SP msg-att)
    private static func numbered(_ cursor: inout Cursor) throws(IMAPParseError) -> UntaggedResponse {
        let number = try cursor.number32()
        try cursor.space()
        let begin = cursor.index
        switch try cursor.atom().uppercased() {
        case "EXISTS": return .exists(number)
        case "RECENT": return .recent(number)
        case "EXPUNGE": return .expunge(number)
        case "FETCH":
            try cursor.space()
            return .fetch(sequence: number, attributes: try fetchAttributes(&cursor))
        default: throw .syntax("unknown message data", at: begin)
        }
    }

    /// "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox [SP "(" extended ")"]
    private static func listEntry(_ cursor: inout Cursor) throws(IMAPParseError) -> MailboxListEntry {
        let attributes = try flagList(&cursor)
        try cursor.space()
        var delimiter: UInt8?
        if !cursor.skip("NIL") {
            let quoted = try cursor.quoted()
            guard quoted.count == 1 else { throw cursor.error("a hierarchy delimiter is one character") }
            delimiter = quoted[0]
        }
        try cursor.space()
        let name = MailboxName(raw: try cursor.astring())
        var childInfo: [String] = []
        if cursor.peek == UInt8(ascii: " ") {
            cursor.index += 1
            try cursor.expect(UInt8(ascii: "("), "( opening LIST extended data")
            var count = 0
            while cursor.peek != UInt8(ascii: ")") {
                try cursor.checkCount(count, "LIST extended items", .listItems)
                count += 1
                let tag = String(decoding: try cursor.astring(), as: UTF8.self).uppercased()
                try cursor.space()
                if tag == "CHILDINFO" {
                    childInfo = try cursor.list { (c: inout Cursor) throws(IMAPParseError) in
                        String(decoding: try c.astring(), as: UTF8.self)
                    }
                } else {
                    try skipValue(&cursor)
                }
                if cursor.peek == UInt8(ascii: " ") { cursor.index += 1 }
            }
            cursor.index += 1
        }
        return MailboxListEntry(attributes: attributes, delimiter: delimiter, name: name, childInfo: childInfo)
    }

    /// "(" ["(" TAG string ")"] [SP "UID"] *(SP name SP value) — after ESEARCH.
    private static func extendedSearch(_ cursor: inout Cursor) throws(IMAPParseError) -> ExtendedSearchResult {
        var result = ExtendedSearchResult()
        if cursor.skip(" (TAG ") {
            result.tag = String(decoding: try cursor.string(), as: UTF8.self)
            try cursor.expect(UInt8(ascii: ")"), ") closing the search tag")
        }
        if cursor.skip(" UID") { result.isUID = true }
        var count = 0
        while cursor.peek == UInt8(ascii: " ") {
            cursor.index += 1
            try cursor.checkCount(count, "ESEARCH items", .listItems)
            count += 1
            let name = try cursor.atom().uppercased()
            try cursor.space()
            switch name {
            case "MIN": result.min = try cursor.number32()
            case "MAX": result.max = try cursor.number32()
            case "COUNT": result.count = try cursor.number32()
            case "ALL": result.all = try uidSet(&cursor)
            case "MODSEQ": result.modSeq = try cursor.number()
            default: try skipValue(&cursor)
            }
        }
        return result
    }

    /// NIL, or a list of ("prefix" "delimiter" *extension).
    private static func namespaceList(_ cursor: inout Cursor) throws(IMAPParseError) -> [Namespaces.Entry] {
        if cursor.skip("NIL") { return [] }
        return try cursor.list(separated: false) { (c: inout Cursor) throws(IMAPParseError) -> Namespaces.Entry in
            try c.expect(UInt8(ascii: "("), "( opening a namespace")
            let prefix = MailboxName(raw: Array(try c.string()))
            try c.space()
            var delimiter: UInt8?
            if !c.skip("NIL") { delimiter = try c.quoted().first }
            var count = 0
            while c.peek == UInt8(ascii: " ") {
                c.index += 1
                try c.checkCount(count, "namespace extension items", .listItems)
                count += 1
                try skipValue(&c)
            }
            try c.expect(UInt8(ascii: ")"), ") closing a namespace")
            return Namespaces.Entry(prefix: prefix, delimiter: delimiter)
        }
    }

    /// Skips any value: NIL, number, atom, string, or a (nested, bounded) list of them.
    static func skipValue(_ cursor: inout Cursor) throws(IMAPParseError) {
        switch cursor.peek {
        case UInt8(ascii: "("):
            _ = try cursor.list { (c: inout Cursor) throws(IMAPParseError) in try skipValue(&c) }
        case UInt8(ascii: "\""), UInt8(ascii: "{"):
            _ = try cursor.string()
        case UInt8(ascii: "\\"):
            _ = try flag(&cursor)
        default:
            _ = try cursor.atom(allowing: [UInt8(ascii: "]")])
        }
    }
}
