/// Parses RFC 5322 date-time (3.3) and the obsolete and real-world variants of 4.3: two- and three-digit
/// years, named and military zones, missing seconds or day name, comments, and asctime order
/// (`Thu Aug 22 18:26:25 2002`). Impossible dates (31 February, hour 25) give nil rather than a guess.
public enum DateParser {
    public static func parse(_ text: String) -> MessageDate? {
        parse(Array(text.utf8))
    }

    public static func parse<Bytes: RandomAccessCollection>(_ input: Bytes) -> MessageDate?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        guard input.count <= 512 else { return nil }
        return parse(bytes: Array(input))
    }

    /// The parse on an array: called from another module, the generic entry ran unspecialized, every byte
    /// read through witness tables (a date took microseconds).
    private static func parse(bytes input: [UInt8]) -> MessageDate? {
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (Int, Int, Int)?
        var zone: (offset: Int, known: Bool)?
        var yearDigits = 0

        for word in words(input) {
            if let first = word.first, first == UInt8(ascii: "+") || first == ASCII.dash, time != nil {
                zone = parseNumericZone(word) ?? zone
            } else if word.contains(ASCII.colon) {
                guard time == nil, let parsed = parseTime(word) else { continue }
                time = parsed
            } else if word.allSatisfy(ASCII.isDigit) {
                guard word.count <= 4 else { return nil }
                let value = decimal(word)
                if day == nil && word.count <= 2 && value >= 1 && value <= 31 && (year == nil || month != nil) {
                    day = value
                } else if year == nil {
                    year = value
                    yearDigits = word.count
                } else {
                    return nil
                }
            } else if word.allSatisfy(ASCII.isAlpha) {
                let lowered = word.map(ASCII.lowercased)
                if month == nil, lowered.count >= 3, let found = monthNumber(lowered) {
                    month = found
                } else if time != nil, zone == nil, let named = namedZone(lowered) {
                    zone = named
                }
                // Day names and unknown words are ignored.
            }
        }
        guard var year, let month, let day, let time else { return nil }
        if yearDigits <= 2 { year += year < 50 ? 2000 : 1900 } else if yearDigits == 3 { year += 1900 }
        let (hour, minute, second) = time
        guard day <= CivilTime.daysInMonth(month, year: year), hour < 24, minute < 60, second <= 60 else {
            return nil
        }
        let local = CivilTime(
            year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
        let offset = zone?.offset ?? 0
        return MessageDate(
            secondsSince1970: local.secondsSince1970 - Int64(offset),
            zoneOffsetSeconds: offset,
            zoneIsKnown: zone?.known ?? false)
    }

    /// Words of the date, with comments removed and commas as separators.
    private static func words(_ input: [UInt8]) -> [ArraySlice<UInt8>] {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(input.count)
        var depth = 0
        for byte in input {
            if byte == ASCII.openParen { depth += 1 }
            if depth == 0 { cleaned.append(byte == ASCII.comma ? ASCII.space : byte) }
            if byte == ASCII.closeParen && depth > 0 { depth -= 1 }
        }
        return cleaned.split(whereSeparator: ASCII.isLineWhitespace)
    }

    private static func parseTime(_ word: ArraySlice<UInt8>) -> (Int, Int, Int)? {
        let parts = word.split(separator: ASCII.colon, omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(ASCII.isDigit) })
        else { return nil }
        let values = parts.map(decimal)
        return (values[0], values[1], values.count == 3 ? values[2] : 0)
    }

    private static func parseNumericZone(_ word: ArraySlice<UInt8>) -> (offset: Int, known: Bool)? {
        let sign = word.first == ASCII.dash ? -1 : 1
        let digits = word.dropFirst().filter { $0 != ASCII.colon }
        guard digits.count == 4, digits.allSatisfy(ASCII.isDigit) else { return nil }
        let value = decimal(digits)
        let hours = value / 100
        let minutes = value % 100
        guard minutes < 60 else { return nil }
        // RFC 5322 3.3: -0000 means the local zone is unknown.
        if value == 0 && sign < 0 { return (0, false) }
        return (sign * (hours * 3600 + minutes * 60), true)
    }

    /// The value of a run of at most a few ASCII digits, checked by the caller (every date's numbers went
    /// through a String and `Int(_:)`).
    private static func decimal<Digits: Collection<UInt8>>(_ digits: Digits) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 &- UInt8(ascii: "0")) }
    }

    private static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]

    /// A month from its English name or any abbreviation of at least three letters (`Sep`, `Sept`), so
    /// that a word such as the French `Mardi` is not taken for March.
    private static func monthNumber(_ lowered: [UInt8]) -> Int? {
        months.firstIndex { $0.utf8.starts(with: lowered) }.map { $0 + 1 }
    }

    /// Built once: as a literal in `namedZone`, the table was built again for every date with a zone name.
    private static let zoneHours: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7,
        "mdt": -6, "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "met": 1, "mest": 2, "wet": 0, "west": 1,
        "eet": 2, "eest": 3, "bst": 1,
    ]

    /// RFC 5322 4.3 zone names, plus the European ones French mail uses; military letters mean unknown.
    private static func namedZone(_ lowered: [UInt8]) -> (offset: Int, known: Bool)? {
        if let value = zoneHours[String(decoding: lowered, as: UTF8.self)] { return (value * 3600, true) }
        if lowered.count == 1 { return (0, false) }
        return nil
    }
}
