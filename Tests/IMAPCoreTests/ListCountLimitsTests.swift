import Testing

@testable import IMAPCore

/// Every list the parser builds has a count bound (`IMAPLimits`), whatever its bytes: past it the response is
/// refused with a limit error that names the limit to raise, the same whether the bytes come at once or one by
/// one. At the bound the response is accepted.
@Suite struct ListCountLimitsTests {
    /// Every count limit at 3.
    private static let three = IMAPLimits(
        maxListItems: 3, maxFlags: 3, maxFetchItems: 3, maxIDFields: 3, maxAddresses: 3, maxCapabilities: 3,
        maxSearchResults: 3, maxSetRanges: 3, maxStatusItems: 3)

    /// The error for `wire`, fed whole and byte by byte (both must fail the same way), or nil if both parse.
    private func refusal(_ wire: String, limits: IMAPLimits) -> IMAPParseError? {
        func parse(pieces: [[UInt8]]) -> IMAPParseError? {
            var parser = ResponseParser(limits: limits)
            do {
                for piece in pieces {
                    parser.append(piece)
                    while try parser.next() != nil {}
                }
                return nil
            } catch {
                return error
            }
        }
        let bytes = Array(wire.utf8)
        let whole = parse(pieces: [bytes])
        let dripped = parse(pieces: bytes.map { [$0] })
        #expect(whole == dripped, "whole and byte-by-byte parses differ for \(wire.debugDescription)")
        return whole
    }

    private static let address = "(NIL NIL \"a\" \"b.fr\")"
    private static func envelope(addresses: Int) -> String {
        "(NIL NIL (" + Array(repeating: address, count: addresses).joined() + ") NIL NIL NIL NIL NIL NIL NIL)"
    }

    /// (over the limit, at the limit, the limit's name)
    static let cases: [(String, String, String)] = [
        ("* FLAGS (a b c d)\r\n", "* FLAGS (a b c)\r\n", "maxFlags"),
        ("* OK [PERMANENTFLAGS (\\Seen a b \\*)] x\r\n", "* OK [PERMANENTFLAGS (\\Seen a \\*)] x\r\n", "maxFlags"),
        ("* 1 FETCH (FLAGS (\\Seen a b c))\r\n", "* 1 FETCH (FLAGS (\\Seen a b))\r\n", "maxFlags"),
        ("* LIST (\\A \\B \\C \\D) \"/\" INBOX\r\n", "* LIST (\\A \\B \\C) \"/\" INBOX\r\n", "maxFlags"),
        (
            "* 1 FETCH (UID 1 FLAGS () MODSEQ (2) RFC822.SIZE 3)\r\n", "* 1 FETCH (UID 1 FLAGS () MODSEQ (2))\r\n",
            "maxFetchItems"
        ),
        (
            "* ID (\"a\" \"1\" \"b\" \"2\" \"c\" \"3\" \"d\" \"4\")\r\n",
            "* ID (\"a\" \"1\" \"b\" \"2\" \"c\" \"3\")\r\n", "maxIDFields"
        ),
        (
            "* 1 FETCH (ENVELOPE \(envelope(addresses: 4)))\r\n", "* 1 FETCH (ENVELOPE \(envelope(addresses: 3)))\r\n",
            "maxAddresses"
        ),
        ("* CAPABILITY A B C D\r\n", "* CAPABILITY A B C\r\n", "maxCapabilities"),
        ("* ENABLED A B C D\r\n", "* ENABLED A B C\r\n", "maxCapabilities"),
        ("* OK [CAPABILITY A B C D] x\r\n", "* OK [CAPABILITY A B C] x\r\n", "maxCapabilities"),
        ("* SEARCH 1 2 3 4\r\n", "* SEARCH 1 2 3\r\n", "maxSearchResults"),
        ("* VANISHED 1,3,5,7\r\n", "* VANISHED 1,3,5:7\r\n", "maxSetRanges"),
        ("* ESEARCH UID ALL 1,3,5,7\r\n", "* ESEARCH UID ALL 1,3,5\r\n", "maxSetRanges"),
        (
            "* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UNSEEN 3 SIZE 4)\r\n",
            "* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UNSEEN 3)\r\n", "maxStatusItems"
        ),
        (
            "* QUOTA r (STORAGE 1 2 MESSAGE 1 2 X 1 2 Y 1 2)\r\n", "* QUOTA r (STORAGE 1 2 MESSAGE 1 2 X 1 2)\r\n",
            "maxListItems"
        ),
        ("* QUOTAROOT INBOX a b c d\r\n", "* QUOTAROOT INBOX a b c\r\n", "maxListItems"),
        ("* ESEARCH UID MIN 1 MAX 2 COUNT 3 MIN 4\r\n", "* ESEARCH UID MIN 1 MAX 2 COUNT 3\r\n", "maxListItems"),
        (
            "* NAMESPACE ((\"\" \"/\")(\"a\" \"/\")(\"b\" \"/\")(\"c\" \"/\")) NIL NIL\r\n",
            "* NAMESPACE ((\"\" \"/\")(\"a\" \"/\")(\"b\" \"/\")) NIL NIL\r\n", "maxListItems"
        ),
        (
            "* LIST () \"/\" INBOX (CHILDINFO (A B C D))\r\n", "* LIST () \"/\" INBOX (CHILDINFO (A B C))\r\n",
            "maxListItems"
        ),
        ("* 1 FETCH (BODYSTRUCTURE (a b c d))\r\n", "* 1 FETCH (BODYSTRUCTURE (a b c))\r\n", "maxListItems"),
    ]

    @Test(arguments: cases)
    func aListPastItsCountIsRefusedNamingTheLimit(wire: (over: String, atLimit: String, limit: String)) {
        let error = refusal(wire.over, limits: Self.three)
        #expect(error?.isLimitExceeded == true, "accepted: \(wire.over.debugDescription)")
        #expect(error?.message.contains("IMAPLimits.\(wire.limit)") == true, "\(String(describing: error))")
        #expect(
            refusal(wire.atLimit, limits: Self.three) == nil, "refused at the limit: \(wire.atLimit.debugDescription)")
        // The defaults accept both.
        #expect(refusal(wire.over, limits: .default) == nil)
    }

    /// 200 KB of `a ` fits the line limit but would be 100,000 Strings (1.6 MB of headers alone).
    @Test func aHundredThousandFlagsAreRefusedByDefault() {
        let wire = "* FLAGS (" + Array(repeating: "a", count: 100_000).joined(separator: " ") + ")\r\n"
        let error = refusal(wire, limits: .default)
        #expect(error?.isLimitExceeded == true)
        #expect(
            error?.message.contains("more than 10000 flags in one list (IMAPLimits.maxFlags)") == true,
            "\(String(describing: error))")
    }

    /// Many FETCH items joined by empty literals: each line is short, the response is not.
    @Test func fetchItemsAcrossLiteralsAreCounted() {
        let wire = "* 1 FETCH (" + Array(repeating: "BODY[] {0}\r\n", count: 200).joined(separator: " ") + ")\r\n"
        let error = refusal(wire, limits: .default)
        #expect(error?.message.contains("IMAPLimits.maxFetchItems") == true, "\(String(describing: error))")
    }
}
