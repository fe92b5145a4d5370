import TestSupport
import Testing

@testable import MailMessage

/// `HTMLText.Scanner.styleHides`: the quick byte check in front of the declaration parse must never turn a
/// hiding style into a visible one (the hidden-text measure, and the spam scores, would change).
@Suite struct StyleHidesTests {
    @Test func hidingStylesHide() {
        for style in [
            "display:none", "DISPLAY: None !important", "color:red; display :\tnone", "visibility:hidden",
            "opacity:0", "opacity: 0.05", "opacity:1e-5", "font-size:0", "font-size: 2px", "font-size:1.5pt",
            "font-size:.5px", "font-size:0px;color:red", "color:red;font-size:1PX",
        ] {
            #expect(HTMLText.Scanner.styleHides(style), "\(style)")
        }
    }

    @Test func readableStylesDoNot() {
        for style in [
            "", "color:red", "font-size:12px", "font-size: 3pt", "font-size:20px;display:block", "opacity:1",
            "font-family:Arial", "a:b:display:none", "display:nonex", "font-size:2em", "font-size:-1px",
        ] {
            #expect(!HTMLText.Scanner.styleHides(style), "\(style)")
        }
    }

    /// Styles put together from the pieces that matter (names, separators, numbers, case, white space, and
    /// characters that lower-case to more than one scalar): the checked answer is always the parse's.
    @Test func theQuickCheckAgreesWithTheParse() {
        let pieces = [
            "display", "visibility", "opacity", "font-size", "none", "hidden", "!important", ":", ";", " ", "\t",
            "\r\n", "0", "1", "2", "3", "9", ".", "5", "e-5", "px", "pt", "em", "DISPLAY", "Font-Size", "color",
            "red", "İ", "\u{212A}", "é", "\u{301}",
        ]
        var random = XorShiftGenerator(state: 0x5EED_57E1)
        for _ in 0..<10000 {
            var style = ""
            for _ in 0..<random.below(12) { style += pieces[random.below(pieces.count)] }
            let parsed = HTMLText.Scanner.styleHidesParsed(style)
            #expect(HTMLText.Scanner.styleHides(style) == parsed, "\(style.debugDescription)")
        }
    }
}
