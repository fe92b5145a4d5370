import Testing

@testable import Spam

/// The networks of the relays in Received fields, as tokens: a sender's next mailing comes from the same networks.
@Suite struct ReceivedSubnetsTests {
    private func names(_ text: String) -> Set<String> {
        let tokens = MessageTokenizer().tokens(of: Array(text.utf8), keepNames: true)
        return Set(tokens.names?.values.map { $0 } ?? [])
    }

    private func networks(_ received: String) -> Set<String> {
        names("Received: \(received)\nSubject: x\n\nbody\n").filter { $0.hasPrefix("rcvd:net:") }
    }

    @Test func anAddressGivesItsSlash24AndSlash16() {
        let found = networks(
            "from web3.iturf.com (216.33.51.131)\n  by newmail.axess.com with SMTP; 23 Aug 2002 07:44:18 -0000")
        #expect(found == ["rcvd:net:216.33.51", "rcvd:net:216.33"])
    }

    @Test func everyAddressOfTheFieldCounts() {
        let found = networks("from a ([10.1.2.3]) by b (192.168.7.9) with ESMTP")
        #expect(found == ["rcvd:net:10.1.2", "rcvd:net:10.1", "rcvd:net:192.168.7", "rcvd:net:192.168"])
    }

    @Test func whatOnlyLooksLikeAnAddressGivesNothing() {
        // Five numbers (a version or an OID), a number glued to a word, an octet over 255, four-digit parts,
        // three numbers, a trailing dot then a digit.
        let found = networks(
            "by mx (Postfix 1.2.3.4.5) id a1.2.3.4 via 256.1.1.1 or 1000.1.1.1 or 10.20.30 or 9.8.7.6.5; x")
        #expect(found.isEmpty)
    }

    @Test func aFieldOfManyAddressesGivesAtMostItsBound() {
        let many = (0..<200).map { "\($0).1.1.1" }.joined(separator: " ")
        let found = networks("from x (\(many))")
        #expect(found.count == 2 * ReceivedSubnets.maxAddressesPerField)
    }

    @Test func aLongRunOfDigitsAndDotsIsOneWordAndNoAddress() {
        // One pass over the run (a failed address skips the whole run), however long the field.
        let run = String(repeating: "1.", count: 200_000) + "1"
        #expect(networks("from x (\(run))").isEmpty)
    }
}
