/// An IMAP date-time (RFC 3501 `date-time`, as INTERNALDATE and APPEND carry it): `"17-Jul-1996 02:44:25 -0700"`.
/// An instant plus the zone the server wrote, so a message restored by APPEND gets back the date it had.
///
/// Parsing is strict about what the grammar fixes (field widths, ranges, a real calendar day) and lenient only
/// where servers are known to vary: month names in any case, and a one-digit day with or without its padding
/// space. Anything else is nil, never a guess. No Foundation: the codec stays pure.
public struct IMAPDateTime: Sendable, Hashable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int64
    /// The zone the date was written in, in minutes east of UTC (-0700 is -420).
    public let zoneMinutes: Int

    public init(secondsSince1970: Int64, zoneMinutes: Int = 0) {
        self.secondsSince1970 = secondsSince1970
        self.zoneMinutes = max(-23 * 60 - 59, min(23 * 60 + 59, zoneMinutes))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses the text between the quotes (quotes around it are accepted too).
    public init?(_ text: some StringProtocol) {
        var bytes = Array(text.utf8)
        if bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") {
            bytes = Array(bytes.dropFirst().dropLast())
        }
        if bytes.first == UInt8(ascii: " ") { bytes.removeFirst() }  // date-day-fixed: SP DIGIT
        // d-Mon-yyyy hh:mm:ss +zzzz, or dd-…: 25 or 26 bytes.
        guard bytes.count == 25 || bytes.count == 26 else { return nil }
        let dayWidth = bytes.count - 24
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + width)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += width
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let day = number(dayWidth), expect("-") else { return nil }
        let monthName = String(decoding: bytes[index..<(index + 3)], as: UTF8.self).lowercased()
        guard let monthIndex = Self.months.firstIndex(of: monthName) else { return nil }
        index += 3
        guard expect("-"), let year = number(4), expect(" "), let hour = number(2), expect(":"),
            let minute = number(2), expect(":"), let second = number(2), expect(" "), index < bytes.count
        else { return nil }
        let sign = bytes[index]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        index += 1
        guard let zoneHours = number(2), let zoneMins = number(2), index == bytes.count else { return nil }
        let month = monthIndex + 1
        guard day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24, minute < 60, second <= 60,
            zoneHours < 24, zoneMins < 60
        else { return nil }
        let zone = (sign == UInt8(ascii: "-") ? -1 : 1) * (zoneHours * 60 + zoneMins)
        let local =
            Self.daysSince1970(year: year, month: month, day: day) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        self.init(secondsSince1970: local - Int64(zone * 60), zoneMinutes: zone)
    }

    /// As IMAP writes it, in its own zone: `"17-Jul-1996 02:44:25 -0700"` (day padded with a space), no quotes.
    public var description: String {
        let local = secondsSince1970 + Int64(zoneMinutes * 60)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = Int(local - days * 86_400)
        let (year, month, day) = Self.civil(daysSince1970: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let zone = abs(zoneMinutes)
        let monthName = Self.months[month - 1]
        let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return (day < 10 ? " \(day)" : "\(day)") + "-" + monthName.prefix(1).uppercased() + monthName.dropFirst()
            + "-" + yearText + " " + two(secondOfDay / 3600) + ":" + two(secondOfDay / 60 % 60) + ":"
            + two(secondOfDay % 60) + " " + (zoneMinutes < 0 ? "-" : "+") + two(zone / 60) + two(zone % 60)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysSince1970` (civil_from_days).
    static func civil(daysSince1970 days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        return (Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0), month, day)
    }
}
