import MailMessage

/// RFC 5260 date parts, formatted as Pigeonhole formats them.
enum DateValues {
    /// The date of a header field; for `Received`, the date after its last `;`.
    static func parse(_ field: HeaderField) -> MessageDate? {
        var bytes = field.unfoldedBytes
        if field.name.lowercased() == "received", let semicolon = bytes.lastIndex(of: UInt8(ascii: ";")) {
            bytes = Array(bytes[(semicolon + 1)...])
        }
        return DateParser.parse(bytes)
    }

    static func part(_ part: DatePart, of seconds: Int64, zone offset: Int) -> String {
        let time = CivilTime(secondsSince1970: seconds, zoneOffsetSeconds: offset)
        func pad(_ value: Int, _ width: Int = 2) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let zone = zoneText(offset)
        switch part {
        case .year: return pad(time.year, 4)
        case .month: return pad(time.month)
        case .day: return pad(time.day)
        case .date: return "\(pad(time.year, 4))-\(pad(time.month))-\(pad(time.day))"
        case .julian: return String(time.daysSince1970 + 40_587)  // Modified Julian Day
        case .hour: return pad(time.hour)
        case .minute: return pad(time.minute)
        case .second: return pad(time.second)
        case .time: return "\(pad(time.hour)):\(pad(time.minute)):\(pad(time.second))"
        case .iso8601:
            let suffix = offset == 0 ? "Z" : String(zone.prefix(3)) + ":" + String(zone.suffix(2))
            return time.isoText + suffix
        case .std11:
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(days[time.weekday]), \(pad(time.day)) \(months[time.month - 1]) \(pad(time.year, 4)) "
                + "\(pad(time.hour)):\(pad(time.minute)):\(pad(time.second)) \(zone)"
        case .zone: return zone
        case .weekday: return String(time.weekday)
        }
    }

    /// `+hhmm`, as MailMessage writes zones.
    private static func zoneText(_ offset: Int) -> String {
        MessageDate(secondsSince1970: 0, zoneOffsetSeconds: offset, zoneIsKnown: true).zoneText
    }
}
