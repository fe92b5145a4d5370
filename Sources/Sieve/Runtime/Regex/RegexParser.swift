/// Parses POSIX extended regular expressions as glibc's `regcomp(REG_EXTENDED)` reads them, since that is
/// what Pigeonhole (and mailsift before its own engine) gave `:regex`: the same patterns are accepted and
/// refused, with these exceptions, all refused with a reason: back-references (`\1`…`\9`, exponential),
/// repetition counts above `maxCount`, groups nested deeper than `maxGroupDepth`, and collating elements of
/// more than one character. GNU operators that glibc accepts in ERE are kept: `\w \W \s \S \b \B \< \>`.
/// A backslash inside a bracket expression is an ordinary character, as POSIX says.
struct RegexParser {
    /// POSIX's RE_DUP_MAX; glibc allows more, but a count is also a multiplier of the program's size.
    static let maxCount = 255
    static let maxGroupDepth = 32
    /// Repetition operators applied one after another (`a*+?`): each is a level of the syntax tree.
    static let maxStackedRepetitions = 4

    private let bytes: [UInt8]
    private let ignoringCase: Bool
    private var index = 0
    private var depth = 0
    private(set) var groupCount = 0

    init(_ pattern: [UInt8], ignoringCase: Bool) {
        bytes = pattern
        self.ignoringCase = ignoringCase
    }

    mutating func parse() throws(RegexProblem) -> RegexNode {
        try alternation()
    }

    private func problem(_ message: String, at offset: Int) -> RegexProblem {
        RegexProblem(message: "\(message) (at character \(offset + 1) of the regular expression)")
    }

    private mutating func alternation() throws(RegexProblem) -> RegexNode {
        var branches = [try branch()]
        while index < bytes.count, bytes[index] == UInt8(ascii: "|") {
            index += 1
            branches.append(try branch())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func branch() throws(RegexProblem) -> RegexNode {
        var items: [RegexNode] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "|") || (byte == UInt8(ascii: ")") && depth > 0) { break }
            items.append(try piece())
        }
        return items.count == 1 ? items[0] : .concatenation(items)
    }

