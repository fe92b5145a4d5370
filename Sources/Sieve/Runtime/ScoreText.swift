/// Decimal scores as headers and scripts write them: `[+-]digits[.digits]`, with `,` also accepted as the
/// radix (French scanners write `3,2`), at most 5 digits on each side, as Pigeonhole reads spam scores.
enum ScoreText {
    static func parse(_ text: String) -> Double? {
        var characters = Substring(text.trimmingWhitespace())
        var sign = 1.0
        if let first = characters.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            characters = characters.dropFirst()
        }
        let parts = characters.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        guard parts.count == 1 || parts.count == 2,
            let whole = parts.first, !whole.isEmpty, whole.count <= 5, whole.allSatisfy(\.isASCIIDigitCharacter)
        else { return nil }
        var value = Double(Int(whole)!)
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 5, fraction.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
            var scale = 1.0
            for _ in 0..<fraction.count { scale *= 10 }
            value += Double(Int(fraction)!) / scale
        }
        return sign * value
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
