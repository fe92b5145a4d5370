/// `:matches` patterns (RFC 5228 2.7.1): `*` any sequence, `?` one character, `\` escapes the next one.
///
/// Each `*` takes the shortest text that lets the rest match, leftmost first, as Pigeonhole does; the
/// captures are what each wildcard took (RFC 5229 3.2). Backtracking is bounded by the step budget.
enum Wildcard {
    private enum Piece: Equatable {
        case literal(Character)
        case one
        case any
    }

    static func match(
        _ value: [Character], _ pattern: [Character], original: [Character], budget: inout StepBudget,
        captures: inout [String]
    ) throws(StepBudget.Exhausted) -> Bool {
        var pieces: [Piece] = []
        var index = 0
        while index < pattern.count {
            switch pattern[index] {
            case "*": pieces.append(.any)
            case "?": pieces.append(.one)
            case "\\" where index + 1 < pattern.count:
                index += 1
                pieces.append(.literal(pattern[index]))
            default: pieces.append(.literal(pattern[index]))
            }
            index += 1
        }
        var spans: [Range<Int>] = []
        guard try matchFrom(value, 0, pieces, 0, budget: &budget, spans: &spans) else { return false }
        captures = spans.map { String(original[$0]) }
        return true
    }

    private static func matchFrom(
        _ value: [Character], _ start: Int, _ pieces: [Piece], _ piece: Int, budget: inout StepBudget,
        spans: inout [Range<Int>]
    ) throws(StepBudget.Exhausted) -> Bool {
        var position = start
        var current = piece
        while current < pieces.count {
            try budget.spend()
            switch pieces[current] {
            case .literal(let character):
                guard position < value.count, value[position] == character else { return false }
                position += 1
            case .one:
                guard position < value.count else { return false }
                spans.append(position..<(position + 1))
                position += 1
            case .any:
                if current == pieces.count - 1 {
                    spans.append(position..<value.count)
                    return true
                }
                // Shortest first: try each length, keep the spans of the first that lets the rest match.
                for end in position...value.count {
                    var rest = spans + [position..<end]
                    if try matchFrom(value, end, pieces, current + 1, budget: &budget, spans: &rest) {
                        spans = rest
                        return true
                    }
                }
                return false
            }
            current += 1
        }
        return position == value.count
    }
}
