import Testing

@testable import IMAPCore

@Suite struct CommandEncoderTests {
    private func text(_ command: Command, _ encoder: CommandEncoder = CommandEncoder(literals: .literalPlus)) -> String
    {
        String(decoding: encoder.encode(command, tag: "A1").bytes, as: UTF8.self)
    }

    @Test func simpleCommands() {
        #expect(text(.capability) == "A1 CAPABILITY\r\n")
        #expect(text(.select(.inbox, condStore: true)) == "A1 SELECT INBOX (CONDSTORE)\r\n")
        #expect(text(.enable(["CONDSTORE", "QRESYNC"])) == "A1 ENABLE CONDSTORE QRESYNC\r\n")
        #expect(
            text(
                .uidFetch(
                    UIDSet([1...5, 9...9]), items: [.uid, .flags, .rfc822Size, .headerFields(["FROM", "SUBJECT"])],
                    changedSince: 12))
                == "A1 UID FETCH 1:5,9 (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]) (CHANGEDSINCE 12)\r\n"
        )
        #expect(
            text(.uidStore(UIDSet([3...3]), .add, flags: ["\\Deleted"], silent: true))
                == "A1 UID STORE 3 +FLAGS.SILENT (\\Deleted)\r\n")
        #expect(text(.uidMove(UIDSet([3...4]), to: MailboxName("Élèves"))) == "A1 UID MOVE 3:4 &AMk-l&AOg-ves\r\n")
        #expect(text(.uidExpunge(UIDSet([7...7]))) == "A1 UID EXPUNGE 7\r\n")
        #expect(
            text(.list(pattern: MailboxName("*"), specialUse: true, status: ["MESSAGES", "SIZE"]))
                == "A1 LIST \"\" \"*\" RETURN (SPECIAL-USE STATUS (MESSAGES SIZE))\r\n")
        #expect(
            text(
                .uidSearch(
                    .and([.before("1-Jan-2025"), .not(.flagged), .or(.seen, .larger(1_000_000))]),
                    returnOptions: ["ALL", "COUNT"]))
                == "A1 UID SEARCH RETURN (ALL COUNT) (BEFORE 1-Jan-2025 NOT FLAGGED OR SEEN LARGER 1000000)\r\n")
        #expect(
            text(.id(["name": "mailsift", "version": "0.1"])) == "A1 ID (\"name\" \"mailsift\" \"version\" \"0.1\")\r\n"
        )
        #expect(text(.id([:])) == "A1 ID NIL\r\n")
    }

    @Test func stringsAreAtomsQuotedOrLiteralsAsNeeded() {
        #expect(text(.create(MailboxName("Archives 2025"))) == "A1 CREATE \"Archives 2025\"\r\n")
        #expect(text(.create(MailboxName("a\"b\\c"))) == "A1 CREATE \"a\\\"b\\\\c\"\r\n")
        #expect(text(.create(MailboxName(raw: Array("Été".utf8)))) == "A1 CREATE {5+}\r\nÉté\r\n")
        #expect(
            text(.create(MailboxName(raw: Array("Été".utf8))), CommandEncoder(utf8Accepted: true))
                == "A1 CREATE \"Été\"\r\n")
        #expect(text(.create(MailboxName(raw: []))) == "A1 CREATE \"\"\r\n")
    }

    @Test func synchronizingLiteralsCutTheCommand() {
        let message = Array("Subject: x\r\n\r\nhello\r\n".utf8)
        let append = Command.append(
            .inbox, flags: ["\\Seen"], internalDate: "26-Nov-2026 18:15:28 +0000", message: message)
        let sync = CommandEncoder(literals: .synchronizing).encode(append, tag: "A7")
        #expect(sync.chunks.count == 2)
        #expect(
            String(decoding: sync.chunks[0], as: UTF8.self)
                == "A7 APPEND INBOX (\\Seen) \"26-Nov-2026 18:15:28 +0000\" {\(message.count)}\r\n")
        #expect(sync.chunks[1] == message + Array("\r\n".utf8))
        #expect(CommandEncoder(literals: .literalPlus).encode(append, tag: "A7").chunks.count == 1)
        #expect(CommandEncoder(literals: .literalMinus).encode(append, tag: "A7").chunks.count == 1)
        let big = Command.append(.inbox, flags: [], internalDate: nil, message: Array(repeating: 65, count: 5000))
        #expect(CommandEncoder(literals: .literalMinus).encode(big, tag: "A8").chunks.count == 2)
        #expect(
            sync.logLine
                == "A7 APPEND INBOX (\\Seen) \"26-Nov-2026 18:15:28 +0000\" {\(message.count)}<\(message.count) bytes>")
    }

    @Test func secretsNeverReachTheLogLine() {
        let plain = CommandEncoder(saslInitialResponse: true).encode(
            .authenticatePlain(authorizationID: "alice", user: "admin", password: "s3cret"), tag: "A2")
        #expect(String(decoding: plain.bytes, as: UTF8.self) == "A2 AUTHENTICATE PLAIN YWxpY2UAYWRtaW4AczNjcmV0\r\n")
        #expect(plain.logLine == "A2 AUTHENTICATE PLAIN ***")
        let noIR = CommandEncoder().encode(
            .authenticatePlain(authorizationID: "", user: "bob", password: "p"), tag: "A3")
        #expect(
            noIR.chunks.map { String(decoding: $0, as: UTF8.self) } == ["A3 AUTHENTICATE PLAIN\r\n", "AGJvYgBw\r\n"])
        let login = CommandEncoder().encode(.login(user: "alice", password: "pa ss\"word"), tag: "A4")
        #expect(String(decoding: login.bytes, as: UTF8.self) == "A4 LOGIN alice \"pa ss\\\"word\"\r\n")
        #expect(!login.logLine.contains("pa ss"))
        let xoauth = CommandEncoder(saslInitialResponse: true).encode(
            .authenticateXOAuth2(user: "a@b.fr", token: "tok"), tag: "A5")
        #expect(
            String(decoding: xoauth.bytes, as: UTF8.self)
                == "A5 AUTHENTICATE XOAUTH2 dXNlcj1hQGIuZnIBYXV0aD1CZWFyZXIgdG9rAQE=\r\n")
        #expect(!xoauth.logLine.contains("dXNl"))
    }

    @Test func capabilitiesChooseTheLiteralForm() {
        #expect(CommandEncoder(capabilities: ["IMAP4rev1", "LITERAL+", "SASL-IR"]).literals == .literalPlus)
        #expect(CommandEncoder(capabilities: ["IMAP4rev2", "LITERAL-"]).literals == .literalMinus)
        #expect(CommandEncoder(capabilities: ["IMAP4rev1"]).literals == .synchronizing)
        #expect(CommandEncoder(capabilities: ["sasl-ir"]).saslInitialResponse)
    }

    @Test func uidSetsAreRangesAndSplitToShortLines() {
        #expect(UIDSet(uids: [5, 1, 2, 3, 9, 10, 3]).description == "1:3,5,9:10")
        let scattered = UIDSet(uids: stride(from: 1, to: 20_000, by: 2).map { UInt32($0) })
        let chunks = scattered.chunked(maxBytes: 1000)
        #expect(chunks.allSatisfy { $0.description.utf8.count <= 1000 })
        #expect(chunks.reduce(0) { $0 + $1.count } == scattered.count)
        #expect(chunks.flatMap(\.ranges) == scattered.ranges)
    }
}

