/// Splits an mbox into messages as its bytes arrive, in pieces of any size, so that a file of any length (or a
/// gzip stream that inflates without end) is read in bounded memory: the current line up to
/// `separatorLineLimit` bytes, and the current message up to `maxMessageBytes`. The rules are `MboxFormat`'s,
/// and `MboxFormat.messageRanges` is this splitter run over a whole buffer, so the two cannot disagree.
public struct MboxSplitter {
    /// One message found: where it lies in the stream (separator line and the gap before the next one
    /// excluded), and its bytes, still `>From `-quoted; nil when it is larger than the limit (its size is the
    /// range's) or when the splitter keeps no bytes.
    public struct Piece: Sendable, Equatable {
        public let range: Range<Int>
        public let bytes: [UInt8]?
    }

    /// A `From ` line longer than this is text, not a separator (real ones are well under 1 KB); it also bounds
    /// the one line the splitter holds before it knows what the line is.
    public static let separatorLineLimit = 4096

    private let maxMessageBytes: Int
    private let keepsBytes: Bool
    /// Stream offset of the next byte fed, and of the current line's first byte.
    private var offset = 0
    private var lineStart = 0
    /// The current line while it may still be a separator or blank; nil once it is known to be text that went
    /// straight into the message.
    private var line: [UInt8]? = []
    private var previousLineEmpty = true
    /// The message being read: its start, size, kept bytes and last four bytes (for the separator gap).
    private var messageStart: Int?
    private var messageSize = 0
    private var message: [UInt8] = []
    private var tail: [UInt8] = []

    /// `keepsBytes: false` only finds the ranges (what `messageRanges` needs).
    public init(maxMessageBytes: Int, keepsBytes: Bool = true) {
        self.maxMessageBytes = maxMessageBytes
        self.keepsBytes = keepsBytes
    }

    /// Feeds the next bytes of the stream; `found` is called for every message they complete.
    public mutating func feed<E: Error>(_ bytes: ArraySlice<UInt8>, _ found: (Piece) throws(E) -> Void) throws(E) {
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline.map { $0 + 1 } ?? bytes.endIndex
            append(toLine: bytes[start..<end])
            offset += end - start
            if newline != nil { try endLine(found, terminated: true) }
            start = end
        }
    }

    /// Ends the stream: the last line and message, if any, are complete.
    public mutating func finish<E: Error>(_ found: (Piece) throws(E) -> Void) throws(E) {
        if offset > lineStart { try endLine(found, terminated: false) }
        if let start = messageStart { try emit(from: start, to: offset, found) }
        messageStart = nil
    }

    private mutating func append(toLine bytes: ArraySlice<UInt8>) {
        guard var held = line else {
            appendToMessage(bytes)
            return
        }
        line = nil  // Avoids a copy while `held` grows.
        held.append(contentsOf: bytes)
        if held.count > Self.separatorLineLimit {
            // Too long to be a separator, and not blank: text of the message (which it opens, if none is open).
            if messageStart == nil { messageStart = lineStart }
            appendToMessage(held[...])
            line = nil
        } else {
            line = held
        }
    }

    /// `terminated`: the line ends with LF. The last line of a stream without one is never a separator: a file
    /// with no LF at all (CR-only line ends, one enormous line) that starts with `From ` would otherwise be one
    /// "separator" and give no message, silently.
    private mutating func endLine<E: Error>(_ found: (Piece) throws(E) -> Void, terminated: Bool) throws(E) {
        defer {
            lineStart = offset
            line = []
        }
        guard let text = line else {
            previousLineEmpty = false
            return
        }
        if terminated && MboxFormat.isSeparator(text[...], afterEmptyLine: previousLineEmpty) {
            if let start = messageStart { try emit(from: start, to: lineStart, found) }
            messageStart = offset
            previousLineEmpty = false
            return
        }
        let blank = MboxFormat.isBlank(text[...])
        if messageStart == nil && !blank { messageStart = lineStart }  // No leading separator.
        if messageStart != nil { appendToMessage(text[...]) }
        previousLineEmpty = blank
    }

    private mutating func appendToMessage(_ bytes: ArraySlice<UInt8>) {
        messageSize += bytes.count
        // Two bytes beyond the limit may still be the gap before the next separator.
        if keepsBytes && messageSize <= maxMessageBytes + 2 { message.append(contentsOf: bytes) }
        tail.append(contentsOf: bytes.suffix(4))
        if tail.count > 4 { tail.removeFirst(tail.count - 4) }
    }

    /// The message ends before the empty line that precedes the next separator (LF or CRLF).
    private mutating func emit<E: Error>(from start: Int, to end: Int, _ found: (Piece) throws(E) -> Void) throws(E) {
        var gap = 0
        if messageSize >= 2 && tail.suffix(2).elementsEqual([10, 10]) {
            gap = 1
        } else if messageSize >= 4 && tail.elementsEqual([13, 10, 13, 10]) {
            gap = 2
        }
        let size = messageSize - gap
        let bytes: [UInt8]? = keepsBytes && size <= maxMessageBytes ? Array(message.prefix(size)) : nil
        message.removeAll(keepingCapacity: size <= 1 << 20)
        tail.removeAll(keepingCapacity: true)
        messageSize = 0
        guard end - gap > start else { return }
        try found(Piece(range: start..<(end - gap), bytes: bytes))
    }
}
