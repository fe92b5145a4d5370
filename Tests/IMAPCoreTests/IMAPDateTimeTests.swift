import IMAPCore
import Testing

@Suite struct IMAPDateTimeTests {
    @Test func theRFCExampleIsAnInstantAndAZone() throws {
        let date = try #require(IMAPDateTime("17-Jul-1996 02:44:25 -0700"))
        #expect(date.secondsSince1970 == 837_596_665)  // 1996-07-17T09:44:25Z
        #expect(date.zoneMinutes == -420)
        #expect(date.description == "17-Jul-1996 02:44:25 -0700")
    }

    @Test func serversWaysOfWritingTheDayAndMonthAreRead() {
        let padded = IMAPDateTime(" 1-Dec-2026 09:12:40 +0100")
        #expect(padded?.secondsSince1970 == 1_796_112_760)
        #expect(IMAPDateTime("1-Dec-2026 09:12:40 +0100") == padded)
        #expect(IMAPDateTime("01-DEC-2026 09:12:40 +0100") == padded)
        #expect(IMAPDateTime("\" 1-dec-2026 09:12:40 +0100\"") == padded)
        #expect(padded?.description == " 1-Dec-2026 09:12:40 +0100")
    }

    @Test(arguments: [
        "", "\"\"", "17-Jul-1996", "17-Jul-1996 02:44:25", "17-Jly-1996 02:44:25 -0700", "32-Jan-2026 00:00:00 +0000",
        "29-Feb-2025 00:00:00 +0000", "31-Apr-2026 00:00:00 +0000", "00-Jan-2026 00:00:00 +0000",
        "17-Jul-1996 24:00:00 -0700", "17-Jul-1996 02:60:25 -0700", "17-Jul-1996 02:44:61 -0700",
        "17-Jul-1996 02:44:25 -0760", "17-Jul-1996 02:44:25 0700", "17-Jul-1996 02:44:25 -07000",
        "17-Jul-96 02:44:25 -0700", "17-Jul-1996T02:44:25 -0700", "１7-Jul-1996 02:44:25 -0700",
        "17-Jul-1996 02:44:25 -0700 ", "17-Jul-1996 2:44:25 -0700",
    ])
    func anythingElseIsRefused(text: String) {
        #expect(IMAPDateTime(text) == nil, "\(text)")
    }

    @Test func leapDaysAndLeapSecondsAreDays() {
        #expect(IMAPDateTime("29-Feb-2024 12:00:00 +0000") != nil)
        #expect(IMAPDateTime("29-Feb-2000 12:00:00 +0000") != nil)
        #expect(IMAPDateTime("29-Feb-1900 12:00:00 +0000") == nil)
        #expect(IMAPDateTime("31-Dec-2016 23:59:60 +0000") != nil)
    }

    @Test func writingThenReadingGivesTheSameDateInEveryZone() {
        var instant: Int64 = -2_208_988_800  // 1900-01-01
        var zone = -23 * 60 - 59
        while instant < 4_102_444_800 {  // 2100-01-01
            let date = IMAPDateTime(secondsSince1970: instant, zoneMinutes: zone)
            #expect(IMAPDateTime(date.description) == date, "\(date)")
            instant += 86_400 * 37 + 3_601 * 7 + 13
            zone = zone >= 23 * 60 ? -23 * 60 - 59 : zone + 97
        }
    }
}
