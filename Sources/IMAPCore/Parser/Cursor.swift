/// Reads the tokens of one complete response (a frame from `ResponseFramer`): atoms, numbers, quoted strings,
/// literals, NIL, lists. Every failure is an `IMAPParseError` naming the offset; nothing here can run past the
/// frame, and list nesting is bounded.
struct Cursor {
    let bytes: [UInt8]
    var index = 0
    let limits: IMAPLimits
    var depth = 0

    init(_ bytes: [UInt8], limits: IMAPLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    var atLineEnd: Bool { peek == nil || peek == UInt8(ascii: "\r") || peek == UInt8(ascii: "\n") }

    func error(_ message: String) -> IMAPParseError { .syntax(message, at: index) }

    mutating func expect(_ byte: UInt8, _ what: String) throws(IMAPParseError) {
        guard peek == byte else { throw error("expected \(what)") }
        index += 1
    }

    mutating func space() throws(IMAPParseError) { try expect(UInt8(ascii: " "), "a space") }

    /// Consumes `text` (case-insensitive) if it comes next.
    mutating func skip(_ text: String) -> Bool {
        let wanted = Array(text.utf8)
        guard index + wanted.count <= bytes.count else { return false }
        for (offset, byte) in wanted.enumerated() where Self.upper(bytes[index + offset]) != Self.upper(byte) {
            return false
        }
        index += wanted.count
        return true
    }

    static func upper(_ byte: UInt8) -> UInt8 { (0x61...0x7A).contains(byte) ? byte - 0x20 : byte }

    mutating func lineEnd() throws(IMAPParseError) {
        if peek == UInt8(ascii: "\r") { index += 1 }
        guard peek == UInt8(ascii: "\n") else { throw error("expected the end of the line") }
        index += 1
        guard index == bytes.count else { throw error("bytes after the end of the response") }
    }

    /// atom-char: any CHAR except atom-specials; `extra` allows more (`]` is excluded by default, `[` allowed).
    static func isAtomChar(_ byte: UInt8, allowing extra: Set<UInt8> = []) -> Bool {
        if extra.contains(byte) { return true }
        guard byte > 0x20, byte < 0x7F else { return false }
        return !"(){ %*\"\\]".utf8.contains(byte)
    }

    mutating func atom(allowing extra: Set<UInt8> = []) throws(IMAPParseError) -> String {
        let begin = index
        while let byte = peek, Self.isAtomChar(byte, allowing: extra) { index += 1 }
        guard index > begin else { throw error("expected an atom") }
        return String(decoding: bytes[begin..<index], as: UTF8.self)
    }

    mutating func number() throws(IMAPParseError) -> UInt64 {
        let begin = index
        var value: UInt64 = 0
        while let byte = peek, (0x30...0x39).contains(byte) {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow1, !overflow2 else { throw error("number too large") }
            value = sum
            index += 1
        }
        guard index > begin else { throw error("expected a number") }
        return value
    }

    mutating func number32() throws(IMAPParseError) -> UInt32 {
        let value = try number()
        guard value <= UInt64(UInt32.max) else { throw error("number larger than 32 bits") }
        return UInt32(value)
    }

    /// quoted = DQUOTE *QUOTED-CHAR DQUOTE, with \\ and \" escapes; UTF-8 allowed (UTF8=ACCEPT).
    mutating func quoted() throws(IMAPParseError) -> [UInt8] {
        try expect(UInt8(ascii: "\""), "a quoted string")
        var value: [UInt8] = []
        while true {
            guard let byte = peek, byte != UInt8(ascii: "\r"), byte != UInt8(ascii: "\n") else {
                throw error("quoted string not closed")
            }
            index += 1
            if byte == UInt8(ascii: "\"") { return value }
            if byte == UInt8(ascii: "\\") {
                guard let escaped = peek, escaped == UInt8(ascii: "\\") || escaped == UInt8(ascii: "\"") else {
                    throw error("bad escape in a quoted string")
                }
                index += 1
                value.append(escaped)
            } else {
                value.append(byte)
            }
        }
    }

    /// literal = "{" number ["+"] "}" CRLF *OCTET (the framer made sure the bytes are all here).
    mutating func literal() throws(IMAPParseError) -> ArraySlice<UInt8> {
        try expect(UInt8(ascii: "{"), "a literal")
        let size = try number()
        _ = skip("+")
        try expect(UInt8(ascii: "}"), "} after a literal's size")
        if peek == UInt8(ascii: "\r") { index += 1 }
        try expect(UInt8(ascii: "\n"), "a line end after a literal's size")
        guard size <= UInt64(bytes.count - index) else { throw error("literal runs past the response") }
        let value = bytes[index..<index + Int(size)]
        index += Int(size)
        return value
    }

    /// string = quoted / literal
    mutating func string() throws(IMAPParseError) -> ArraySlice<UInt8> {
        peek == UInt8(ascii: "{") ? try literal() : try quoted()[...]
    }

    /// nstring = string / NIL
    mutating func nstring() throws(IMAPParseError) -> ArraySlice<UInt8>? {
        if skip("NIL") { return nil }
        return try string()
    }

    /// astring = 1*ASTRING-CHAR / string (ASTRING-CHAR = ATOM-CHAR / "]")
    mutating func astring() throws(IMAPParseError) -> [UInt8] {
        if peek == UInt8(ascii: "\"") || peek == UInt8(ascii: "{") { return Array(try string()) }
        return Array(try atom(allowing: [UInt8(ascii: "]")]).utf8)
    }

    /// The error for a list with more items than `limit` allows, naming the limit to raise.
    func tooMany(_ what: String, _ limit: IMAPLimits.Count) -> IMAPParseError {
        .limit("more than \(limit.value(in: limits)) \(what) (IMAPLimits.\(limit.name))", at: index)
    }

    /// Checks that a list about to get its `count + 1`th item stays within `limit`.
    func checkCount(_ count: Int, _ what: String, _ limit: IMAPLimits.Count) throws(IMAPParseError) {
        guard count < limit.value(in: limits) else { throw tooMany(what, limit) }
    }

    /// "(" [item *(SP item)] ")", or "(" *item ")" when `separated` is false (address lists, namespaces);
    /// nesting bounded by the limits, and the number of items by `limit` (`what` names them in the error;
    /// with `itemsPerEntry` 2, the limit counts pairs of items, as ID's field-value pairs).
    mutating func list<T>(
        separated: Bool = true, _ what: String = "items in one list", limit: IMAPLimits.Count = .listItems,
        itemsPerEntry: Int = 1, _ item: (inout Cursor) throws(IMAPParseError) -> T
    ) throws(IMAPParseError) -> [T] {
        try expect(UInt8(ascii: "("), "(")
        depth += 1
        defer { depth -= 1 }
        guard depth <= limits.maxNesting else {
            throw .limit("lists nested deeper than \(limits.maxNesting)", at: index)
        }
        var items: [T] = []
        if peek == UInt8(ascii: ")") {
            index += 1
            return items
        }
        while true {
            try checkCount(items.count / itemsPerEntry, what, limit)
            items.append(try item(&self))
            if peek == UInt8(ascii: ")") {
                index += 1
                return items
            }
            if separated { try space() }
        }
    }

    /// The rest of the line as text (resp-text's text), without the CRLF.
    mutating func text() -> String {
        let begin = index
        while !atLineEnd { index += 1 }
        return String(decoding: bytes[begin..<index], as: UTF8.self)
    }
}
