/// Turns the bytes from a server into `Response` values, incrementally.
///
/// Feed it bytes with `append(_:)` as they arrive and call `next()` until it returns nil: nil means "need more
/// bytes"; an `IMAPParseError` means the server sent something invalid or past a limit (the connection should
/// be closed: there is no safe way to find the next response). Framing (`ResponseFramer`) and grammar are
/// separate, so the grammar always sees a whole response and never has to guess whether bytes are missing.
public struct ResponseParser: Sendable {
    private var framer: ResponseFramer
    public var limits: IMAPLimits { framer.limits }

    public init(limits: IMAPLimits = .default) {
        framer = ResponseFramer(limits: limits)
    }

    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        framer.append(bytes)
    }

    /// Bytes received that do not yet make a whole response.
    public var pendingBytes: Int { framer.pendingBytes }

    /// Removes and returns the bytes received that do not yet make a whole response (see
    /// `ResponseFramer.takePendingBytes`).
    public mutating func takePendingBytes() -> [UInt8] { framer.takePendingBytes() }

    public mutating func next() throws(IMAPParseError) -> Response? {
        guard let frame = try framer.nextFrame() else { return nil }
        return try Self.parse(frame, limits: limits)
    }

    /// Parses one complete response (CRLF included).
    public static func parse(_ frame: [UInt8], limits: IMAPLimits = .default) throws(IMAPParseError) -> Response {
        var cursor = Cursor(frame, limits: limits)
        let response: Response
        if cursor.skip("+") {
            if cursor.peek == UInt8(ascii: " ") { cursor.index += 1 }
            response = .continuation(cursor.text())
        } else if cursor.skip("* ") {
            response = .untagged(try untagged(&cursor))
        } else {
            let tag = try cursor.atom(allowing: [])
            guard tag != "*" && tag != "+" else { throw cursor.error("bad tag") }
            try cursor.space()
            response = .tagged(TaggedResponse(tag: tag, state: try state(&cursor)))
        }
        try cursor.lineEnd()
        return response
    }

    /// ("OK" / "NO" / "BAD") SP resp-text
    static func state(_ cursor: inout Cursor) throws(IMAPParseError) -> ResponseState {
        let kind: ResponseState.Kind
        if cursor.skip("OK") {
            kind = .ok
        } else if cursor.skip("NO") {
            kind = .no
        } else if cursor.skip("BAD") {
            kind = .bad
        } else {
            throw cursor.error("expected OK, NO or BAD")
        }
        return try responseText(kind, &cursor)
    }

    /// [SP] ["[" resp-text-code "]" [SP]] text — tolerant of servers that omit the text.
    static func responseText(_ kind: ResponseState.Kind, _ cursor: inout Cursor) throws(IMAPParseError) -> ResponseState
    {
        if cursor.atLineEnd { return ResponseState(kind: kind, code: nil, text: "") }
        try cursor.space()
        var code: ResponseCode?
        if cursor.peek == UInt8(ascii: "[") {
            cursor.index += 1
            code = try responseCode(&cursor)
            try cursor.expect(UInt8(ascii: "]"), "] closing the response code")
            if cursor.peek == UInt8(ascii: " ") { cursor.index += 1 }
        }
        return ResponseState(kind: kind, code: code, text: cursor.text())
    }

    /// A flag: `\Seen`, `$Label1`, `\*` (in PERMANENTFLAGS) or a keyword atom.
    static func flag(_ cursor: inout Cursor) throws(IMAPParseError) -> String {
        if cursor.skip("\\*") { return "\\*" }
        if cursor.peek == UInt8(ascii: "\\") {
            cursor.index += 1
            return "\\" + (try cursor.atom())
        }
        return try cursor.atom()
    }

    /// "(" flags ")", at most `maxFlags` of them.
    static func flagList(_ cursor: inout Cursor) throws(IMAPParseError) -> [String] {
        try cursor.list("flags in one list", limit: .flags, flag)
    }

    /// sequence-set as in responses: numbers and ranges separated by commas.
    static func uidSet(_ cursor: inout Cursor) throws(IMAPParseError) -> UIDSet {
        var ranges: [ClosedRange<UInt32>] = []
        repeat {
            try cursor.checkCount(ranges.count, "ranges in one set", .setRanges)
            let first = try setNumber(&cursor)
            var last = first
            if cursor.skip(":") { last = try setNumber(&cursor) }
            ranges.append(min(first, last)...max(first, last))
        } while cursor.skip(",")
        return UIDSet(ranges)
    }

    private static func setNumber(_ cursor: inout Cursor) throws(IMAPParseError) -> UInt32 {
        if cursor.skip("*") { return UInt32.max }
        return try cursor.number32()
    }
}
