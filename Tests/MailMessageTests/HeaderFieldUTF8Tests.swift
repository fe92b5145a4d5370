import Testing

@testable import MailMessage

/// `withDecodedValueUTF8` and `withUnfoldedValueUTF8` (and their `read…` forms for a body returning nothing) hand
/// out the bytes of `decodedValue` and `unfoldedValue`, whether they read them in place or make the String.
@Suite struct HeaderFieldUTF8Tests {
    private let values: [[UInt8]] = [
        Array(" Hello world ".utf8), Array("".utf8), Array("   ".utf8), Array("short".utf8),
        Array(" =?UTF-8?Q?bo=C3=AEte?= pleine".utf8), Array("=?x?".utf8), Array("a =?iso-8859-1?B?6Q==?=".utf8),
        Array(" folded\r\n value\r\n".utf8), Array("caf\u{E9} cr\u{E8}me".utf8), [0x63, 0x61, 0x66, 0xE9],
        Array("=?utf-8?q?a?=\r\n =?utf-8?q?b?=".utf8), [0x20, 0x09, 0x0D, 0x0A],
    ]

    @Test func decodedBytesAreThoseOfTheDecodedValue() {
        for raw in values {
            let field = HeaderField(name: "Subject", rawValue: ([0x3A] + raw)[1...], offset: 0)
            #expect(field.withDecodedValueUTF8 { Array($0) } == Array(field.decodedValue.utf8), "\(raw)")
            var read: [UInt8] = []
            field.readDecodedValueUTF8 { read = Array($0) }
            #expect(read == Array(field.decodedValue.utf8), "\(raw)")
        }
    }

    @Test func unfoldedBytesAreThoseOfTheUnfoldedValue() {
        for raw in values {
            let field = HeaderField(name: "Received", rawValue: ([0x3A] + raw)[1...], offset: 0)
            #expect(field.withUnfoldedValueUTF8 { Array($0) } == Array(field.unfoldedValue.utf8), "\(raw)")
            var read: [UInt8] = []
            field.readUnfoldedValueUTF8 { read = Array($0) }
            #expect(read == Array(field.unfoldedValue.utf8), "\(raw)")
        }
    }
}
