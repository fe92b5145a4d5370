/// Decimal values (`required_score = 5.5`): TOML tells integers and floats apart, a person writing a score does not.
extension TableReader {
    func number(_ key: String, default defaultValue: Double, range: ClosedRange<Double>, unit: String) -> Double {
        guard let value = value(key) else { return defaultValue }
        guard let number = value.double ?? value.int.map(Double.init) else {
            error(key, "expected a number (\(unit)), found \(Self.described(value.type))")
            return defaultValue
        }
        guard number.isFinite, range.contains(number) else {
            error(key, "must be between \(range.lowerBound) and \(range.upperBound) (\(unit)), not \(number)")
            return defaultValue
        }
        return number
    }
}
