/// The lexical units of RFC 5322 structured headers (3.2): atoms, quoted strings, comments, domain literals
/// and single special characters. Comments nest; their depth is bounded so hostile input stays linear.
struct AddressToken {
    enum Kind: Equatable {
        case atom
        case quoted
        case comment
        case domainLiteral
        case special(UInt8)
    }

    var kind: Kind
    /// Content without delimiters and with quoted-pairs resolved.
    var bytes: [UInt8]
    var precededBySpace: Bool

    static let maxCommentDepth = 32
    private static let specials: Set<UInt8> = Set("()<>[]:;@\\,.\"".utf8)

    static func tokenize<Bytes: RandomAccessCollection>(_ input: Bytes) -> [AddressToken]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var tokens: [AddressToken] = []
        var index = input.startIndex
        let end = input.endIndex
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
                let (content, next) = delimited(input, from: index + 1, close: ASCII.quote)
                tokens.append(AddressToken(kind: .quoted, bytes: content, precededBySpace: space))
                index = next
            case ASCII.openParen:
                let (content, next) = comment(input, from: index + 1)
                tokens.append(AddressToken(kind: .comment, bytes: content, precededBySpace: space))
                index = next
            case ASCII.openBracket:
                let (content, next) = delimited(input, from: index + 1, close: ASCII.closeBracket)
                tokens.append(AddressToken(kind: .domainLiteral, bytes: content, precededBySpace: space))
                index = next
            case _ where specials.contains(byte):
                tokens.append(AddressToken(kind: .special(byte), bytes: [byte], precededBySpace: space))
                index += 1
            default:
                let start = index
                while index < end, !ASCII.isLineWhitespace(input[index]), !specials.contains(input[index]) {
                    index += 1
                }
                tokens.append(AddressToken(kind: .atom, bytes: Array(input[start..<index]), precededBySpace: space))
            }
            space = false
        }
        return tokens
    }

    /// Reads up to `close`, resolving backslash pairs; an unterminated run ends with the input.
    private static func delimited<Bytes: RandomAccessCollection>(_ input: Bytes, from start: Int, close: UInt8)
        -> ([UInt8], Int) where Bytes.Element == UInt8, Bytes.Index == Int
    {
        var content: [UInt8] = []
        var index = start
        while index < input.endIndex {
            let byte = input[index]
            if byte == close { return (content, index + 1) }
            if byte == ASCII.backslash, index + 1 < input.endIndex {
                content.append(input[index + 1])
                index += 2
                continue
            }
            if byte != ASCII.cr && byte != ASCII.lf { content.append(byte) }
            index += 1
        }
        return (content, index)
    }

    private static func comment<Bytes: RandomAccessCollection>(_ input: Bytes, from start: Int) -> ([UInt8], Int)
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var content: [UInt8] = []
        var depth = 1
        var index = start
        while index < input.endIndex {
            let byte = input[index]
            if byte == ASCII.backslash, index + 1 < input.endIndex {
                content.append(input[index + 1])
                index += 2
                continue
            }
            if byte == ASCII.openParen && depth < maxCommentDepth {
                depth += 1
            } else if byte == ASCII.closeParen {
                depth -= 1
                if depth == 0 { return (content, index + 1) }
            }
            content.append(byte)
            index += 1
        }
        return (content, index)
    }
}