@Suite struct CommandValidationTests {
    @Test(arguments: [
        (Command.uidStore(UIDSet([1...1]), .add, flags: ["\\Seen", "$Junk", "NonJunk"], silent: true), nil as String?),
        (
            .uidStore(UIDSet([1...1]), .add, flags: ["two words"], silent: true),
            "not a valid IMAP flag or keyword: \"two words\""
        ),
        (
            .uidStore(UIDSet([1...1]), .add, flags: ["x)\r\nA1 DELETE INBOX"], silent: true),
            "not a valid IMAP flag or keyword: \"x)\\r\\nA1 DELETE INBOX\""
        ),
        (.uidStore(UIDSet([1...1]), .add, flags: ["\\"], silent: true), "not a valid IMAP flag or keyword: \"\\\\\""),
        (.append(.inbox, flags: [], internalDate: " 2-Sep-2025 08:30:00 +0200", message: []), nil),
        (.append(.inbox, flags: [], internalDate: "02-Sep-2025 08:30:00 -0700", message: []), nil),
        (
            .append(.inbox, flags: [], internalDate: "2-Sep-2025 08:30:00 +0200", message: []),
            "not an IMAP date-time (\"26-Nov-2026 18:15:28 +0000\"): \"2-Sep-2025 08:30:00 +0200\""
        ),
        (
            .append(.inbox, flags: [], internalDate: "02-Sop-2025 08:30:00 +0200", message: []),
            "not an IMAP date-time (\"26-Nov-2026 18:15:28 +0000\"): \"02-Sop-2025 08:30:00 +0200\""
        ),
        (.multiAppend(.inbox, []), "MULTIAPPEND of no message"),
        (.enable(["UTF8=ACCEPT", "QRESYNC"]), nil),
        (.status(.inbox, items: ["MESSAGES) (X"]), "not an IMAP atom: \"MESSAGES) (X\""),
        (.uidFetch(UIDSet([1...1]), items: [.headerFields(["Subject", "List-Id"])], changedSince: nil), nil),
        (
            .uidFetch(UIDSet([1...1]), items: [.headerFields(["Subject:"])], changedSince: nil),
            "not a header field name: \"Subject:\""
        ),
    ])
    func argumentsThatWouldChangeACommandAreNamed(command: Command, problem: String?) {
        #expect(command.invalidArgument == problem)
    }

