import MailMessage
import Testing

@Suite struct TransferEncodingTests {
    private func decode(_ encoding: TransferEncoding, _ text: String) -> String {
        String(decoding: encoding.decode(Array(text.utf8)), as: UTF8.self)
    }

    @Test func namesAreCaseInsensitiveAndTolerant() {
        #expect(TransferEncoding(headerValue: "BASE64") == .base64)
        #expect(TransferEncoding(headerValue: " Quoted-Printable ") == .quotedPrintable)
        #expect(TransferEncoding(headerValue: "base64; x=y") == .base64)
        #expect(TransferEncoding(headerValue: nil) == .sevenBit)
        #expect(TransferEncoding(headerValue: "x-uuencode") == .other("x-uuencode"))
        // The first token between separators (space, tab, ";", "("): what a comment or parameter leaves.
        #expect(TransferEncoding(headerValue: ";\t(base64") == .base64)
        #expect(TransferEncoding(headerValue: "8bit(comment) base64") == .eightBit)
        #expect(TransferEncoding(headerValue: " ;( ") == .sevenBit)
        #expect(TransferEncoding(headerValue: "X-Token)") == .other("x-token)"))
    }

    @Test func base64ToleratesJunkLineBreaksAndMissingPadding() {
        #expect(decode(.base64, "SGVs\r\nbG8s\nIHdv cmxk!!IQ==") == "Hello, world!")
        #expect(decode(.base64, "SGVsbG8") == "Hello")
        #expect(decode(.base64, "SGVsbA") == "Hell")
        #expect(decode(.base64, "S") == "")
        #expect(decode(.base64, "") == "")
        #expect(decode(.base64, "w6l0w6k=\n-- junk signature") != "")
    }

    @Test func quotedPrintable() {
        #expect(decode(.quotedPrintable, "caf=C3=A9 cr=c3=a8me") == "café crème")
        #expect(decode(.quotedPrintable, "soft=\r\nbreak and=  \nspaces") == "softbreak andspaces")
        #expect(decode(.quotedPrintable, "a = b =ZZ end=") == "a = b =ZZ end")
        #expect(decode(.quotedPrintable, "line1\r\nline2") == "line1\r\nline2")
    }

    @Test func identityEncodingsPassThrough() {
        for encoding in [TransferEncoding.sevenBit, .eightBit, .binary, .other("x-uuencode")] {
            #expect(decode(encoding, "as =41 is") == "as =41 is")
        }
    }
}
