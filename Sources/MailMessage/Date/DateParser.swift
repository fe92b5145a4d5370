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

    /// The same for an array, which callers in other modules reach without the generic entry: run there
    /// unspecialized, its copy of the bytes went through witness tables and looked up type metadata.
    public static func parse(_ input: [UInt8]) -> MessageDate? {
        guard input.count <= 512 else { return nil }
        return parse(bytes: input)
    }

    /// The parse on an array: called from another module, the generic entry ran unspecialized, every byte
    /// read through witness tables (a date took microseconds).
    private static func parse(bytes input: [UInt8]) -> MessageDate? {
        // The text without its comments, on the stack (the input is at most 512 bytes): its words are read in
        // place. An array for it, one for its words and one per lower-cased word or time were most of the cost.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(input.count, 1)) { cleaned in
            var length = 0
            var depth = 0
            for byte in input {
                if byte == ASCII.openParen { depth += 1 }
                if depth == 0 {
                    cleaned[length] = byte == ASCII.comma ? ASCII.space : byte
                    length += 1
                }
                if byte == ASCII.closeParen && depth > 0 { depth -= 1 }
            }
            return parse(words: UnsafeBufferPointer(rebasing: cleaned[0..<length]))
        }
    }

    /// The parse of the text without comments, word by word (words are split by white space).
    private static func parse(words text: UnsafeBufferPointer<UInt8>) -> MessageDate? {
        var day: Int?
        var month: Int?
        var year: Int?
        var time: (Int, Int, Int)?
        var zone: (offset: Int, known: Bool)?
        var yearDigits = 0

        var start = 0
        while start < text.count {
            if ASCII.isLineWhitespace(text[start]) {
                start += 1
                continue
            }
            var end = start
            while end < text.count, !ASCII.isLineWhitespace(text[end]) { end += 1 }
            let word = UnsafeBufferPointer(rebasing: text[start..<end])
            start = end
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
                if month == nil, word.count >= 3, let found = monthNumber(word) {
                    month = found
                } else if time != nil, zone == nil, let named = namedZone(word) {
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

    /// `hh:mm` or `hh:mm:ss`, each part one or two digits.
    private static func parseTime(_ word: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        var values = (0, 0, 0)
        var part = 0
        var digits = 0
        var value = 0
        for byte in word {
            if byte == ASCII.colon {
                guard digits > 0, part < 2 else { return nil }
                if part == 0 { values.0 = value } else { values.1 = value }
                part += 1
                digits = 0
                value = 0
            } else {
                guard ASCII.isDigit(byte), digits < 2 else { return nil }
                digits += 1
                value = value * 10 + Int(byte &- UInt8(ascii: "0"))
            }
        }
        guard digits > 0, part >= 1 else { return nil }
        if part == 1 { values.1 = value } else { values.2 = value }
        return values
    }

    private static func parseNumericZone(_ word: UnsafeBufferPointer<UInt8>) -> (offset: Int, known: Bool)? {
        let sign = word.first == ASCII.dash ? -1 : 1
        var digits = 0
        var value = 0
        for byte in word.dropFirst() where byte != ASCII.colon {
            guard ASCII.isDigit(byte), digits < 4 else { return nil }
            digits += 1
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
        }
        guard digits == 4 else { return nil }
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
    /// that a word such as the French `Mardi` is not taken for March. The word is compared without case.
    private static func monthNumber(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard word.count >= 3 else { return nil }
        // The first three letters pick the month; a longer word must go on as its name does.
        let key =
            UInt32(ASCII.lowercased(word[0])) << 16 | UInt32(ASCII.lowercased(word[1])) << 8
            | UInt32(ASCII.lowercased(word[2]))
        guard let index = monthKeys.firstIndex(of: key) else { return nil }
        guard word.count > 3 else { return index + 1 }
        var name = months[index]
        let matches = name.withUTF8 { name in
            word.count <= name.count && word.indices.allSatisfy { ASCII.lowercased(word[$0]) == name[$0] }
        }
        return matches ? index + 1 : nil
    }

    /// Each month's first three letters as one number, for `monthNumber`.
    private static let monthKeys: [UInt32] = months.map { name in
        name.utf8.prefix(3).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Built once: as a literal in `namedZone`, the table was built again for every date with a zone name.
    private static let zoneHours: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7,
        "mdt": -6, "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "met": 1, "mest": 2, "wet": 0, "west": 1,
        "eet": 2, "eest": 3, "bst": 1,
    ]

    /// RFC 5322 4.3 zone names, plus the European ones French mail uses; military letters mean unknown.
    private static func namedZone(_ word: UnsafeBufferPointer<UInt8>) -> (offset: Int, known: Bool)? {
        // Zone names are at most four letters: longer words are not looked up (nor made into a String).
        if word.count <= 4, let value = zoneHours[ASCII.lowercasedString(word)] {
            return (value * 3600, true)
        }
        if word.count == 1 { return (0, false) }
        return nil
    }
}
