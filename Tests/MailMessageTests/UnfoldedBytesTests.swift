import TestSupport
import Testing

@testable import MailMessage

/// `HeaderField.unfoldedBytes` trims, then unfolds: the same bytes as unfolding (removing every CR and LF),
/// then trimming, which is how RFC 5322 describes it.
@Suite struct UnfoldedBytesTests {
    /// The definition, step by step.
    private func unfoldThenTrim(_ raw: [UInt8]) -> [UInt8] {
        let unfolded = raw.filter { $0 != 0x0D && $0 != 0x0A }
        return Array(unfolded[unfolded.trimmedRange(0..<unfolded.count)])
    }

    @Test func foldedValues() {
        let field = HeaderField(
            name: "Received", rawValue: Array(" from a\r\n\tby b\r\n (c)\r\n ".utf8)[...], offset: 0)
        #expect(field.unfoldedBytes == Array("from a\tby b (c)".utf8))
        #expect(field.unfoldedValue == "from a\tby b (c)")
    }

    @Test func agreesWithTheDefinitionOnGeneratedValues() {
        let pieces: [[UInt8]] = [
            [0x20], [0x09], [0x0D], [0x0A], [0x0D, 0x0A], Array("ab".utf8), [0xC3, 0xA9], [0x3D],
        ]
        var random = XorShiftGenerator(state: 0xF01D_ED)
        for _ in 0..<5000 {
            var raw: [UInt8] = [0x58]  // a slice that does not start at 0
            for _ in 0..<random.below(10) { raw += pieces[random.below(pieces.count)] }
            let field = HeaderField(name: "X", rawValue: raw[1...], offset: 0)
            #expect(field.unfoldedBytes == unfoldThenTrim(Array(raw[1...])), "\(raw)")
        }
    }
}
