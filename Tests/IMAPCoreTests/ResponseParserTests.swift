@testable import IMAPCore
import Testing

@Suite struct StatusResponseTests {
    @Test func greetingWithCapabilities() throws {
        let data = try untagged("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready.\r\n")
        #expect(data == .state(ResponseState(kind: .ok, code: .capability(["IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "LITERAL+", "STARTTLS", "AUTH=PLAIN"]), text: "Dovecot ready.")))
    }

    @Test func taggedCompletionsWithCodes() throws {
        #expect(try response("A1 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n")
            == .tagged(TaggedResponse(tag: "A1", state: ResponseState(kind: .ok, code: .readWrite, text: "Select completed (0.001 + 0.000 secs)."))))
        #expect(try response("A2 NO [TRYCREATE] Mailbox doesn't exist: Archives\r\n")
            == .tagged(TaggedResponse(tag: "A2", state: ResponseState(kind: .no, code: .tryCreate, text: "Mailbox doesn't exist: Archives"))))
        #expect(try response("A3 BAD Error in IMAP command: Unknown command.\r\n")
            == .tagged(TaggedResponse(tag: "A3", state: ResponseState(kind: .bad, code: nil, text: "Error in IMAP command: Unknown command."))))
        #expect(try response("A4 NO [OVERQUOTA] Quota exceeded (mailbox for user is full)\r\n")
            == .tagged(TaggedResponse(tag: "A4", state: ResponseState(kind: .no, code: .overQuota, text: "Quota exceeded (mailbox for user is full)"))))
        #expect(try response("A5 OK\r\n") == .tagged(TaggedResponse(tag: "A5", state: ResponseState(kind: .ok, code: nil, text: ""))))
    }

    @Test func codesWithArguments() throws {
        func code(_ text: String) throws -> ResponseCode? {
            guard case .state(let state) = try untagged("* OK [\(text)] x\r\n") else { return nil }
            return state.code
        }
        #expect(try code("UIDVALIDITY 3857529045") == .uidValidity(3_857_529_045))
        #expect(try code("UIDNEXT 4392") == .uidNext(4392))
        #expect(try code("HIGHESTMODSEQ 715194045007") == .highestModSeq(715_194_045_007))
        #expect(try code("PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded \\*)")
            == .permanentFlags(["\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "$Forwarded", "\\*"]))
        #expect(try code("APPENDUID 38505 3955") == .appendUID(uidValidity: 38505, uids: UIDSet([3955...3955])))
        #expect(try code("COPYUID 38505 304,319:320 3956:3958")
            == .copyUID(uidValidity: 38505, source: UIDSet([304...304, 319...320]), destination: UIDSet([3956...3958])))
        #expect(try code("ALERT") == .alert)
        #expect(try code("NOMODSEQ") == .noModSeq)
        #expect(try code("CLOSED") == .closed)
        #expect(try code("X-SOMETHING some args") == .other("X-SOMETHING", "some args"))
    }

    @Test func byeAndContinuation() throws {
        #expect(try untagged("* BYE Server shutting down.\r\n") == .bye(ResponseState(kind: .ok, code: nil, text: "Server shutting down.")))
        #expect(try response("+ idling\r\n") == .continuation("idling"))
        #expect(try response("+\r\n") == .continuation(""))
        #expect(try response("+ OK\r\n") == .continuation("OK"))
    }
}

