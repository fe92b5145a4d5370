import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

/// The daemon's typed calls (select, fetch, search, copy, move, create, status, quota) against answers a real
/// server does not give (ScriptedServer plays them): each ends in a clear error or a safe result, never a
/// crash, a guess or an expansion of a hostile set.
@Suite struct FilingCallsHostileTests {
    private func play(
        capabilities: String = "IMAP4rev1 UIDPLUS", _ steps: [ScriptedServer.Step],
        _ body: (IMAPConnection) async throws -> Void
    ) async throws {
        let server = try ScriptedServer([.send("* OK [CAPABILITY \(capabilities)] ready\r\n")] + steps)
        let connection = try await server.connect()
        try await body(connection)
        await connection.close()
        await server.finished()
    }

    @Test func aSelectWithoutUIDValidityIsRefused() async throws {
        try await play(
            [
                .expectLine(prefix: "M1 SELECT INBOX"),
                .send("* 3 EXISTS\r\n* OK [UIDNEXT 4] next\r\n* FLAGS (\\Seen)\r\nM1 OK [READ-WRITE] selected\r\n"),
            ]
        ) { (connection) async throws in
            let error = await clientFailure { _ = try await connection.select(.inbox) }
            #expect(error?.isProtocolViolation == true)
            #expect(
                error?.description.contains("SELECT INBOX has no UIDVALIDITY") == true, "\(String(describing: error))")
        }
    }

    @Test func aSelectReadsEveryCodeAndNoModSeqMeansNone() async throws {
        try await play(
            capabilities: "IMAP4rev1 CONDSTORE",
            [
                .expectLine(prefix: "M1 SELECT INBOX (CONDSTORE)"),
                .send(
                    "* FLAGS (\\Seen \\Flagged)\r\n* 7 EXISTS\r\n* OK [UIDVALIDITY 42] v\r\n* OK [UIDNEXT 19] n\r\n"
                        + "* OK [PERMANENTFLAGS (\\Seen \\*)] p\r\n* OK [NOMODSEQ] none\r\nM1 OK [READ-ONLY] selected\r\n"
                ),
            ]
        ) { (connection) async throws in
            let selected = try await connection.select(.inbox, condStore: true)
            #expect(
                selected
                    == SelectedMailbox(
                        name: .inbox, uidValidity: 42, uidNext: 19, exists: 7, highestModSeq: nil,
                        flags: ["\\Seen", "\\Flagged"], permanentFlags: ["\\Seen", "\\*"], readOnly: true))
        }
    }

    @Test func aCopyUIDWithMismatchedSetsIsRefused() async throws {
        try await play(
            [.expectLine(prefix: "M1 UID COPY 3:5 Archives"), .send("M1 OK [COPYUID 7 3:5 10:11] copied\r\n")]
        ) { (connection) async throws in
            let error = await clientFailure {
                try await connection.copyMessages(UIDSet([3...5]), to: MailboxName("Archives"))
            }
            #expect(error?.isProtocolViolation == true)
            #expect(
                error?.description.contains("3 source messages but 2 destination") == true,
                "\(String(describing: error))")
        }
    }

    @Test func aCopyUIDNamingMessagesNotAskedForIsRefused() async throws {
        // Four billion UIDs on both sides: refused by count and by the request, before anything is expanded.
        try await play(
            [
                .expectLine(prefix: "M1 UID COPY 3:5 Archives"),
                .send("M1 OK [COPYUID 7 1:4294967295 1:4294967295] copied\r\n"),
                .expectLine(prefix: "M2 UID COPY 3:5 Archives"), .send("M2 OK [COPYUID 7 3:4,9 1:3] copied\r\n"),
            ]
        ) { (connection) async throws in
            let tooMany = await clientFailure {
                try await connection.copyMessages(UIDSet([3...5]), to: MailboxName("Archives"))
            }
            #expect(tooMany?.isProtocolViolation == true, "\(String(describing: tooMany))")
            let notAsked = await clientFailure {
                try await connection.copyMessages(UIDSet([3...5]), to: MailboxName("Archives"))
            }
            #expect(notAsked?.description.contains("not asked for") == true, "\(String(describing: notAsked))")
        }
    }

    @Test func aMoveReturnsTheMappingOfTheUntaggedCopyUID() async throws {
        try await play(
            capabilities: "IMAP4rev1 UIDPLUS MOVE",
            [
                .expectLine(prefix: "M1 UID MOVE 3:5,9 Archives"),
                .send("* OK [COPYUID 7 3:5,9 20:23] moved\r\n* 3 EXPUNGE\r\n* 3 EXPUNGE\r\nM1 OK done\r\n"),
            ]
        ) { (connection) async throws in
            let result = try await connection.move(UIDSet([3...5, 9...9]), to: MailboxName("Archives"))
            #expect(result.outcome == .moved)
            #expect(result.copied?.uidValidity == 7)
            #expect(result.copied?.pairs.map(\.destination) == [20, 21, 22, 23])
            #expect(result.copied?.destination(of: 9) == 23)
        }
    }

    @Test func aQuotaPastAnyRealMailboxIsRefused() async throws {
        try await play(
            capabilities: "IMAP4rev1 QUOTA",
            [
                .expectLine(prefix: "M1 GETQUOTAROOT INBOX"),
                .send(
                    "* QUOTAROOT INBOX \"\"\r\n* QUOTA \"\" (STORAGE 18446744073709551615 1024)\r\nM1 OK done\r\n"),
                .expectLine(prefix: "M2 GETQUOTAROOT INBOX"),
                .send("* QUOTA \"\" (STORAGE 99999999999999999999999 1024)\r\nM2 OK done\r\n"),
            ]
        ) { (connection) async throws in
            let absurd = await clientFailure { _ = try await connection.quotaRoot(for: .inbox) }
            #expect(absurd?.isProtocolViolation == true)
            #expect(
                absurd?.description.contains("STORAGE 18446744073709551615 of 1024") == true,
                "\(String(describing: absurd))")
            // Past 64 bits the parser refuses the line and the connection closes.
            let overflow = await clientFailure { _ = try await connection.quotaRoot(for: .inbox) }
            #expect(overflow != nil)
        }
    }

    @Test func withoutQuotaThereIsNoQuotaAndNothingIsSent() async throws {
        try await play([.expectLine(prefix: "M1 NOOP"), .send("M1 OK noop\r\n")]) { (connection) async throws in
            #expect(try await connection.quotaRoot(for: .inbox).isEmpty)
            try await connection.execute(.noop)
        }
    }

    @Test func aSearchAnsweringFourBillionUIDsIsALimitNotAnExpansion() async throws {
        try await play(
            capabilities: "IMAP4rev1 ESEARCH",
            [
                .expectLine(prefix: "M1 UID SEARCH RETURN (ALL) ALL"),
                .send("* ESEARCH (TAG \"M1\") UID ALL 1:4294967295\r\nM1 OK done\r\n"),
                .expectLine(prefix: "M2 UID SEARCH RETURN (ALL) UNSEEN"),
                .send("* ESEARCH (TAG \"M2\") UID ALL 5,3:4,4\r\nM2 OK done\r\n"),
            ]
        ) { (connection) async throws in
            let error = await clientFailure { _ = try await connection.searchUIDs(.all) }
            #expect(error?.isLimitExceeded == true, "\(String(describing: error))")
            #expect(try await connection.searchUIDs(.unseen) == [3, 4, 5])
        }
    }

    @Test func aStatusWithNumbersPastThirtyTwoBitsIsRefused() async throws {
        try await play(
            [
                .expectLine(prefix: "M1 STATUS Archives (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)"),
                .send("* STATUS Archives (MESSAGES 99999999999 UIDNEXT 4 UIDVALIDITY 1)\r\nM1 OK done\r\n"),
                .expectLine(prefix: "M2 STATUS Archives (UIDVALIDITY)"),
                .send("* STATUS Archives (UIDVALIDITY 0)\r\nM2 OK done\r\n"),
                .expectLine(prefix: "M3 STATUS Archives (UIDVALIDITY)"),
                .send("* STATUS Sent (UIDVALIDITY 9)\r\nM3 OK done\r\n"),
                .expectLine(prefix: "M4 STATUS inbox (MESSAGES)"),
                .send("* STATUS Drafts (MESSAGES 1)\r\n* STATUS INBOX (MESSAGES 12)\r\nM4 OK done\r\n"),
            ]
        ) { (connection) async throws in
            let huge = await clientFailure { _ = try await connection.status(MailboxName("Archives")) }
            #expect(huge?.description.contains("MESSAGES 99999999999") == true, "\(String(describing: huge))")
            let zero = await clientFailure {
                _ = try await connection.status(MailboxName("Archives"), items: [.uidValidity])
            }
            #expect(zero?.description.contains("UIDVALIDITY 0") == true, "\(String(describing: zero))")
            // Another mailbox's STATUS (NOTIFY sends those) is not this one's.
            let other = await clientFailure {
                _ = try await connection.status(MailboxName("Archives"), items: [.uidValidity])
            }
            #expect(
                other?.description.contains("no STATUS response for Archives") == true, "\(String(describing: other))")
            #expect(try await connection.status(MailboxName("inbox"), items: [.messages]).messages == 12)
        }
    }

    @Test func createTreatsAlreadyExistsAsDoneAndOtherRefusalsAsErrors() async throws {
        try await play(
            [
                .expectLine(prefix: "M1 CREATE Archives"), .send("M1 NO [ALREADYEXISTS] Mailbox already exists\r\n"),
                .expectLine(prefix: "M2 CREATE Archives"), .send("M2 NO Mailbox already exists\r\n"),
                .expectLine(prefix: "M3 CREATE Archives"), .send("M3 NO [NOPERM] Permission denied\r\n"),
                .expectLine(prefix: "M4 CREATE Archives"), .send("M4 OK created\r\n"),
            ]
        ) { (connection) async throws in
            #expect(try await connection.createMailbox(MailboxName("Archives")) == false)
            #expect(try await connection.createMailbox(MailboxName("Archives")) == false)
            let refused = await clientFailure { try await connection.createMailbox(MailboxName("Archives")) }
            #expect(refused?.isRefused == true)
            #expect(try await connection.createMailbox(MailboxName("Archives")) == true)
        }
    }

    @Test func aFetchWithAHostileSizeNeitherCrashesNorFetchesIt() async throws {
        // UID 2 claims 2^64-1 bytes: it is handed over without bytes; UID 9 was not asked for (n:* names the
        // last message) and is left out; UIDs 1 and 3 come whole, in one command.
        let message = "Subject: a\r\n\r\nb\r\n"
        try await play(
            [
                .expectLine(prefix: "M1 UID FETCH 1:4 (UID FLAGS RFC822.SIZE INTERNALDATE)"),
                .send(
                    "* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE \(message.utf8.count) INTERNALDATE \"26-Nov-2026 18:15:28 +0100\")\r\n"
                        + "* 2 FETCH (UID 2 FLAGS () RFC822.SIZE 18446744073709551615)\r\n"
                        + "* 3 FETCH (UID 3 RFC822.SIZE \(message.utf8.count) INTERNALDATE \"nonsense\")\r\n"
                        + "* 4 FETCH (UID 9 RFC822.SIZE 10)\r\nM1 OK done\r\n"),
                .expectLine(prefix: "M2 UID FETCH 1,3 (UID FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[])"),
                .send(
                    "* 1 FETCH (UID 1 BODY[] {\(message.utf8.count)}\r\n\(message))\r\n"
                        + "* 3 FETCH (UID 3 BODY[] {\(message.utf8.count)}\r\n\(message) FLAGS (\\Flagged))\r\n"
                        + "* 1 FETCH (FLAGS (\\Seen \\Answered))\r\nM2 OK done\r\n"),
            ]
        ) { (connection) async throws in
            var seen: [FetchedMessage] = []
            let commands = try await connection.fetch(UIDSet([1...4]), parts: .whole) { seen.append($0) }
            #expect(commands == 1)
            #expect(seen.map(\.uid) == [1, 2, 3])
            #expect(seen[0].bytes == Array(message.utf8) && seen[0].part == .whole)
            #expect(seen[0].flags == ["\\Seen"])
            #expect(seen[0].internalDate == IMAPDateTime("26-Nov-2026 18:15:28 +0100"))
            #expect(seen[1].bytes == nil && seen[1].size == UInt64.max)
            #expect(seen[2].internalDate == nil && seen[2].flags == ["\\Flagged"])
        }
    }

    @Test func aWideRangeIsNarrowedToTheMessagesThatExistBeforeItsMetadataIsFetched() async throws {
        // `2:*` is four billion UIDs: the client asks which exist (the answer also names UID 1, the last message
        // when none is past 2, which is left out), then fetches only those, headers with their metadata at once.
        try await play(
            [
                .expectLine(prefix: "M1 UID SEARCH UID 2:4294967295"), .send("* SEARCH 1 7 3\r\nM1 OK done\r\n"),
                .expectLine(prefix: "M2 UID FETCH 3,7 (UID FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER])"),
                .send(
                    "* 2 FETCH (UID 3 RFC822.SIZE 1 BODY[HEADER] {2}\r\n\r\n)\r\n* 3 FETCH (UID 7 BODY[HEADER] {2}\r\n\r\n)\r\n"
                        + "* 4 FETCH (UID 8 BODY[HEADER] {2}\r\n\r\n)\r\nM2 OK done\r\n"),
            ]
        ) { (connection) async throws in
            var uids: [UInt32] = []
            var sizes: [UInt64?] = []
            let commands = try await connection.fetch(UIDSet([2...UInt32.max]), parts: .header) {
                uids.append($0.uid)
                sizes.append($0.size)
            }
            #expect(uids == [3, 7] && commands == 1, "UID 8 was not asked for")
            #expect(sizes == [1, nil])
        }
    }
}
