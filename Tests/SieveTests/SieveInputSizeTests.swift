import MailMessage
import Sieve
import Testing

/// `size` on a message of which only the header was fetched: the server's RFC822.SIZE counts, not the bytes
/// at hand.
@Suite struct SieveInputSizeTests {
    let header = Message(Array("From: a@x.fr\r\nSubject: Relevé\r\n\r\n".utf8))
    let script = #"if size :over 100K { fileinto "Gros"; }"#

    /// The folders the script files the message into.
    private func folders(_ input: SieveInput) throws -> [String] {
        let compiled = SieveCompiler.compile(#"require "fileinto"; "# + script)
        let outcome = Interpreter.run(try #require(compiled.script, "\(compiled.diagnostics)"), input: input)
        return outcome.actions.compactMap { if case .fileinto(let mailbox, _, _, _) = $0 { mailbox } else { nil } }
    }

    @Test func aHeadersOnlyInputUsesTheServersSize() throws {
        let input = SieveInput(message: header, messageSize: 2_000_000)
        #expect(input.size == 2_000_000)
        #expect(try folders(input) == ["Gros"])
    }

    @Test func withoutTheServersSizeTheBytesAtHandCount() throws {
        let input = SieveInput(message: header)
        #expect(input.size == header.bytes.count)
        #expect(try folders(input).isEmpty)
    }
}
