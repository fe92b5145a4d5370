import MailMessage
import Testing

@testable import Spam

/// `HeaderRole`: header names are matched without case from their bytes, and their `hdr:` token is the one the
/// lower-cased name gives.
@Suite struct HeaderRoleTests {
    /// The role of a field of this name, and the tokens and names it added (a `TokenSink` is not copyable).
    private func role(_ name: String) -> (HeaderRole, [TokenHash], [TokenHash: String]?) {
        var sink = TokenSink(limit: 10, keepNames: true)
        let role = HeaderRole(addingNameOf: HeaderField(name: name, rawValue: [], offset: 0), into: &sink)
        return (role, sink.ordered, sink.names)
    }

    @Test func namesAreMatchedWithoutCase() {
        let expected: [String: HeaderRole] = [
            "subject": .subject, "from": .from, "reply-to": .from, "sender": .from, "to": .to, "cc": .to,
            "return-path": .returnPath, "received": .received, "content-type": .structure,
            "content-transfer-encoding": .structure, "mime-version": .structure, "content-disposition": .structure,
            "x-mailer": .other, "subjects": .other, "t": .other, "": .other,
        ]
        for (name, role) in expected {
            for spelling in [name, name.uppercased(), name.capitalized] {
                #expect(self.role(spelling).0 == role, "\(spelling)")
            }
        }
    }

    @Test func theNameTokenIsTheLowerCasedName() {
        for name in ["Subject", "X-MS-Exchange-Organization-SCL", "DKIM-Signature", "X-Ünïcode-Naмe"] {
            let (_, ordered, names) = role(name)
            let token = TokenHash(prefix: "hdr:", text: name.lowercased())
            #expect(ordered == [token], "\(name)")
            #expect(names?[token] == "hdr:" + name.lowercased())
        }
    }

    @Test func aNameWithOtherLettersMatchesNoRole() {
        // U+212A KELVIN SIGN lower-cases to "k"; U+0130 to "i" and a combining dot: no role name is made of them.
        #expect(role("Subj\u{0130}ct").0 == .other)
        #expect(role("\u{212A}").0 == .other)
    }

    @Test func theTokenizerReadsFieldsWhateverTheirCase() {
        let message = "SUBJECT: Cheap pills\nReTuRn-PaTh: <bounce@mailer.example>\nCONTENT-TYPE: text/plain\n\nbody\n"
        let tokens = MessageTokenizer().tokens(of: Array(message.utf8), keepNames: true)
        let names = Set(tokens.names?.values.map { $0 } ?? [])
        #expect(names.contains("subj:Cheap"))
        #expect(names.contains("rtrn:mailer.example"))
        #expect(names.contains("hdr:content-type"))
        #expect(!names.contains("head:text"))
    }
}