    @Test func qresyncMultiAppendAndNotifyAreWrittenAsTheRFCsSay() {
        let encoder = CommandEncoder(literals: .literalPlus)
        let select = encoder.encode(
            .select(
                MailboxName("Archives"), condStore: false,
                qresync: QResyncParameters(
                    uidValidity: 67_890_007, modSeq: 90_060_115_194_045_000, knownUIDs: UIDSet([1...3]))),
            tag: "A1")
        #expect(
            String(decoding: select.bytes, as: UTF8.self)
                == "A1 SELECT Archives (QRESYNC (67890007 90060115194045000 1:3))\r\n")
        let append = encoder.encode(
            .multiAppend(
                .inbox,
                [
                    AppendMessage(
                        flags: ["\\Seen"], internalDate: "26-Nov-2026 18:15:28 +0000", bytes: Array("a".utf8)),
                    AppendMessage(bytes: Array("bc".utf8)),
                ]),
            tag: "A2")
        #expect(
            String(decoding: append.bytes, as: UTF8.self)
                == "A2 APPEND INBOX (\\Seen) \"26-Nov-2026 18:15:28 +0000\" {1+}\r\na {2+}\r\nbc\r\n")
        #expect(
            String(
                decoding: encoder.encode(.notify(NotifyRequest(flagChanges: false, otherMailboxes: true)), tag: "A3")
                    .bytes, as: UTF8.self)
                == "A3 NOTIFY SET (SELECTED (MessageNew MessageExpunge)) (PERSONAL (MessageNew MessageExpunge))\r\n")
        #expect(String(decoding: encoder.encode(.notify(nil), tag: "A4").bytes, as: UTF8.self) == "A4 NOTIFY NONE\r\n")
        let watched = NotifyRequest(
            flagChanges: false, mailboxes: [.inbox, MailboxName("Indésirables"), MailboxName("a b")])
        #expect(
            String(decoding: encoder.encode(.notify(watched), tag: "A6").bytes, as: UTF8.self)
                == "A6 NOTIFY SET (SELECTED (MessageNew MessageExpunge)) (MAILBOXES (INBOX Ind&AOk-sirables \"a b\") (MessageNew MessageExpunge))\r\n"
        )
        // Without LITERAL+, each message of a MULTIAPPEND waits for its own continuation.
        let synchronizing = CommandEncoder(literals: .synchronizing).encode(
            .multiAppend(.inbox, [AppendMessage(bytes: Array("a".utf8)), AppendMessage(bytes: Array("bc".utf8))]),
            tag: "A5")
        #expect(
            synchronizing.chunks.map { String(decoding: $0, as: UTF8.self) } == [
                "A5 APPEND INBOX {1}\r\n", "a {2}\r\n", "bc\r\n",
            ])
    }
}
