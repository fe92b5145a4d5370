import Foundation

/// A date from a Date (or Received, Resent-Date) field: the instant, plus the zone the sender wrote.
///
/// Keeping the original zone matters to rules (`date :zone "original"`) and to people ("sent at 23:40 their
/// time"); the instant is what sorting and archiving use.
public struct MessageDate: Sendable, Hashable, Codable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int64
    /// Offset of the written zone from UTC, in seconds (east positive).
    public let zoneOffsetSeconds: Int
    /// False for `-0000`, military and unrecognised zone names: the offset is then 0 and means "unknown".
    public let zoneIsKnown: Bool

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSince1970)) }

    /// The zone as RFC 5322 writes it: `+0200`, `-0500`, or `-0000` when unknown.
    public var zoneText: String {
        guard zoneIsKnown else { return "-0000" }
        let minutes = abs(zoneOffsetSeconds) / 60
        let hhmm = minutes / 60 * 100 + minutes % 60
        let digits = String(hhmm)
        return (zoneOffsetSeconds < 0 ? "-" : "+") + String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// ISO 8601 in the original zone, e.g. `2026-11-26T09:30:00+01:00`.
    public var iso8601: String {
        let local = CivilTime(secondsSince1970: secondsSince1970 + Int64(zoneOffsetSeconds))
        let zone = zoneIsKnown ? String(zoneText.prefix(3)) + ":" + String(zoneText.suffix(2)) : "Z"
        return local.isoText + (zoneOffsetSeconds == 0 && zoneIsKnown ? "Z" : zone)
    }

    public init(secondsSince1970: Int64, zoneOffsetSeconds: Int, zoneIsKnown: Bool) {
        self.secondsSince1970 = secondsSince1970
        self.zoneOffsetSeconds = zoneOffsetSeconds
        self.zoneIsKnown = zoneIsKnown
    }
}

/// Calendar arithmetic on the proleptic Gregorian calendar, without Foundation's Calendar (which is slow and
/// locale-dependent): days from 1970 by Howard Hinnant's `days_from_civil` algorithm.
public struct CivilTime: Sendable, Hashable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSince1970: Int64 { secondsSince1970.floorDivided(by: 86_400) }

    /// 0 for Sunday … 6 for Saturday.
    public var weekday: Int { Int((daysSince1970 + 4).floorModulo(7)) }

    /// The wall-clock time of an instant, read in a zone `offset` seconds east of UTC.
    public init(secondsSince1970: Int64, zoneOffsetSeconds offset: Int) {
        self.init(secondsSince1970: secondsSince1970 + Int64(offset))
    }

    public init(secondsSince1970: Int64) {
        let days = Int(secondsSince1970.floorDivided(by: 86_400))
        let rest = Int(secondsSince1970 - Int64(days) * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(
            year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day,
            hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }

    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var secondsSince1970: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = Int64(era * 146_097 + doe - 719_468)
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public var isoText: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    fileprivate func floorModulo(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
