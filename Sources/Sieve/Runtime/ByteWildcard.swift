/// `:matches` on UTF-8 bytes, for the comparators that compare bytes (`i;octet`, `i;ascii-casemap`): the same
/// rules as `Wildcard` (shortest `*` first, `?` one character, `\` escapes) without building Character
/// arrays. `?` takes one whole UTF-8 sequence, never part of one.
enum ByteWildcard {
    private enum Piece: Equatable {
        case byte(UInt8)
        case one
        case any
    }

    static func match(
        _ value: String, _ pattern: String, fold: Bool, budget: inout StepBudget, captures: inout [String]
    ) throws(StepBudget.Exhausted) -> Bool {
        var pieces: [Piece] = []
        let patternBytes = Array(pattern.utf8)
        var index = 0
        while index < patternBytes.count {
            let byte = patternBytes[index]
            switch byte {
            case UInt8(ascii: "*"): pieces.append(.any)
            case UInt8(ascii: "?"): pieces.append(.one)
            case UInt8(ascii: "\\") where index + 1 < patternBytes.count:
                index += 1
                pieces.append(.byte(fold ? ASCIIFold.lower(patternBytes[index]) : patternBytes[index]))
            default: pieces.append(.byte(fold ? ASCIIFold.lower(byte) : byte))
            }
            index += 1
        }
        let bytes = Array(value.utf8)
        var spans: [Range<Int>] = []
        guard try matchFrom(bytes, 0, pieces, 0, fold: fold, budget: &budget, spans: &spans) else { return false }
        captures = spans.map { String(decoding: bytes[$0], as: UTF8.self) }
        return true
    }

    /// Length of the UTF-8 sequence starting with `lead` (1 for a stray continuation byte).
    @inline(__always) private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    private static func matchFrom(
        _ value: [UInt8], _ start: Int, _ pieces: [Piece], _ piece: Int, fold: Bool, budget: inout StepBudget,
        spans: inout [Range<Int>]
    ) throws(StepBudget.Exhausted) -> Bool {
        var position = start
        var current = piece
        while current < pieces.count {
            try budget.spend()
            switch pieces[current] {
            case .byte(let expected):
                guard position < value.count else { return false }
                let actual = fold ? ASCIIFold.lower(value[position]) : value[position]
                guard actual == expected else { return false }
                position += 1
            case .one:
                guard position < value.count else { return false }
                let end = min(value.count, position + sequenceLength(value[position]))
                spans.append(position..<end)
                position = end
            case .any:
                if current == pieces.count - 1 {
                    spans.append(position..<value.count)
                    return true
                }
                // Shortest first; a `*` never ends inside a UTF-8 sequence.
                var end = position
                while end <= value.count {
                    if end == value.count || value[end] & 0xC0 != 0x80 {
                        var rest = spans
                        rest.append(position..<end)
                        if try matchFrom(value, end, pieces, current + 1, fold: fold, budget: &budget, spans: &rest) {
                            spans = rest
                            return true
                        }
                    }
                    end += 1
                }
                return false
            }
            current += 1
        }
        return position == value.count
    }
}
