import MailMessage
import Testing

@Suite struct TerminalTextTests {
    @Test func ordinaryTextIsUnchanged() {
        for text in ["", "Réunion de rentrée — jeudi 17 h", "中文 テスト Привет", "a\\eb", "emoji 👍🏽"] {
            #expect(TerminalText.escaped(text) == text)
        }
    }

    @Test func controlsAreWrittenVisibly() {
        #expect(TerminalText.escaped("\u{1B}]0;pwned\u{7}Hi") == "\\e]0;pwned\\u{7}Hi")
        #expect(TerminalText.escaped("a\rb\u{8}c\td\ne\u{0}") == "a\\rb\\u{8}c\\td\\ne\\u{0}")
        #expect(TerminalText.escaped("del\u{7F} csi\u{9B}31m nel\u{85}") == "del\\u{7F} csi\\u{9B}31m nel\\u{85}")
        #expect(TerminalText.escaped("a\r\nb") == "a\\r\\nb")  // one Character, two controls
    }

    @Test func bidirectionalOverridesAndLineSeparatorsAreWrittenVisibly() {
        #expect(TerminalText.escaped("invoice\u{202E}fdp.exe") == "invoice\\u{202E}fdp.exe")
        for scalar in [0x202A, 0x202B, 0x202C, 0x202D, 0x2066, 0x2067, 0x2068, 0x2069, 0x2028, 0x2029] {
            let text = "x" + String(Unicode.Scalar(UInt32(scalar))!) + "y"
            #expect(TerminalText.escaped(text) == "x\\u{\(String(scalar, radix: 16, uppercase: true))}y")
        }
    }

    @Test func tabsCanBeKeptInFreeText() {
        #expect(TerminalText.escaped("a\tb\u{1B}", keepingTabs: true) == "a\tb\\e")
        #expect(TerminalText.escaped("a\tb", keepingTabs: false) == "a\\tb")
    }

    @Test func noOutputScalarIsAControl() {
        let every = String(String.UnicodeScalarView((0...0x2FF).compactMap(Unicode.Scalar.init)))
        let shown = TerminalText.escaped(every)
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
}
