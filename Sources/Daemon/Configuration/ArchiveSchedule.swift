/// When the daemon archives every account (`[archive] schedule`): once a day at a time of day, or at a fixed
/// interval. Each account starts at its own offset inside `spread` (from a hash of its name, so the same after a
/// restart): thousands of accounts do not log in at the same minute.
///
/// Without a schedule the daemon archives nothing (archiving deletes from the server: it is asked for, never
/// a surprise); `mailsift archive run` works either way.
public struct ArchiveSchedule: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Every day at this local time (minutes after midnight).
        case daily(minuteOfDay: Int)
        /// Every `seconds`, counted from 1970 (so the slots do not move when the daemon restarts).
        case every(seconds: Int)
    }

    public var kind: Kind
    /// The window over which the accounts' starts are spread (never more than an interval).
    public var spreadSeconds: Int

    public init(_ kind: Kind, spreadSeconds: Int) {
        self.kind = kind
        self.spreadSeconds = spreadSeconds
    }

    /// The shortest interval `every` takes from a configuration: a run starts by logging in and searching every
    /// archived folder, which is not work to repeat every few seconds.
    public static let shortestInterval = 5 * 60

    /// `daily HH:MM` or `every N` with a unit (`m`, `h`, `d`: `every 6h`, `every 90m`); nil with the reason when
    /// the text is neither.
    public static func parse(_ text: String) -> Result<Kind, ScheduleProblem> {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count == 2 else { return .failure(.init("write \"daily 02:30\" or \"every 6h\"")) }
        switch words[0].lowercased() {
        case "daily":
            let parts = words[1].split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]),
                let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
            else { return .failure(.init("\(words[1]) is not a time of day: write it HH:MM, e.g. 02:30")) }
            return .success(.daily(minuteOfDay: hour * 60 + minute))
        case "every":
            let amount = words[1].dropLast()
            let units = ["m": 60, "h": 3_600, "d": 86_400]
            guard let unit = words[1].last.flatMap({ units[String($0).lowercased()] }), let count = Int(amount),
                count > 0, count <= 30 * 86_400 / unit
            else {
                return .failure(.init("\(words[1]) is not an interval: write a number and m, h or d, e.g. 6h"))
            }
            guard count * unit >= shortestInterval else {
                return .failure(.init("every \(words[1]) is too often: at least every \(shortestInterval / 60)m"))
            }
            return .success(.every(seconds: count * unit))
        default:
            return .failure(.init("write \"daily 02:30\" or \"every 6h\""))
        }
    }

    public var description: String {
        let spread = "accounts spread over \(spreadSeconds / 60) min"
        switch kind {
        case .daily(let minute):
            let hh = minute / 60 < 10 ? "0\(minute / 60)" : "\(minute / 60)"
            let mm = minute % 60 < 10 ? "0\(minute % 60)" : "\(minute % 60)"
            return "daily at \(hh):\(mm), \(spread)"
        case .every(let seconds):
            return seconds % 3_600 == 0
                ? "every \(seconds / 3_600) h, \(spread)" : "every \(seconds / 60) min, \(spread)"
        }
    }
}

/// Why a `schedule` text was refused.
public struct ScheduleProblem: Error, Sendable, Hashable {
    public var reason: String
    init(_ reason: String) { self.reason = reason }
}
