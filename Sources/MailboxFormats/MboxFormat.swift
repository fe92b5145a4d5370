/// The mbox format as mailsift reads and writes it: "mboxrd".
///
/// - A message starts after a `From ` separator line found at the start of the file, after an empty line, or
///   anywhere when the line has the separator's shape (`From sender date` ending in a four-digit year); a
///   stray `From ` inside a body that a careless writer did not quote therefore does not split a message. A
///   line longer than `MboxSplitter.separatorLineLimit` is never a separator.
/// - The empty line before the next separator belongs to the file, not to the message.
/// - Body lines `>From `, `>>From `… lose one `>` on reading and gain one on writing, so a message goes
///   out and back byte for byte. (archivemail and Python write "mboxo", which quotes only `From `; reading
///   such a file as mboxrd restores those lines, and turns an original `>From ` into `From ` — the
///   ambiguity mboxo has by nature.)
public enum MboxFormat {
    /// Byte ranges of the messages in `file`, separator lines excluded (`MboxSplitter` over the whole buffer).
    public static func messageRanges(_ file: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var splitter = MboxSplitter(maxMessageBytes: Int.max - 2, keepsBytes: false)
        splitter.feed(file[...]) { ranges.append($0.range) }
        splitter.finish { ranges.append($0.range) }
        return ranges
    }

    /// A message's bytes from its range: one level of `>From ` quoting removed.
    public static func unquote(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        transformLines(bytes) { line, output in
            if quotedFromDepth(line) > 0 {
                output.append(contentsOf: line.dropFirst())
            } else {
                output.append(contentsOf: line)
            }
        }
    }

    /// A message written into an mbox: separator line, quoted body, the empty line that ends it.
    public static func entry(_ message: [UInt8], sender: String, date: String) -> [UInt8] {
        var output = Array("From \(sender) \(date)\n".utf8)
        output += transformLines(message[...]) { line, output in
            if quotedFromDepth(line) >= 0 { output.append(UInt8(ascii: ">")) }
            output.append(contentsOf: line)
        }
        if output.last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// -1 when `line` is not `>*From `; else the number of `>` before `From `.
    private static func quotedFromDepth(_ line: ArraySlice<UInt8>) -> Int {
        var index = line.startIndex
        while index < line.endIndex && line[index] == UInt8(ascii: ">") { index += 1 }
        return line[index...].starts(with: fromPrefix) ? index - line.startIndex : -1
    }

    private static let fromPrefix = Array("From ".utf8)

    static func isSeparator(_ line: ArraySlice<UInt8>, afterEmptyLine: Bool) -> Bool {
        guard line.starts(with: fromPrefix) else { return false }
        if afterEmptyLine { return true }
        // The separator's shape: "From " token, then text ending in a year (asctime), e.g.
        // "From alice@example.org Thu Nov 26 18:15:28 2026".
        let text = line.dropFirst(5).prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
        guard text.count >= 10, let space = text.firstIndex(of: UInt8(ascii: " ")), space > text.startIndex else {
            return false
        }
        let year = text.suffix(4)
        return year.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            && text[text.endIndex - 5] == UInt8(ascii: " ")
    }

    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }

    private static func transformLines(
        _ bytes: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>, inout [UInt8]) -> Void
    ) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.endIndex
            body(bytes[start..<end], &output)
            start = end
        }
        return output
    }
}