@Suite struct MailboxDataTests {
    @Test func countsAndFlags() throws {
        #expect(try untagged("* 172 EXISTS\r\n") == .exists(172))
        #expect(try untagged("* 1 RECENT\r\n") == .recent(1))
        #expect(try untagged("* 44 EXPUNGE\r\n") == .expunge(44))
        #expect(try untagged("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft Junk NonJunk)\r\n")
            == .flags(["\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "Junk", "NonJunk"]))
        #expect(try untagged("* CAPABILITY IMAP4rev1 MOVE QRESYNC\r\n") == .capability(["IMAP4rev1", "MOVE", "QRESYNC"]))
        #expect(try untagged("* ENABLED CONDSTORE QRESYNC\r\n") == .enabled(["CONDSTORE", "QRESYNC"]))
        #expect(try untagged("* VANISHED (EARLIER) 41,43:116,118\r\n") == .vanished(earlier: true, uids: UIDSet([41...41, 43...116, 118...118])))
        #expect(try untagged("* VANISHED 405\r\n") == .vanished(earlier: false, uids: UIDSet([405...405])))
    }

    @Test func listWithSpecialUseChildInfoAndModifiedUTF7() throws {
        let sent = try untagged("* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n")
        #expect(sent == .list(MailboxListEntry(attributes: ["\\HasNoChildren", "\\Sent"], delimiter: UInt8(ascii: "/"), name: MailboxName(raw: Array("Sent".utf8)), childInfo: [])))
        guard case .list(let cyrus) = try untagged("* LIST (\\HasNoChildren \\junk) \"/\" Junk\r\n") else { return }
        #expect(cyrus.hasAttribute("\\Junk") && !cyrus.hasAttribute("\\Sent"))
        guard case .list(let french) = try untagged("* LIST (\\HasChildren) \".\" \"Dossiers partag&AOk-s\" (CHILDINFO (\"SUBSCRIBED\"))\r\n") else {
            Issue.record("not a LIST")
            return
        }
        #expect(french.name.description == "Dossiers partagés")
        #expect(french.childInfo == ["SUBSCRIBED"])
        guard case .list(let flat) = try untagged("* LIST (\\Noselect) NIL \"\"\r\n") else { return }
        #expect(flat.delimiter == nil && flat.name.raw.isEmpty)
        guard case .lsub(let literalName) = try untagged("* LSUB () \"/\" {\("Élèves".utf8.count)}\r\nÉlèves\r\n") else { return }
        #expect(literalName.name.description == "Élèves")
        // UTF8=ACCEPT: a quoted name in UTF-8, kept as sent and shown as is.
        guard case .list(let utf8) = try untagged("* LIST () \"/\" \"Réunions/Conseil de classe\"\r\n") else { return }
        #expect(utf8.name.raw == Array("Réunions/Conseil de classe".utf8) && utf8.name.description == "Réunions/Conseil de classe")
    }

    @Test func statusSearchAndExtendedSearch() throws {
        #expect(try untagged("* STATUS INBOX (MESSAGES 231 UIDNEXT 44292 UIDVALIDITY 1 UNSEEN 3 SIZE 1048576 HIGHESTMODSEQ 90)\r\n")
            == .status(mailbox: .inbox, items: ["MESSAGES": 231, "UIDNEXT": 44292, "UIDVALIDITY": 1, "UNSEEN": 3, "SIZE": 1_048_576, "HIGHESTMODSEQ": 90]))
        #expect(try untagged("* SEARCH 2 84 882\r\n") == .search([2, 84, 882], modSeq: nil))
        #expect(try untagged("* SEARCH\r\n") == .search([], modSeq: nil))
        #expect(try untagged("* SEARCH 2 5 (MODSEQ 917162500)\r\n") == .search([2, 5], modSeq: 917_162_500))
        var expected = ExtendedSearchResult()
        expected.tag = "A282"
        expected.isUID = true
        expected.min = 2
        expected.count = 3
        expected.all = UIDSet([2...4, 10...10])
        #expect(try untagged("* ESEARCH (TAG \"A282\") UID MIN 2 COUNT 3 ALL 2:4,10\r\n") == .esearch(expected))
        #expect(try untagged("* ESEARCH (TAG \"A3\") UID\r\n") == .esearch(ExtendedSearchResult(tag: "A3", isUID: true)))
    }

    @Test func quotaNamespaceAndID() throws {
        #expect(try untagged("* QUOTAROOT INBOX \"User quota\"\r\n") == .quotaRoot(mailbox: .inbox, roots: ["User quota"]))
        #expect(try untagged("* QUOTA \"User quota\" (STORAGE 10 1024 MESSAGE 3 1000)\r\n")
            == .quota(root: "User quota", resources: [QuotaResource(name: "STORAGE", usage: 10, limit: 1024), QuotaResource(name: "MESSAGE", usage: 3, limit: 1000)]))
        let namespaces = try untagged("* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#public/\" \"/\" \"X-PARAM\" (\"FLAG1\")))\r\n")
        guard case .namespace(let value) = namespaces else { return }
        #expect(value.personal == [Namespaces.Entry(prefix: MailboxName(raw: []), delimiter: UInt8(ascii: "/"))])
        #expect(value.shared.map(\.prefix.description) == ["#shared/", "#public/"])
        #expect(try untagged("* NAMESPACE ((\"\" \".\")) NIL NIL\r\n")
            == .namespace(Namespaces(personal: [.init(prefix: MailboxName(raw: []), delimiter: UInt8(ascii: "."))], otherUsers: [], shared: [])))
        #expect(try untagged("* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n") == .id(["name": "Dovecot", "version": ""]))
        #expect(try untagged("* ID NIL\r\n") == .id(nil))
    }
}

