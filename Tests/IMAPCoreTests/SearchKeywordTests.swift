import IMAPCore
import Testing

/// KEYWORD in UID SEARCH: written as an atom, and a keyword that is not one is refused before anything is sent
/// (a Sieve script's `addflag` chooses keywords; one with a space or parenthesis would change the search).
@Suite struct SearchKeywordTests {
    @Test func aKeywordIsWrittenAsItIs() {
        let command = Command.uidSearch(.and([.keyword("$Filed"), .not(.keyword("Junk"))]), returnOptions: nil)
        #expect(command.invalidArgument == nil)
        #expect(
            String(decoding: CommandEncoder().encode(command, tag: "A1").bytes, as: UTF8.self)
                == "A1 UID SEARCH (KEYWORD $Filed NOT KEYWORD Junk)\r\n")
    }

    @Test(arguments: ["", "a b", "x) ALL (", "\\Seen", "a\r\nA2 LOGOUT"])
    func aKeywordThatIsNotAnAtomIsRefused(keyword: String) {
        #expect(Command.uidSearch(.or(.all, .not(.keyword(keyword))), returnOptions: nil).invalidArgument != nil)
    }
}
