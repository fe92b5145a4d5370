import Testing

@testable import MailMessage

/// ISO-8859-1 and Windows-1252, decoded in place: every byte gives the character those charsets give it.
@Suite struct SingleByteCharsetTests {
    private let everyByte = (0...255).map { UInt8($0) }

    @Test func latin1IsTheFirst256CodePoints() {
        let expected = String(String.UnicodeScalarView(everyByte.map { Unicode.Scalar($0) }))
        #expect(Charset.decode(everyByte, charset: "iso-8859-1") == expected)
        #expect(Charset.decode(everyByte, charset: "Latin1") == expected)
    }

    @Test func windows1252IsWhatIconvSaysWithC1ControlsForItsHoles() {
        // Bytes that are not UTF-8 and carry no charset are read as Windows-1252.
        let decoded = Array(Charset.decodeUnlabeled(everyByte).unicodeScalars)
        #expect(decoded.count == 256)
        for byte in everyByte {
            let reference = Iconv.decode([byte], from: "WINDOWS-1252").flatMap { $0.unicodeScalars.first }
            // 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no character in Windows-1252: browsers show the C1 control.
            let expected = [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(byte) ? Unicode.Scalar(byte) : reference
            #expect(decoded[Int(byte)] == expected, "byte \(byte)")
        }
    }

    @Test func aLongTextKeepsEveryByte() {
        let text = Array(repeating: everyByte, count: 50).joined()
        #expect(Charset.decode(text, charset: "iso-8859-1")?.unicodeScalars.count == text.count)
        #expect(Charset.decodeUnlabeled(text).unicodeScalars.count == text.count)
    }
}
