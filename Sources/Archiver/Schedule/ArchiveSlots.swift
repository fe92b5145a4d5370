import Daemon
import Foundation

/// When each account's scheduled archive run falls: the schedule's time, plus the account's own offset inside
/// the spread window.
public enum ArchiveSlots {
    /// The account's offset, in seconds, inside a window of `spread` seconds: from an FNV-1a hash of its name
    /// (Swift's own hash is seeded per process), so an account keeps its slot across restarts.
    public static func offset(account: String, spread: Int) -> Int {
        guard spread > 0 else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in account.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash % UInt64(spread))
    }

    /// The account's first slot strictly after `time`. Daily times are local (`calendar`'s time zone): "daily
    /// 02:30" stays at half past two across a change to summer time.
    public static func next(
        after time: Date, account: String, schedule: ArchiveSchedule, calendar: Calendar = .current
    ) -> Date {
        let offset = Self.offset(account: account, spread: schedule.spreadSeconds)
        switch schedule.kind {
        case .every(let seconds):
            let now = Int64(time.timeIntervalSince1970.rounded(.down)) - Int64(offset)
            let index = now >= 0 ? now / Int64(seconds) : (now - Int64(seconds) + 1) / Int64(seconds)
            return Date(timeIntervalSince1970: TimeInterval((index + 1) * Int64(seconds) + Int64(offset)))
        case .daily(let minuteOfDay):
            // The slot of yesterday may still lie ahead (23:30 with an hour's spread), so three days are looked at.
            let today = calendar.startOfDay(for: time)
            return (-1...1).compactMap { day -> Date? in
                guard let start = calendar.date(byAdding: .day, value: day, to: today),
                    let at = calendar.date(
                        bySettingHour: minuteOfDay / 60, minute: minuteOfDay % 60, second: 0, of: start)
                else { return nil }
                return at.addingTimeInterval(TimeInterval(offset))
            }.filter { $0 > time }.min() ?? time.addingTimeInterval(86_400)
        }
    }

    /// When the account runs next, given its last run (`last`, nil if it never ran) and the daemon's start: the
    /// slot after its last run; a slot missed while the daemon was down is made up soon after the start, the
    /// accounts spread over at most ten minutes. An account that never ran waits for its first slot.
    public static func due(
        account: String, schedule: ArchiveSchedule, lastRun last: Date?, now: Date, calendar: Calendar = .current
    ) -> Date {
        guard let last else { return next(after: now, account: account, schedule: schedule, calendar: calendar) }
        let slot = next(after: last, account: account, schedule: schedule, calendar: calendar)
        guard slot < now else { return slot }
        let catchUp = offset(account: account, spread: min(max(schedule.spreadSeconds, 1), 600))
        return now.addingTimeInterval(TimeInterval(catchUp))
    }
}
