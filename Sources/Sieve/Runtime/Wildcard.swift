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
        var spans: [Range<Int>] = []
        guard try match(bytes, Array(pattern.utf8), ByteUnits(foldsCase: fold), budget: &budget, spans: &spans)
        else { return false }
        captures = spans.map { String(decoding: bytes[$0], as: UTF8.self) }
        return true
    }

    /// Matches with Character units, folded with Unicode case folding (i;unicode-casemap).
    static func matchCharacters(
        _ value: String, _ pattern: String, budget: inout StepBudget, captures: inout [String]
    ) throws(StepBudget.Exhausted) -> Bool {
        let characters = Array(value)
        var spans: [Range<Int>] = []
        guard try match(characters, Array(pattern), CharacterUnits(), budget: &budget, spans: &spans)
        else { return false }
        captures = spans.map { String(characters[$0]) }
        return true
    }

    private enum Piece<Unit: Equatable>: Equatable {
        case unit(Unit)
        case one
        case any
    }

    private static func match<Units: WildcardUnits>(
        _ value: [Units.Unit], _ pattern: [Units.Unit], _ units: Units, budget: inout StepBudget,
        spans: inout [Range<Int>]
    ) throws(StepBudget.Exhausted) -> Bool {
        let (star, one, escape) = (Units.star, Units.one, Units.escape)
        var pieces: [Piece<Units.Unit>] = []
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
        let folded = value.map { units.fold($0) }
        return try matchFrom(folded, 0, pieces, 0, units, budget: &budget, spans: &spans)
    }

    private static func matchFrom<Units: WildcardUnits>(
        _ value: [Units.Unit], _ start: Int, _ pieces: [Piece<Units.Unit>], _ piece: Int, _ units: Units,
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

/// What differs between byte and Character matching: folding, how much `?` takes, where a `*` may end.
/// A protocol rather than closures, so each kind gets specialized code.
protocol WildcardUnits {
    associatedtype Unit: Equatable
    static var star: Unit { get }
    static var one: Unit { get }
    static var escape: Unit { get }
    func fold(_ unit: Unit) -> Unit
    func length(_ value: [Unit], _ at: Int) -> Int
    func isBoundary(_ value: [Unit], _ at: Int) -> Bool
}

struct ByteUnits: WildcardUnits {
    var foldsCase: Bool
    static var star: UInt8 { UInt8(ascii: "*") }
    static var one: UInt8 { UInt8(ascii: "?") }
    static var escape: UInt8 { UInt8(ascii: "\\") }

    @inline(__always) func fold(_ unit: UInt8) -> UInt8 { foldsCase ? ASCIIFold.lower(unit) : unit }

    @inline(__always) func length(_ value: [UInt8], _ at: Int) -> Int {
        switch value[at] {
        case 0xF0...: min(4, value.count - at)
        case 0xE0...: min(3, value.count - at)
        case 0xC0...: min(2, value.count - at)
        default: 1
        }
    }

    @inline(__always) func isBoundary(_ value: [UInt8], _ at: Int) -> Bool {
        at == value.count || value[at] & 0xC0 != 0x80
    }
}

struct CharacterUnits: WildcardUnits {
    static var star: Character { "*" }
    static var one: Character { "?" }
    static var escape: Character { "\\" }
    func fold(_ unit: Character) -> Character { Matcher.foldCharacter(unit) }
    func length(_ value: [Character], _ at: Int) -> Int { 1 }
    func isBoundary(_ value: [Character], _ at: Int) -> Bool { true }
}
