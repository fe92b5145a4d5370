import MailMessage
import Testing

@Suite struct DateParserTests {
    @Test func rfc5322Date() throws {
        let date = try #require(DateParser.parse("Thu, 26 Nov 2026 09:12:40 +0100"))
        #expect(date.secondsSince1970 == 1_795_680_760)
        #expect(date.zoneOffsetSeconds == 3600)
        #expect(date.zoneIsKnown)
        #expect(date.zoneText == "+0100")
        #expect(date.iso8601 == "2026-11-26T09:12:40+01:00")
    }

    @Test(arguments: [
        ("26 Nov 2026 08:12:40 GMT", 1_795_680_760 as Int64, 0),
        ("Thu, 26 Nov 2026 03:12:40 EST", 1_795_680_760, -18_000),
        ("Thu, 26 Nov 2026 01:12:40 PDT", 1_795_680_760, -25_200),
        ("Thu, 26 Nov 2026 09:12:40 CET", 1_795_680_760, 3600),
        ("Thu, 26 Nov 2026 09:12:40 +0100 (CET)", 1_795_680_760, 3600),
        ("Thu,26 Nov 2026 09:12:40 +0100", 1_795_680_760, 3600),
        ("Thu, 26 Nov 26 09:12:40 +0100", 1_795_680_760, 3600),
        ("Thu Nov 26 08:12:40 2026", 1_795_680_760, 0),
        ("Thu, 26 Nov 2026 09:12 +0100", 1_795_680_720, 3600),
        ("  Thursday, 26  November 2026 09:12:40 +01:00 ", 1_795_680_760, 3600),
    ])
    func obsoleteAndRealWorldForms(text: String, seconds: Int64, offset: Int) throws {
        let date = try #require(DateParser.parse(text), "\(text)")
        #expect(date.secondsSince1970 == seconds)
        #expect(date.zoneOffsetSeconds == offset)
    }

    @Test func twoAndThreeDigitYears() {
        #expect(DateParser.parse("1 Jan 70 00:00:00 +0000")?.secondsSince1970 == 0)
        #expect(DateParser.parse("1 Jan 49 00:00:00 +0000")?.iso8601 == "2049-01-01T00:00:00Z")
        #expect(DateParser.parse("1 Jan 102 00:00:00 +0000")?.iso8601 == "2002-01-01T00:00:00Z")
    }

    @Test func unknownZones() throws {
        let minusZero = try #require(DateParser.parse("Thu, 26 Nov 2026 09:12:40 -0000"))
        #expect(!minusZero.zoneIsKnown)
        #expect(minusZero.zoneText == "-0000")
        let military = try #require(DateParser.parse("Thu, 26 Nov 2026 09:12:40 J"))
        #expect(!military.zoneIsKnown && military.secondsSince1970 == 1_795_684_360)
        #expect(DateParser.parse("Thu, 26 Nov 2026 09:12:40")?.zoneIsKnown == false)
    }

    @Test(arguments: [
        "", "not a date", "31 Feb 2026 10:00:00 +0000", "29 Feb 2025 10:00:00 +0000", "1 Jan 2026 25:00:00 +0000",
        "1 Jan 2026 10:61:00 +0000", "1 Foo 2026 10:00:00 +0000", "1 Jan 2026", "99999 Jan 2026 10:00:00",
    ])
    func impossibleDatesGiveNil(text: String) {
        #expect(DateParser.parse(text) == nil)
    }

    /// The parser reads words in place: a comment inside a word joins its pieces, a time has two or three parts
    /// of one or two digits, and a zone of many digits is no zone (its value is not computed: no overflow).
    @Test func wordsTimesAndZonesReadInPlace() {
        #expect(DateParser.parse("1 Jan 2026 10:(noon)30 +0000")?.iso8601 == "2026-01-01T10:30:00Z")
        #expect(DateParser.parse("1 Jan 2026 7:5:9 +0000")?.iso8601 == "2026-01-01T07:05:09Z")
        #expect(DateParser.parse("1 Jan 2026 10:30:00:00 +0000") == nil)
        #expect(DateParser.parse("1 Jan 2026 10::30 +0000") == nil)
        #expect(DateParser.parse("1 Jan 2026 100:30 +0000") == nil)
        let longZone = DateParser.parse("1 Jan 2026 10:30 +" + String(repeating: "9", count: 40))
        #expect(longZone?.zoneIsKnown == false && longZone?.iso8601 == "2026-01-01T10:30:00Z")
        #expect(DateParser.parse("1 Jan 2026 10:30 +01:00")?.zoneOffsetSeconds == 3600)
        #expect(DateParser.parse("1 Jan 2026 10:30 CEST")?.zoneOffsetSeconds == 7200)
        #expect(DateParser.parse("1 Jan 2026 10:30 CESTX")?.zoneIsKnown == false)
    }

    @Test func leapDayAndEarlyDates() {
        #expect(DateParser.parse("29 Feb 2024 12:00:00 +0000")?.iso8601 == "2024-02-29T12:00:00Z")
        #expect(DateParser.parse("31 Dec 1969 23:59:59 +0000")?.secondsSince1970 == -1)
    }

    @Test func messageDateAccessor() {
        #expect(message("Date: Thu, 26 Nov 2026 09:12:40 +0100\n\n").date?.secondsSince1970 == 1_795_680_760)
        #expect(message("Date: garbage\n\n").date == nil)
        #expect(message("Subject: none\n\n").date == nil)
    }
}

@Suite struct DateParserWordTests {
    @Test func frenchDayNameIsNotTakenForAMonth() {
        #expect(DateParser.parse("Mardi, 3 Jan 2026 10:00:00 +0100")?.iso8601 == "2026-01-03T10:00:00+01:00")
        #expect(DateParser.parse("3 Sept 2026 10:00:00 +0000")?.iso8601 == "2026-09-03T10:00:00Z")
    }
}
