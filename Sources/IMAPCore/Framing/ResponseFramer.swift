/// Cuts the bytes a server sends into whole responses, before any parsing: a response is a line, or several
/// lines joined by literals (`{N}` at a line's end announces N bytes that follow its CRLF).
///
/// Incremental: bytes are appended as they arrive, and `nextFrame()` either returns a complete response or nil
/// ("need more bytes"). The scan resumes where it stopped, so a 20 MB literal arriving in 1,000 pieces is
/// scanned once, not a thousand times. Limits are checked as bytes arrive, before they pile up.
public struct ResponseFramer: Sendable {
    public let limits: IMAPLimits
    private var buffer: [UInt8] = []
    /// Start of the current response in `buffer`.
    private var start = 0
    /// Where scanning resumes: the start of the line being looked at, or the end of a literal still arriving.
    private var scan = 0
    private var lineStart = 0
    private var literalEnd: Int?

    public init(limits: IMAPLimits = .default) {
        self.limits = limits
    }

    /// Bytes received and not yet returned in a frame.
    public var pendingBytes: Int { buffer.count - start }

    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
    }

    /// Removes and returns the bytes not yet framed, leaving the framer empty: after COMPRESS's OK they are
    /// compressed and must be inflated before they are framed.
    public mutating func takePendingBytes() -> [UInt8] {
        let pending = Array(buffer[start...])
        buffer = []
        start = 0
        scan = 0
        lineStart = 0
        literalEnd = nil
        return pending
    }

    /// The next complete response (its CRLF included), nil when more bytes are needed, or an error when the
    /// server went past a limit or sent something that cannot be framed (a bad literal announcement).
    public mutating func nextFrame() throws(IMAPParseError) -> [UInt8]? {
        while true {
            if let end = literalEnd {
                guard buffer.count >= end else { return nil }
                literalEnd = nil
                scan = end
                lineStart = end
            }
            guard let newline = buffer[scan...].firstIndex(of: UInt8(ascii: "\n")) else {
                scan = buffer.count
                try checkLine(upTo: buffer.count)
                return nil
            }
            try checkLine(upTo: newline)
            if let literal = try literalAnnouncement(lineEnd: newline) {
                guard literal <= limits.maxLiteralBytes else {
                    throw .limit("literal of \(literal) bytes is over the limit of \(limits.maxLiteralBytes)", at: newline - start)
                }
                let end = newline + 1 + literal
                guard end - start <= limits.maxResponseBytes else {
                    throw .limit("response is over the limit of \(limits.maxResponseBytes) bytes", at: newline - start)
                }
                literalEnd = end
                continue
            }
            let frame = Array(buffer[start...newline])
            start = newline + 1
            scan = start
            lineStart = start
            compact()
            return frame
        }
    }

    private func checkLine(upTo end: Int) throws(IMAPParseError) {
        if end - lineStart > limits.maxLineBytes {
            throw .limit("line longer than the limit of \(limits.maxLineBytes) bytes", at: lineStart - start)
        }
        if end - start > limits.maxResponseBytes {
            throw .limit("response is over the limit of \(limits.maxResponseBytes) bytes", at: end - start)
        }
    }

    /// The size announced by `{N}` or `{N+}` right before the CRLF ending at `lineEnd`, if any.
    private func literalAnnouncement(lineEnd: Int) throws(IMAPParseError) -> Int? {
        var index = lineEnd - 1
        if index >= lineStart, buffer[index] == UInt8(ascii: "\r") { index -= 1 }
        guard index >= lineStart, buffer[index] == UInt8(ascii: "}") else { return nil }
        var digitsEnd = index
        if digitsEnd - 1 >= lineStart, buffer[digitsEnd - 1] == UInt8(ascii: "+") { digitsEnd -= 1 }
        var digitsStart = digitsEnd
        while digitsStart - 1 >= lineStart, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(buffer[digitsStart - 1]) {
            digitsStart -= 1
        }
        guard digitsStart - 1 >= lineStart, buffer[digitsStart - 1] == UInt8(ascii: "{") else { return nil }
        guard digitsStart < digitsEnd, digitsEnd - digitsStart <= 12 else {
            throw .syntax("literal announcement without a usable size", at: digitsStart - start)
        }
        var value = 0
        for digit in buffer[digitsStart..<digitsEnd] { value = value * 10 + Int(digit - UInt8(ascii: "0")) }
        return value
    }

    /// Drops returned frames from the front of the buffer once they are a large part of it.
    private mutating func compact() {
        guard start > 64 << 10, start * 2 > buffer.count else { return }
        buffer.removeSubrange(0..<start)
        scan -= start
        lineStart -= start
        start = 0
    }
}
