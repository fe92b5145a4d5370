import TestSupport
import Testing

@testable import Spam

/// A link's host gives the same tokens (hashes, order and texts) through the byte path for ASCII hosts
/// (`LinkHost.addASCII`) as through the String path it bypasses, on generated hosts.
@Suite struct LinkHostTests {
    @Test func asciiHostsGiveTheTokensOfTheStringPath() {
        var generator = XorShiftGenerator(state: 0x5DEE_CE66_D1CE_4E5B)
        func below(_ bound: Int) -> Int { generator.below(bound) }
        let alphabet = Array("ab.-_9Z".utf8) + [UInt8(ascii: ".")]
        var differences: [String] = []
        for _ in 0..<20_000 {
            var host = (0..<below(30)).map { _ in alphabet[below(alphabet.count)] }
            if below(50) == 0 { host = [UInt8](repeating: UInt8(ascii: "a"), count: 250 + below(8)) }
            var fast = TokenSink(limit: 100, keepNames: true)
            var plain = TokenSink(limit: 100, keepNames: true)
            LinkHost.addASCII(host, into: &fast)
            LinkHost.addByCharacters(host, into: &plain)
            if fast.ordered != plain.ordered || fast.names != plain.names {
                differences.append(String(decoding: host, as: UTF8.self))
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    @Test func aHostGivesItselfAndItsParentDomains() {
        var sink = TokenSink(limit: 100, keepNames: true)
        LinkHost.add(Array("a.b.www.ac-lyon.fr.".utf8), into: &sink)
        #expect(
            sink.ordered.compactMap { sink.names?[$0] } == [
                "url:a.b.www.ac-lyon.fr", "url:b.www.ac-lyon.fr", "url:www.ac-lyon.fr", "url:ac-lyon.fr",
            ])
    }
}
