import IMAPCore
import Testing

/// FETCH responses as servers write them (parsed whole and drip-fed), read into `FetchedMessage` once.
@Suite struct FetchedMessageTests {
    private func messages(_ wire: String) throws -> [FetchedMessage] {
        let untagged = try responses(wire).compactMap { response -> UntaggedResponse? in
            if case .untagged(let data) = response { data } else { nil }
        }
        return FetchedMessage.messages(in: untagged)
    }

    @Test func everyItemOfAHeaderFieldsFetch() throws {
        let header = "From: a@b.fr\r\nSubject: Re\r\n\r\n"
        let fetched = try messages(
            "* 12 FETCH (UID 40 FLAGS (\\Seen $Filed) RFC822.SIZE 5120 INTERNALDATE \" 7-Jul-2026 02:44:25 -0700\""
                + " MODSEQ (917) BODY[HEADER.FIELDS (FROM \"SUBJECT\")] {\(header.utf8.count)}\r\n\(header))\r\n")
        #expect(
            fetched == [
                FetchedMessage(
                    uid: 40, flags: ["\\Seen", "$Filed"], size: 5120,
                    internalDate: IMAPDateTime("7-Jul-2026 02:44:25 -0700"),
                    modSeq: 917, bytes: Array(header.utf8), part: .headerFields(["FROM", "SUBJECT"]))
            ])
    }

    @Test func theBytesOfEachPartAndNoneOfOthers() throws {
        let fetched = try messages(
            "* 1 FETCH (UID 1 BODY[] {3}\r\nabc)\r\n* 2 FETCH (UID 2 RFC822.HEADER {2}\r\nhh)\r\n"
                + "* 3 FETCH (UID 3 BODY[1.MIME] {1}\r\nx BODY[]<0> {1}\r\ny BODY[HEADER.FIELDS.NOT (TO)] {1}\r\nz)\r\n"
                + "* 4 FETCH (UID 4 BODY[] NIL)\r\n")
        #expect(fetched.map(\.part) == [.whole, .header, nil, nil])
        #expect(fetched.map(\.bytes) == [Array("abc".utf8), Array("hh".utf8), nil, nil])
    }

    @Test func oneMessageInSeveralResponsesIsMergedAndResponsesWithoutUIDAreLeftOut() throws {
        let fetched = try messages(
            "* 5 FETCH (FLAGS (\\Deleted))\r\n* 9 FETCH (UID 30 BODY[] {1}\r\nq)\r\n* 8 FETCH (UID 20 RFC822.SIZE 1)\r\n"
                + "* 9 FETCH (UID 30 FLAGS (\\Flagged) RFC822.SIZE 1 INTERNALDATE \"not a date\")\r\n")
        #expect(fetched.map(\.uid) == [20, 30])
        #expect(
            fetched[1]
                == FetchedMessage(uid: 30, flags: ["\\Flagged"], size: 1, bytes: [UInt8(ascii: "q")], part: .whole))
    }
}