    private static func isRepetition(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "{")
    }

    private mutating func piece() throws(RegexProblem) -> RegexNode {
        if Self.isRepetition(bytes[index]) {
            throw problem("'\(Character(Unicode.Scalar(bytes[index])))' has nothing before it to repeat", at: index)
        }
        var node = try atom()
        let isAssertion: Bool = if case .assertion = node { true } else { false }
        var stacked = 0
        while index < bytes.count, Self.isRepetition(bytes[index]) {
            if isAssertion {
                throw problem("an anchor (^, $, \\b, \\<, \\>…) cannot be repeated", at: index)
            }
            stacked += 1
            if stacked > Self.maxStackedRepetitions {
                throw problem("more than \(Self.maxStackedRepetitions) repetition operators in a row", at: index)
            }
            let (minimum, maximum) = try repetition()
            node = .repetition(node, minimum: minimum, maximum: maximum)
        }
        return node
    }

    /// `*`, `+`, `?` or `{m}`, `{m,}`, `{,n}`, `{m,n}`.
    private mutating func repetition() throws(RegexProblem) -> (Int, Int?) {
        let open = index
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "*"): return (0, nil)
        case UInt8(ascii: "+"): return (1, nil)
        case UInt8(ascii: "?"): return (0, 1)
        default: break
        }
        func number(_ parser: inout RegexParser) throws(RegexProblem) -> Int? {
            var value: Int?
            while parser.index < parser.bytes.count, parser.bytes[parser.index] >= 0x30,
                parser.bytes[parser.index] <= 0x39
            {
                value = min((value ?? 0) * 10 + Int(parser.bytes[parser.index] - 0x30), 1_000_000)
                parser.index += 1
            }
            if let value, value > Self.maxCount {
                throw parser.problem("repetition counts above \(Self.maxCount) are not allowed", at: open)
            }
            return value
        }
        let minimum = try number(&self)
        var maximum = minimum
        var unbounded = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
            index += 1
            maximum = try number(&self)
            unbounded = maximum == nil
        }
        guard index < bytes.count else { throw problem("'{' is not closed by '}'", at: open) }
        guard bytes[index] == UInt8(ascii: "}"), minimum != nil || maximum != nil || unbounded else {
            throw problem("a repetition count must be {m}, {m,}, {,n} or {m,n}", at: open)
        }
        index += 1
        let low = minimum ?? 0
        if let maximum, maximum < low {
            throw problem("in {\(low),\(maximum)} the second count is smaller than the first", at: open)
        }
        return (low, unbounded ? nil : maximum)
    }

    private func literal(_ byte: UInt8) -> RegexNode {
        let lower = byte | 0x20
        if ignoringCase, lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") {
            return .set(ByteSet([lower, lower & ~0x20]))
        }
        return .byte(byte)
    }

    private mutating func atom() throws(RegexProblem) -> RegexNode {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "("):
            let open = index
            index += 1
            depth += 1
            guard depth <= Self.maxGroupDepth else {
                throw problem("groups are nested more than \(Self.maxGroupDepth) deep", at: open)
            }
            groupCount += 1
            let number = groupCount
            let inner = try alternation()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ")") else {
                throw problem("'(' is not closed by ')'", at: open)
            }
            index += 1
            depth -= 1
            return .group(inner, number: number)
        case UInt8(ascii: "["):
            return .set(try bracket())
        case UInt8(ascii: "."):
            index += 1
            return .set(.all)
        case UInt8(ascii: "^"):
            index += 1
            return .assertion(.start)
        case UInt8(ascii: "$"):
            index += 1
            return .assertion(.end)
        case UInt8(ascii: "\\"):
            return try escape()
        default:
            index += 1  // `)` outside any group, `}` and `]` are ordinary characters, as in glibc
            return literal(byte)
        }
    }

    private mutating func escape() throws(RegexProblem) -> RegexNode {
        let at = index
        index += 1
        guard index < bytes.count else { throw problem("the regular expression ends with a lone backslash", at: at) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "w"): return .set(.word)
        case UInt8(ascii: "W"): return .set(ByteSet.word.inverted)
        case UInt8(ascii: "s"): return .set(ByteSet.named("space")!)
        case UInt8(ascii: "S"): return .set(ByteSet.named("space")!.inverted)
        case UInt8(ascii: "b"): return .assertion(.wordBoundary)
        case UInt8(ascii: "B"): return .assertion(.notWordBoundary)
        case UInt8(ascii: "<"): return .assertion(.wordStart)
        case UInt8(ascii: ">"): return .assertion(.wordEnd)
        case UInt8(ascii: "`"): return .assertion(.start)
        case UInt8(ascii: "'"): return .assertion(.end)
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            throw problem(
                "back-references (\\\(Character(Unicode.Scalar(byte)))) are not allowed: they can make matching take exponential time",
                at: at)
        default: return literal(byte)
        }
    }

    /// `[…]` and `[^…]` with ranges, `[:class:]`, `[.c.]` and `[=c=]` (one character each).
    private mutating func bracket() throws(RegexProblem) -> ByteSet {
        let open = index
        index += 1
        var negated = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") {
            negated = true
            index += 1
        }
        var set = ByteSet()
        var first = true
        while true {
            guard index < bytes.count else { throw problem("'[' is not closed by ']'", at: open) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "]"), !first {
                index += 1
                break
            }
            first = false
            let start = try bracketElement(open: open)
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
                let dash = index
                guard case .byte(let low) = start else {
                    throw problem("a character class cannot start a range", at: dash)
                }
                index += 1
                guard case .byte(let high) = try bracketElement(open: open) else {
                    throw problem("a character class cannot end a range", at: dash)
                }
                guard low <= high else {
                    throw problem("the range \(Self.describe(low))-\(Self.describe(high)) is backwards", at: dash)
                }
                set.insert(low...high)
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), bytes[index + 1] != UInt8(ascii: "]") {
                    throw problem("a range cannot start where another ends", at: index)
                }
            } else {
                switch start {
                case .byte(let value): set.insert(value)
                case .set(let members): set.formUnion(members)
                }
            }
        }
        if ignoringCase { set = set.caseClosed }
        return negated ? set.inverted : set
    }

    private enum BracketElement {
        case byte(UInt8)
        case set(ByteSet)
    }

    private mutating func bracketElement(open: Int) throws(RegexProblem) -> BracketElement {
        let byte = bytes[index]
        guard byte == UInt8(ascii: "["), index + 1 < bytes.count,
            [UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "=")].contains(bytes[index + 1])
        else {
            index += 1
            return .byte(byte)
        }
        let kind = bytes[index + 1]
        var end = index + 2
        while end + 1 < bytes.count, !(bytes[end] == kind && bytes[end + 1] == UInt8(ascii: "]")) { end += 1 }
        guard end + 1 < bytes.count else { throw problem("'[' is not closed by ']'", at: open) }
        let name = Array(bytes[(index + 2)..<end])
        let at = index
        index = end + 2
        if kind == UInt8(ascii: ":") {
            let text = String(decoding: name, as: UTF8.self)
            guard let set = ByteSet.named(text) else {
                throw problem(
                    "[:\(text):] is not a character class (alpha, digit, alnum, upper, lower, space, blank, punct, print, graph, cntrl, xdigit)",
                    at: at)
            }
            return .set(set)
        }
        guard name.count == 1 else {
            throw problem("only single characters can be named in [.….] and [=…=]", at: at)
        }
        return .byte(name[0])
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "\\x" + String(byte, radix: 16)
    }
}
