import Foundation
import Testing

@testable import Archiver
@testable import Daemon

/// Where each account's scheduled run falls: its slot, spread, and a slot missed while the daemon was down.
struct ArchiveSlotsTests {
    static let paris: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        return calendar
    }()

    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    @Test func thousandsOfAccountsAreSpreadOverTheWindowAndKeepTheirSlot() {
        let names = (0..<5_000).map { "prof\($0)@ac-exemple.fr" }
        let offsets = names.map { ArchiveSlots.offset(account: $0, spread: 3_600) }
        #expect(offsets.allSatisfy { (0..<3_600).contains($0) })
        // Per minute of the hour: no minute holds more than three times its share (5,000 / 60 ≈ 83).
        let perMinute = Dictionary(grouping: offsets, by: { $0 / 60 }).mapValues(\.count)
        #expect(perMinute.count == 60)
        #expect(perMinute.values.max()! < 250)
        // The same name, the same slot (a restart moves nobody).
        #expect(names.map { ArchiveSlots.offset(account: $0, spread: 3_600) } == offsets)
        #expect(ArchiveSlots.offset(account: "jeanne", spread: 0) == 0)
    }

    @Test func dailySlotsAreAtTheLocalTimeplusTheAccountsOffset() {
        let schedule = ArchiveSchedule(.daily(minuteOfDay: 2 * 60 + 30), spreadSeconds: 3_600)
        let offset = ArchiveSlots.offset(account: "jeanne", spread: 3_600)
        let morning = Self.date("2026-12-01T00:00:00Z")  // 01:00 in Paris
        let slot = ArchiveSlots.next(after: morning, account: "jeanne", schedule: schedule, calendar: Self.paris)
        #expect(slot == Self.date("2026-12-01T01:30:00Z").addingTimeInterval(TimeInterval(offset)))
        // Just after it: the next day's.
        let after = ArchiveSlots.next(after: slot, account: "jeanne", schedule: schedule, calendar: Self.paris)
        #expect(after == slot.addingTimeInterval(86_400))
        // Across the change to summer time (29 March 2026 in Paris), 02:30 local does not exist: the slot is
        // still one a day.
        let spring = ArchiveSlots.next(
            after: Self.date("2026-03-28T12:00:00Z"), account: "jeanne", schedule: schedule, calendar: Self.paris)
        #expect(spring > Self.date("2026-03-28T12:00:00Z") && spring < Self.date("2026-03-29T12:00:00Z"))
    }

    @Test func aSlotLateInTheDayWhoseSpreadPassesMidnightIsNotSkipped() {
        let schedule = ArchiveSchedule(.daily(minuteOfDay: 23 * 60 + 30), spreadSeconds: 7_200)
        let name = (0..<500).map { "u\($0)" }.first { ArchiveSlots.offset(account: $0, spread: 7_200) > 3_600 }!
        let offset = ArchiveSlots.offset(account: name, spread: 7_200)
        // 00:10 in Paris on 2 December: yesterday's 23:30 slot plus more than an hour is still ahead.
        let now = Self.date("2026-12-01T23:10:00Z")
        let slot = ArchiveSlots.next(after: now, account: name, schedule: schedule, calendar: Self.paris)
        #expect(slot == Self.date("2026-12-01T22:30:00Z").addingTimeInterval(TimeInterval(offset)))
    }

    @Test func intervalSlotsAreCountedFrom1970() {
        let schedule = ArchiveSchedule(.every(seconds: 6 * 3_600), spreadSeconds: 600)
        let offset = ArchiveSlots.offset(account: "paul", spread: 600)
        let now = Self.date("2026-12-01T07:00:00Z")
        let slot = ArchiveSlots.next(after: now, account: "paul", schedule: schedule)
        #expect(slot == Self.date("2026-12-01T12:00:00Z").addingTimeInterval(TimeInterval(offset)))
        #expect(ArchiveSlots.next(after: slot, account: "paul", schedule: schedule) == slot + 6 * 3_600)
    }

    @Test func aMissedSlotIsMadeUpSoonAfterTheStartAndANewAccountWaitsForItsFirst() {
        let schedule = ArchiveSchedule(.daily(minuteOfDay: 150), spreadSeconds: 3_600)
        let now = Self.date("2026-12-01T12:00:00Z")
        let missed = ArchiveSlots.due(
            account: "jeanne", schedule: schedule, lastRun: now.addingTimeInterval(-3 * 86_400), now: now,
            calendar: Self.paris)
        #expect(missed >= now && missed < now.addingTimeInterval(600))
        let fresh = ArchiveSlots.due(
            account: "jeanne", schedule: schedule, lastRun: nil, now: now, calendar: Self.paris)
        #expect(fresh == ArchiveSlots.next(after: now, account: "jeanne", schedule: schedule, calendar: Self.paris))
        let recent = ArchiveSlots.due(
            account: "jeanne", schedule: schedule, lastRun: now.addingTimeInterval(-3_600), now: now,
            calendar: Self.paris)
        #expect(recent > now.addingTimeInterval(3_600))
    }
}
