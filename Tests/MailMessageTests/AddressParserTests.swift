import MailMessage
import Testing

@Suite struct AddressParserTests {
    private func list(_ text: String) -> [AddressListEntry] { AddressParser.parseList(Array(text.utf8)) }
    private func mailboxes(_ text: String) -> [Mailbox] { AddressParser.parseMailboxes(Array(text.utf8)) }

    @Test func plainAndNamedAddresses() {
        #expect(mailboxes("jeanne@example.fr") == [Mailbox(localPart: "jeanne", domain: "example.fr")])
        #expect(
            mailboxes("Jeanne Dupont <jeanne@example.fr>")
                == [Mailbox(displayName: "Jeanne Dupont", localPart: "jeanne", domain: "example.fr")])
        #expect(
            mailboxes("\"Dupont, Jeanne\" <jeanne@example.fr>, marc@example.fr").map(\.displayName)
                == ["Dupont, Jeanne", nil])
    }

    /// An address whose pieces lie side by side is read from the input in one piece; spaces, comments, quotes
    /// and domain literals between or around them take the piece-by-piece path: both give the same address.
    @Test func addressesReadWholeOrPieceByPiece() {
        let plain = Mailbox(localPart: "jean.dupont", domain: "ac-exemple.fr")
        let spellings = [
            "jean.dupont@ac-exemple.fr", "jean . dupont @ ac-exemple . fr", "jean(x).dupont@ac-exemple.(y)fr",
        ]
        for text in spellings {
            #expect(AddressParser.parseMailboxes(Array(text.utf8), withNames: false) == [plain], "\(text)")
        }
        let literal = Mailbox(localPart: "jean.dupont", domain: "[192.0.2.1]")
        #expect(mailboxes("<\"jean\".dupont@[192.0.2.1]>") == [literal])
        #expect(mailboxes("élève@exemple.fr") == [Mailbox(localPart: "élève", domain: "exemple.fr")])
        #expect(mailboxes("@exemple.fr") == [Mailbox(localPart: "", domain: "exemple.fr")])
        #expect(mailboxes("jean@") == [Mailbox(localPart: "jean", domain: "")])
    }

    @Test func quotedLocalPartsAndEscapes() {
        let box = mailboxes("\"jean dupont\"@example.fr").first!
        #expect(box.localPart == "jean dupont")
        #expect(box.address == "\"jean dupont\"@example.fr")
        #expect(mailboxes("\"a\\\"b\" <x@y>").first?.displayName == "a\"b")
    }

    @Test func commentsAreSkippedAndStandForAMissingName() {
        #expect(
            mailboxes("marc@example.fr (Marc Lefèvre)")
                == [Mailbox(displayName: "Marc Lefèvre", localPart: "marc", domain: "example.fr")])
        #expect(mailboxes("Marc (the (nested) one) <marc@example.fr>").first?.displayName == "Marc")
        #expect(mailboxes("marc(c1)@(c2)example.fr").first?.address == "marc@example.fr")
    }

    @Test func groupsIncludingEmptyOnes() {
        let entries = list("Profs: a@x.fr, \"B\" <b@x.fr>;, undisclosed-recipients:;, c@y.fr")
        #expect(entries.count == 3)
        #expect(
            entries[0]
                == .group(
                    name: "Profs",
                    members: [
                        Mailbox(localPart: "a", domain: "x.fr"),
                        Mailbox(displayName: "B", localPart: "b", domain: "x.fr"),
                    ]))
        #expect(entries[1] == .group(name: "undisclosed-recipients", members: []))
        #expect(entries[2] == .mailbox(Mailbox(localPart: "c", domain: "y.fr")))
    }

    @Test func obsoleteForms() {
        // A route, empty list elements, a dotted phrase, spaces around dots.
        #expect(mailboxes("<@relay.fr,@gw.fr:jean@example.fr>").first?.address == "jean@example.fr")
        #expect(mailboxes(",, a@b.fr ,,").map(\.address) == ["a@b.fr"])
        #expect(mailboxes("John Q. Public <john@example.com>").first?.displayName == "John Q. Public")
        #expect(mailboxes("jean . dupont @ example . fr").first?.address == "jean.dupont@example.fr")
        #expect(mailboxes("user@[127.0.0.1]").first?.domain == "[127.0.0.1]")
    }

    @Test func encodedWordsInNames() {
        #expect(
            mailboxes("=?UTF-8?Q?Secr=C3=A9tariat?= <s@x.fr>").first?.displayName == "Secrétariat")
        // Not allowed inside quotes, but common: decoded anyway.
        #expect(mailboxes("\"=?ISO-8859-1?Q?Lef=E8vre?=\" <m@x.fr>").first?.displayName == "Lefèvre")
    }

    @Test func utf8AddressesOfRFC6532() {
        let box = mailboxes("Élodie <élodie@école.fr>").first!
        #expect(box.localPart == "élodie")
        #expect(box.domain == "école.fr")
        #expect(box.displayName == "Élodie")
    }

    @Test func brokenInputNeverFails() {
        #expect(mailboxes("Jeanne <jeanne@example.fr").first?.address == "jeanne@example.fr")
        #expect(mailboxes("<>").isEmpty || mailboxes("<>").first?.address == "")
        #expect(mailboxes("").isEmpty)
        #expect(mailboxes("\"unterminated <a@b>").count <= 1)
        #expect(mailboxes("just a name").first?.displayName == "just a name")
        let deep = String(repeating: "(", count: 10_000) + "a@b"
        _ = mailboxes(deep)
    }

    @Test func phishingDisplayNameIsKeptApartFromTheAddress() {
        // Phishing that impersonates the IT service puts an address in the display name.
        let box = mailboxes("\"support@ac-exemple.fr\" <evil@attacker.example>").first!
        #expect(box.displayName == "support@ac-exemple.fr")
        #expect(box.domain == "attacker.example")
    }

    @Test func messageAccessorsReadEveryField() {
        let parsed = message("From: a@x.fr\nTo: b@x.fr, c@x.fr\nTo: d@x.fr\nCc: G: e@x.fr;\n\n")
        #expect(parsed.from.map(\.address) == ["a@x.fr"])
        #expect(parsed.to.map(\.address) == ["b@x.fr", "c@x.fr", "d@x.fr"])
        #expect(parsed.cc.map(\.address) == ["e@x.fr"])
        #expect(parsed.addressList("Cc") == [.group(name: "G", members: [Mailbox(localPart: "e", domain: "x.fr")])])
    }
}
