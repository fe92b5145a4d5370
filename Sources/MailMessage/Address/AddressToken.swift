/// The lexical units of RFC 5322 structured headers (3.2): atoms, quoted strings, comments, domain literals
/// and single special characters. Comments nest; their depth is bounded so hostile input stays linear.
///
/// A token points into the input; only quoted text with backslash pairs or line breaks gets a copy of its own,
/// so tokenizing allocates almost nothing.
struct AddressToken {
    enum Kind: Equatable {
        case atom
        case quoted
        case comment
        case domainLiteral
        case special(UInt8)
    }

    var kind: Kind
    /// Content without delimiters, in the input.
    var range: Range<Int>
    /// Content with quoted-pairs resolved, when that differs from the input.
    var unescaped: [UInt8]?
    var precededBySpace: Bool

    static let maxCommentDepth = 32
    /// `()<>[]:;@\\,."`: compared, not looked up in a table in a global, whose lazy initialisation was checked
    /// at every byte of every address (`swift_once` in `perf`).
    @inline(__always) private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "@"), UInt8(ascii: "\\"),
            UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "\""):
            true
        default: false
        }
    }

    /// The token's content bytes.
    func bytes(_ input: [UInt8]) -> ArraySlice<UInt8> {
        unescaped.map { $0[...] } ?? input[range]
    }

    static func tokenize(_ input: [UInt8]) -> [AddressToken] {
        var tokens: [AddressToken] = []
        // About one token per 4 bytes in real lists: the array does not grow in steps for a long To.
        tokens.reserveCapacity(min(input.count / 4 + 4, 1024))
        var index = 0
        let end = input.count
        var space = false
        while index < end {
            let byte = input[index]
            if ASCII.isLineWhitespace(byte) {
                space = true
                index += 1
                continue
            }
            switch byte {
            case ASCII.quote:
                let (range, unescaped, next) = delimited(input, from: index + 1, close: ASCII.quote)
                tokens.append(AddressToken(kind: .quoted, range: range, unescaped: unescaped, precededBySpace: space))
                index = next
            case ASCII.openParen:
                let (range, unescaped, next) = comment(input, from: index + 1)
                tokens.append(AddressToken(kind: .comment, range: range, unescaped: unescaped, precededBySpace: space))
                index = next
            case ASCII.openBracket:
                let (range, unescaped, next) = delimited(input, from: index + 1, close: ASCII.closeBracket)
                tokens.append(
                    AddressToken(kind: .domainLiteral, range: range, unescaped: unescaped, precededBySpace: space))
                index = next
            case _ where isSpecial(byte):
                tokens.append(AddressToken(kind: .special(byte), range: index..<(index + 1), precededBySpace: space))
                index += 1
            default:
                let start = index
                while index < end, !ASCII.isLineWhitespace(input[index]), !isSpecial(input[index]) {
                    index += 1
                }
                tokens.append(AddressToken(kind: .atom, range: start..<index, precededBySpace: space))
            }
            space = false
        }
        return tokens
    }

    /// Reads up to `close`; an unterminated run ends with the input. A copy is made only if backslash pairs
    /// or line breaks must be removed.
    private static func delimited(_ input: [UInt8], from start: Int, close: UInt8)
        -> (Range<Int>, [UInt8]?, Int)
    {
        var index = start
        var needsCopy = false
        while index < input.count, input[index] != close {
            let byte = input[index]
            if byte == ASCII.backslash || byte == ASCII.cr || byte == ASCII.lf { needsCopy = true }
            index += byte == ASCII.backslash ? 2 : 1
        }
        let end = min(index, input.count)
        let next = min(end + 1, input.count)
        return (start..<end, needsCopy ? unescape(input[start..<end]) : nil, next)
    }

    private static func comment(_ input: [UInt8], from start: Int) -> (Range<Int>, [UInt8]?, Int) {
        var depth = 1
        var index = start
        var needsCopy = false
        while index < input.count {
            let byte = input[index]
            if byte == ASCII.backslash {
                needsCopy = true
                index += 2
                continue
            }
            if byte == ASCII.openParen && depth < maxCommentDepth {
                depth += 1
            } else if byte == ASCII.closeParen {
                depth -= 1
                if depth == 0 { break }
            }
            if byte == ASCII.cr || byte == ASCII.lf { needsCopy = true }
            index += 1
        }
        let end = min(index, input.count)
        return (start..<end, needsCopy ? unescape(input[start..<end]) : nil, min(end + 1, input.count))
    }

    private static func unescape(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ASCII.backslash, index + 1 < bytes.endIndex {
                out.append(bytes[index + 1])
                index += 2
                continue
            }
            if byte != ASCII.cr && byte != ASCII.lf { out.append(byte) }
            index += 1
        }
        return out
    }
}
