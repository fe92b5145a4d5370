@testable import IMAPCore
import Testing

@Suite struct ParserLimitsTests {
    private func firstError(_ wire: [UInt8], limits: IMAPLimits = .default) -> IMAPParseError? {
        var parser = ResponseParser(limits: limits)
        parser.append(wire)
        do {
            while try parser.next() != nil {}
            return nil
        } catch {
            return error
        }
    }

    @Test func aLiteralOverTheLimitIsRefusedBeforeItsBytesArrive() {
        var limits = IMAPLimits.default
        limits.maxLiteralBytes = 1000
        // Only the announcement is sent: the refusal must not wait for (or buffer) the 5 GB.
        let error = firstError(Array("* 1 FETCH (BODY[] {5000000000}\r\n".utf8), limits: limits)
        #expect(error?.isLimitExceeded == true)
        #expect(error?.message.contains("literal of 5000000000 bytes") == true)
    }

    @Test func aLineWithoutEndIsRefusedAtTheLimit() {
        var limits = IMAPLimits.default
        limits.maxLineBytes = 1024
        var parser = ResponseParser(limits: limits)
        parser.append(Array("* OK ".utf8))
        #expect((try? parser.next()) == .some(nil))
        parser.append([UInt8](repeating: UInt8(ascii: "a"), count: 2000))
        #expect(throws: IMAPParseError.self) { try parser.next() }
    }

    @Test func deepNestingIsRefused() {
        let deep = "* 1 FETCH (BODYSTRUCTURE " + String(repeating: "(", count: 100) + String(repeating: ")", count: 100) + ")\r\n"
        #expect(firstError(Array(deep.utf8))?.isLimitExceeded == true)
    }

    @Test(arguments: [
        "garbage\r\n", "* 12\r\n", "* 12 FETCH (UID)\r\n", "* 12 FETCH (UID 1\r\n", "* FLAGS (\\Seen\r\n",
        "* OK [UIDVALIDITY abc] x\r\n", "* LIST () \"ab\" x\r\n", "* 99999999999 EXISTS\r\n", "A1 MAYBE done\r\n",
        "* SEARCH 1 2 x\r\n", "* 1 FETCH (BODY[] {3}\r\nab)\r\n", "\u{0}\u{1}\r\n", "* STATUS INBOX (MESSAGES)\r\n",
        "* OK [COPYUID 1 2] x\r\n", "* ESEARCH (TAG A1) UID\r\n",
    ])
    func malformedResponsesAreErrorsWithAPlace(wire: String) {
        let error = firstError(Array(wire.utf8))
        #expect(error != nil, "accepted: \(wire.debugDescription)")
        #expect(error?.isLimitExceeded == false)
    }

    @Test func anAnnouncedLiteralThatNeverCompletesWaitsForBytes() throws {
        var parser = ResponseParser()
        parser.append(Array("* 1 FETCH (BODY[] {10}\r\nabc".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.pendingBytes == 27)
    }

    @Test func untaggedResponsesInterleaveAnywhere() throws {
        let wire = "* 3 EXISTS\r\n* 1 FETCH (FLAGS (\\Seen))\r\nA1 OK done\r\n* 4 EXISTS\r\n+ go\r\n* BYE bye\r\n"
        #expect(try responses(wire).count == 6)
    }
}

@Suite struct ModifiedUTF7Tests {
    @Test(arguments: [
        ("INBOX", "INBOX"), ("Élèves & parents", "&AMk-l&AOg-ves &- parents"), ("日本語", "&ZeVnLIqe-"),
        ("Corbeille/Été 2025", "Corbeille/&AMk-t&AOk- 2025"), ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
        ("😀", "&2D3eAA-"),
    ])
    func encodesAndDecodes(pair: (String, String)) {
        #expect(String(decoding: ModifiedUTF7.encode(pair.0), as: UTF8.self) == pair.1)
        #expect(ModifiedUTF7.decode(Array(pair.1.utf8)) == pair.0)
    }

    @Test func invalidFormsAreNotDecoded() {
        for bad in ["&AMk", "&-AMk", "&Jjo!-", "&AGE-", "caf\u{e9}", "&2D0-"] where bad != "&-AMk" {
            #expect(ModifiedUTF7.decode(Array(bad.utf8)) == nil, "\(bad)")
        }
        // Names that are not modified UTF-7 are shown as UTF-8 (servers with UTF8=ACCEPT).
        #expect(MailboxName(raw: Array("Été".utf8)).description == "Été")
    }
}