@Suite struct FetchResponseTests {
    @Test func headersAndFlagsWithALiteral() throws {
        let header = "From: a@example.org\r\nSubject: test\r\n\r\n"
        let wire = "* 12 FETCH (UID 4827 FLAGS (\\Seen $Label1) RFC822.SIZE 44827 INTERNALDATE \"17-Jul-2026 02:44:25 -0700\" MODSEQ (12121231000) BODY[HEADER] {\(header.utf8.count)}\r\n\(header))\r\n"
        #expect(try untagged(wire) == .fetch(sequence: 12, attributes: [
            .uid(4827), .flags(["\\Seen", "$Label1"]), .rfc822Size(44827), .internalDate("17-Jul-2026 02:44:25 -0700"),
            .modSeq(12_121_231_000), .body(section: "HEADER", origin: nil, data: Array(header.utf8)),
        ]))
    }

    @Test func sectionsOriginsBinaryAndNil() throws {
        #expect(try untagged("* 1 FETCH (BODY[HEADER.FIELDS (FROM SUBJECT)] {4}\r\nab\r\n BODY[1.2.MIME]<0> NIL)\r\n") == .fetch(sequence: 1, attributes: [
            .body(section: "HEADER.FIELDS (FROM SUBJECT)", origin: nil, data: Array("ab\r\n".utf8)),
            .body(section: "1.2.MIME", origin: 0, data: nil),
        ]))
        #expect(try untagged("* 2 FETCH (BINARY[1] ~{3}\r\n\u{0}\u{1}\u{2} BINARY.SIZE[1] 3 RFC822 \"x\")\r\n") == .fetch(sequence: 2, attributes: [
            .binary(section: "1", data: [0, 1, 2]), .binarySize(section: "1", size: 3), .body(section: "", origin: nil, data: Array("x".utf8)),
        ]))
    }

    @Test func envelopeAndUnmodelledItems() throws {
        let wire = "* 3 FETCH (ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \"<B27397-0100000@cac.washington.edu>\") BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92) UID 9)\r\n"
        guard case .fetch(_, let attributes) = try untagged(wire), case .envelope(let envelope) = attributes.first else {
            Issue.record("no envelope")
            return
        }
        #expect(envelope.cc.count == 2)
        #expect(envelope.cc[1].mailbox == Array("KLENSIN".utf8))
        #expect(envelope.bcc.isEmpty && envelope.inReplyTo == nil)
        #expect(envelope.messageID == Array("<B27397-0100000@cac.washington.edu>".utf8))
        #expect(attributes.dropFirst().elementsEqual([.other("BODYSTRUCTURE"), .uid(9)]))
    }
}
