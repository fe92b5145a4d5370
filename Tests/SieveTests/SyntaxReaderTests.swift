import Testing

@testable import Sieve

@Suite struct LexerTests {
    private func kinds(_ source: String) -> [Token.Kind] {
        var lexer = Lexer(Array(source.utf8))
        return lexer.tokenize().map(\.kind)
    }

    @Test func tokensOfACommand() {
        #expect(
            kinds("if header :Contains [\"Subject\", \"X\"] 10K { stop; }") == [
                .identifier("if"), .identifier("header"), .tag("contains"), .leftBracket,
                .string("Subject", multiline: false), .comma, .string("X", multiline: false), .rightBracket,
                .number(10 * 1024), .leftBrace, .identifier("stop"), .semicolon, .rightBrace, .end,
            ])
    }

    @Test func quantifiersAndOverflow() {
        #expect(kinds("1k 2M 3g") == [.number(1024), .number(2 << 20), .number(3 << 30), .end])
        var lexer = Lexer(Array("99999999999999999999".utf8))
        _ = lexer.tokenize()
        #expect(lexer.diagnostics.map(\.message) == ["number is too large (at most 18446744073709551615)"])
        lexer = Lexer(Array("17179869184G".utf8))
        _ = lexer.tokenize()
        #expect(lexer.diagnostics.count == 1)
    }

    @Test func quotedStringEscapesAndLineBreaks() {
        #expect(kinds(#""a\"b\\c\d""#) == [.string("a\"b\\cd", multiline: false), .end])
        #expect(kinds("\"two\nlines\"") == [.string("two\r\nlines", multiline: false), .end])
    }

    @Test func multilineStringsWithDotStuffing() {
        let source = "text: # comment\nline one\n..dot\n.\n;"
        #expect(kinds(source) == [.string("line one\r\n.dot\r\n", multiline: true), .semicolon, .end])
        #expect(kinds("TEXT:\r\nx\r\n.\r\n") == [.string("x\r\n", multiline: true), .end])
    }

    @Test func commentsOfBothKinds() {
        #expect(kinds("keep; # rest\n/* block\n comment */ stop;") == [
            .identifier("keep"), .semicolon, .identifier("stop"), .semicolon, .end,
        ])
    }

    @Test func errorsHaveLocations() {
        var lexer = Lexer(Array("keep;\n  @ \"open".utf8))
        _ = lexer.tokenize()
        #expect(lexer.diagnostics.map(\.description) == [
            "2:3: error: unexpected character '@'",
            "2:5: error: string started here is never closed with '\"'",
        ])
        lexer = Lexer(Array("/* never".utf8))
        _ = lexer.tokenize()
        #expect(lexer.diagnostics.first?.message == "comment started here is never closed with '*/'")
        lexer = Lexer([0x22, 0xFF, 0x22])
        _ = lexer.tokenize()
        #expect(lexer.diagnostics.first?.message == "string is not valid UTF-8")
    }
}

@Suite struct ParserTests {
    @Test func commandsTestsAndBlocks() throws {
        let result = SyntaxReader.read("""
            require ["fileinto"];
            if anyof (header :is "x" "y", not exists "z") { fileinto "A"; } elsif true { keep; } else { discard; }
            """)
        #expect(result.diagnostics.isEmpty)
        let commands = result.script.commands
        #expect(commands.map(\.name) == ["require", "if", "elsif", "else"])
        #expect(commands[0].arguments.first?.strings == ["fileinto"])
        let test = try #require(commands[1].tests.first)
        #expect(test.name == "anyof")
        #expect(test.tests.map(\.name) == ["header", "not"])
        #expect(test.tests[1].tests.first?.name == "exists")
        #expect(commands[1].block?.first?.name == "fileinto")
        #expect(commands[1].location == SourceLocation(line: 2, column: 1, offset: 22))
    }

    @Test func reportsEveryErrorAndRecovers() {
        // (`keep` followed by `if true {…}` is valid grammar: a command with a test and a block. The validator
        // rejects it, not the parser.)
        let result = SyntaxReader.read("""
            fileinto "A" "B" [;
            if true { stop }
            fileinto "A" ];
            discard;
            """)
        #expect(result.diagnostics.map(\.description) == [
            "1:19: error: expected a string in the list but found ';'",
            "2:16: error: expected ';' or '{' after command 'stop' but found '}'",
            "3:14: error: expected ';' or '{' after command 'fileinto' but found ']'",
        ])
        // Parsing went on after each error: the `if` and the final `discard` are there.
        #expect(result.script.commands.map(\.name) == ["if", "discard"])
    }

    @Test func unclosedBlocksAndLists() {
        #expect(SyntaxReader.read("if true { keep;").diagnostics.first?.message.hasPrefix("block started at 1:1") == true)
        #expect(SyntaxReader.read("fileinto [\"a\", ;").diagnostics.first?.message == "expected a string in the list but found ';'")
        #expect(SyntaxReader.read("}").diagnostics.first?.message == "'}' without a matching '{'")
    }

    @Test func hostileNestingIsBounded() {
        let deepTests = "if " + String(repeating: "not ", count: 100_000) + "true { keep; }"
        #expect(SyntaxReader.read(deepTests).diagnostics.first?.message == "tests are nested more than 32 deep")
        let deepBlocks = String(repeating: "if true { ", count: 10_000) + String(repeating: "}", count: 10_000)
        #expect(SyntaxReader.read(deepBlocks).diagnostics.contains { $0.message == "blocks are nested more than 32 deep" })
        let deepLists = "if " + String(repeating: "anyof(", count: 10_000) + "true" + String(repeating: ")", count: 10_000) + " {}"
        #expect(!SyntaxReader.read(deepLists).diagnostics.isEmpty)
    }
}
