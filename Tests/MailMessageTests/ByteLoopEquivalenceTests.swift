import TestSupport
import Testing

@testable import MailMessage

/// The decoders and scanners that read runs of bytes at once (a table per byte, `memchr`, bytes instead of
/// Characters) give what their byte-by-byte definitions give, on generated inputs.
@Suite struct ByteLoopEquivalenceTests {
    /// Random bytes drawn mostly from `alphabet`, with any byte now and then.
    private func inputs(_ alphabet: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = XorShiftGenerator(state: seed)
        return (0..<count).map { _ in
            (0..<generator.below(60)).map { _ in
                generator.below(8) == 0 ? UInt8(generator.below(256)) : alphabet[generator.below(alphabet.count)]
            }
        }
    }

    @Test func singleByteCharsetsDecodeEveryTextAsTheirBytesOneByOne() {
        let latin1 = (0...255).map { String(Unicode.Scalar(UInt8($0))) }
        let windows1252 = (0...255).map { Charset.decodeUnlabeled([UInt8($0)]) }
        for text in inputs(Array("ab c\u{E9}".utf8) + [0x80, 0x9F, 0xE9, 0xFF], count: 3000, seed: 0x1234_5678_9ABC) {
            #expect(Charset.decode(text, charset: "iso-8859-1") == text.map { latin1[Int($0)] }.joined())
            #expect(Charset.decode(text[...], charset: "latin1") == text.map { latin1[Int($0)] }.joined())
            // Invalid UTF-8 with no label is Windows-1252 (valid UTF-8 is taken as it is).
            if String(validating: text, as: UTF8.self) == nil {
                #expect(Charset.decodeUnlabeled(text) == text.map { windows1252[Int($0)] }.joined())
            }
        }
        let ascii = [UInt8](repeating: UInt8(ascii: "a"), count: 1000) + Array(" plain ASCII".utf8)
        #expect(Charset.decode(ascii, charset: "ISO-8859-1") == String(decoding: ascii, as: UTF8.self))
    }

    @Test func quotedPrintableCopiesRunsAsTheByteLoopDid() {
        let alphabet = Array("=0aF9 \t\r\n_x".utf8)
        for input in inputs(alphabet, count: 20_000, seed: 0xDEAD_BEEF_1234) {
            #expect(QuotedPrintable.decode(input) == Self.quotedPrintableByteLoop(input[...]))
            // A slice that does not start at 0.
            let slice = input.dropFirst().prefix(20)
            #expect(QuotedPrintable.decode(slice) == Self.quotedPrintableByteLoop(slice))
        }
    }

    @Test func transferEncodingFromTheFieldIsTheOneFromItsUnfoldedValue() {
        let values = [
            " base64", "Quoted-Printable", "7BIT (comment)", " 8bit;x", "\tx-uuencode ", "", "  ", "(base64",
            " bAsE64\r\n ", "quoted-printable\r\n\t; junk", "b\u{E9}se64", "x-\u{FC}nknown", "8bit\u{0}",
        ]
        var generator = XorShiftGenerator(state: 0x0BAD_CAFE)
        let generated = (0..<2000).map { _ in
            String(
                decoding: (0..<generator.below(14)).map { _ in Array("aB6- \t;(\r\n\u{E9}".utf8)[generator.below(12)] },
                as: UTF8.self)
        }
        for value in values + generated {
            let field = HeaderField(name: "Content-Transfer-Encoding", rawValue: Array(value.utf8)[...], offset: 0)
            #expect(TransferEncoding(field: field) == TransferEncoding(headerValue: field.unfoldedValue), "\(value)")
        }
        #expect(TransferEncoding(field: nil) == .sevenBit)
    }

    @Test func parameterNamesAreTheirTrimmedLowerCasedText() {
        var generator = XorShiftGenerator(state: 0xFACE_B00C)
        let alphabet = Array("nAmE- \t\r\n\u{C9}\u{212A}".utf8)
        for _ in 0..<3000 {
            let name = (0..<(1 + generator.below(10))).map { _ in alphabet[generator.below(alphabet.count)] }
            let expected = String(decoding: name, as: UTF8.self).trimming(" \t\r\n").lowercased()
            let parsed = MIMEParameterParser.parse(Array("text/plain; ".utf8) + name + Array("=v".utf8)).parameters
            #expect(parsed.items.map(\.name) == (expected.isEmpty ? [] : [expected]), "\(name)")
        }
    }

    @Test func tagsEndAfterQuotedValuesWhateverTheyHold() {
        #expect(HTMLText.plainText("<a title='x\"y>' href=\"a'b>c\">one</a> two") == "one two")
        #expect(HTMLText.plainText("<p title='never closed>text") == "")
        #expect(HTMLText.plainText("<p title=\"\">x</p>") == "x")
        #expect(HTMLText.plainText("a \r\n\t b<br>\n\n c") == "a b\nc")
        #expect(HTMLText.plainText("<!-- a --><!---->b<!--") == "b")
    }

    /// Quoted-printable as it was decoded byte by byte: the definition the run-copying decoder follows.
    private static func quotedPrintableByteLoop(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        var index = input.startIndex
        let end = input.endIndex
        while index < end {
            let byte = input[index]
            guard byte == ASCII.equals else {
                output.append(byte)
                index += 1
                continue
            }
            if index + 2 < end, let high = ASCII.hexValue(input[index + 1]), let low = ASCII.hexValue(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            var look = index + 1
            while look < end, ASCII.isWhitespace(input[look]) { look += 1 }
            if look == end {
                index = end
            } else if input[look] == ASCII.lf {
                index = look + 1
            } else if input[look] == ASCII.cr, look + 1 < end, input[look + 1] == ASCII.lf {
                index = look + 2
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }
}
