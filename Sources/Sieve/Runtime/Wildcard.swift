/// `:matches` patterns (RFC 5228 2.7.1): `*` any sequence, `?` one character, `\` escapes the next one.
///
/// Each `*` takes the shortest text that lets the rest match, leftmost first, as Pigeonhole does; the
/// captures are what each wildcard took (RFC 5229 3.2). Backtracking is bounded by the step budget.
///
/// One algorithm over two kinds of unit: UTF-8 bytes for the comparators that compare bytes (`i;octet`,
/// `i;ascii-casemap`: no Character arrays to build), and Characters for `i;unicode-casemap`.
enum Wildcard {
    /// Matches with byte units: `?` takes one whole UTF-8 sequence and a `*` never ends inside one.
    static func matchBytes(
        _ value: String, _ pattern: String, fold: Bool, budget: inout StepBudget, captures: inout [String]
    ) throws(StepBudget.Exhausted) -> Bool {
        let bytes = Array(value.utf8)
        let units = Units<UInt8>(
            fold: { fold ? ASCIIFold.lower($0) : $0 },
            length: { value, at in
                switch value[at] {
                case 0xF0...: min(4, value.count - at)
                case 0xE0...: min(3, value.count - at)
                case 0xC0...: min(2, value.count - at)
                default: 1
                }
            },
            isBoundary: { value, at in at == value.count || value[at] & 0xC0 != 0x80 })
        var spans: [Range<Int>] = []
        guard try match(bytes, Array(pattern.utf8), units, star: UInt8(ascii: "*"), one: UInt8(ascii: "?"),
            escape: UInt8(ascii: "\\"), budget: &budget, spans: &spans)
        else { return false }
        captures = spans.map { String(decoding: bytes[$0], as: UTF8.self) }
        return true
    }

    /// Matches with Character units, each folded by `fold` (Unicode case folding for i;unicode-casemap).
    static func matchCharacters(
        _ value: String, _ pattern: String, fold: @escaping (Character) -> Character, budget: inout StepBudget,
        captures: inout [String]
    ) throws(StepBudget.Exhausted) -> Bool {
        let characters = Array(value)
        let units = Units<Character>(fold: fold, length: { _, _ in 1 }, isBoundary: { _, _ in true })
        var spans: [Range<Int>] = []
        guard try match(characters, Array(pattern), units, star: "*", one: "?", escape: "\\", budget: &budget, spans: &spans)
        else { return false }
        captures = spans.map { String(characters[$0]) }
        return true
    }

    /// What differs between byte and Character matching.
    private struct Units<Unit: Equatable> {
        var fold: (Unit) -> Unit
        /// How many units `?` takes at a position.
        var length: ([Unit], Int) -> Int
        /// Whether a `*` may end at a position.
        var isBoundary: ([Unit], Int) -> Bool
    }

    private enum Piece<Unit: Equatable>: Equatable {
        case unit(Unit)
        case one
        case any
    }

    private static func match<Unit: Equatable>(
        _ value: [Unit], _ pattern: [Unit], _ units: Units<Unit>, star: Unit, one: Unit, escape: Unit,
        budget: inout StepBudget, spans: inout [Range<Int>]
    ) throws(StepBudget.Exhausted) -> Bool {
        var pieces: [Piece<Unit>] = []
        var index = 0
        while index < pattern.count {
            let unit = pattern[index]
            if unit == star {
                pieces.append(.any)
            } else if unit == one {
                pieces.append(.one)
            } else if unit == escape, index + 1 < pattern.count {
                index += 1
                pieces.append(.unit(units.fold(pattern[index])))
            } else {
                pieces.append(.unit(units.fold(unit)))
            }
            index += 1
        }
        let folded = value.map(units.fold)
        return try matchFrom(folded, 0, pieces, 0, units, budget: &budget, spans: &spans)
    }

    private static func matchFrom<Unit: Equatable>(
        _ value: [Unit], _ start: Int, _ pieces: [Piece<Unit>], _ piece: Int, _ units: Units<Unit>,
        budget: inout StepBudget, spans: inout [Range<Int>]
    ) throws(StepBudget.Exhausted) -> Bool {
        var position = start
        var current = piece
        while current < pieces.count {
            try budget.spend()
            switch pieces[current] {
            case .unit(let expected):
                guard position < value.count, value[position] == expected else { return false }
                position += 1
            case .one:
                guard position < value.count else { return false }
                let end = position + units.length(value, position)
                spans.append(position..<end)
                position = end
            case .any:
                if current == pieces.count - 1 {
                    spans.append(position..<value.count)
                    return true
                }
                // Shortest first: try each end, keep the spans of the first that lets the rest match.
                var end = position
                while end <= value.count {
                    if units.isBoundary(value, end) {
                        var rest = spans
                        rest.append(position..<end)
                        if try matchFrom(value, end, pieces, current + 1, units, budget: &budget, spans: &rest) {
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
