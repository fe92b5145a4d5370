import TestSupport
import Testing

@testable import Sieve

/// The byte-level link and domain functions for ASCII values (`DomainName+ASCII.swift`) give the answers of the
/// Character-level ones they bypass, on generated values made of the characters those functions look at.
@Suite struct DomainNameASCIITests {
    static let alphabet = [
        " ", "\t", "\r", "\n", "\r\n", "/", "\\", "?", "#", "@", ":", "[", "]", "<", ">", ".", ".", ".", "-", "h", "t",
        "p", "s", "f", "w", "H", "T", "P", "W", "x", "X", "0", "1", "9", "a", "F", "g", "Z",
    ]
    static let starts = [
        "", "http://", "HTTP://", "https://", "HtTpS://", "ftp://", "FTP:/", "www.", "WWW.", " http://", "\thttps:///",
        "http://user@", "https://a:b@", "http://[", "www.[", "http:\\\\", "0x",
    ]

    @Test func hostOfURLAgrees() {
        var generator = XorShiftGenerator(state: 0x9E37_79B9_7F4A_7C15)
        var differences: [String] = []
        for _ in 0..<30_000 {
            let url =
                Self.starts[generator.below(Self.starts.count)]
                + generator.text(generator.below(24), from: Self.alphabet)
            let fast = MessageLinks.host(ofURL: url)
            let plain = MessageLinks.hostByCharacters(ofURL: url)
            if fast.0 != plain.0 || fast.1 != plain.1 { differences.append(url.debugDescription) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    @Test func shownHostAgrees() {
        var generator = XorShiftGenerator(state: 0x94D0_49BB_1331_11EB)
        let pieces = Self.alphabet + ["ac-exemple", "fr", "com", "Paypal", "9", "-", "..", "?", "#", "é"]
        var differences: [String] = []
        for _ in 0..<30_000 {
            let text =
                Self.starts[generator.below(Self.starts.count)] + generator.text(generator.below(12), from: pieces)
            if MessageLinks.shownHost(text) != MessageLinks.shownHostByCharacters(text) {
                differences.append(text.debugDescription)
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    @Test func domainOfAnAddressAgrees() {
        var generator = XorShiftGenerator(state: 0x5851_F42D_4C95_7F2D)
        var differences: [String] = []
        for _ in 0..<30_000 {
            let value = generator.text(generator.below(20), from: Self.alphabet + ["@", "@", "é"])
            if DomainName.of(value) != DomainName.ofByCharacters(value) { differences.append(value.debugDescription) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    @Test func subdomainsAgree() {
        var generator = XorShiftGenerator(state: 0x1405_7B7E_F767_814F)
        let parents = ["ac-exemple.fr", "a.b", "x", "école.fr", "e\u{301}cole.fr"]
        var differences: [String] = []
        for _ in 0..<30_000 {
            let parent = parents[generator.below(parents.count)]
            let domain =
                generator.text(generator.below(6), from: ["a", "b", ".", "-", "x", "é"])
                + [".", "", "x"][generator.below(3)] + (generator.below(4) == 0 ? "b" : parent)
            if DomainName.isSubdomain(domain, of: parent) != domain.hasSuffix("." + parent) {
                differences.append("\(domain.debugDescription) of \(parent.debugDescription)")
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    @Test func normalizedAgrees() {
        var generator = XorShiftGenerator(state: 0x2545_F491_4F6C_DD1D)
        var differences: [String] = []
        for _ in 0..<30_000 {
            let value = generator.text(generator.below(20), from: Self.alphabet)
            if DomainName.normalized(value) != DomainName.normalizedByCharacters(value) {
                differences.append(value.debugDescription)
            }
        }
        let long = String(repeating: "a.", count: 126) + "b"  // 253 bytes, then 254
        for value in [long, long + "c", "<" + long + "c>", " " + long + "c. "] {
            #expect(DomainName.normalized(value) == DomainName.normalizedByCharacters(value))
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    @Test func isIPLiteralAgrees() {
        var generator = XorShiftGenerator(state: 0xDEAD_BEEF_CAFE_F00D)
        let hexAlphabet = ["0", "1", "7", "9", "a", "f", "A", "F", "g", "x", ".", ".", ":", "[", "-", "\r\n"]
        var differences: [String] = []
        for _ in 0..<30_000 {
            let host =
                Self.starts[generator.below(Self.starts.count)].filter { $0 == "0" || $0 == "x" }
                + generator.text(generator.below(16), from: hexAlphabet)
            if DomainName.isIPLiteral(host) != DomainName.isIPLiteralByCharacters(host) {
                differences.append(host.debugDescription)
            }
        }
        for host in [
            "192.168.1.1", "3232235777", "0x7f000001", "0xzz000001", "1.2.3", "a.1.2.3", "1.2.3.4.5", "[::1]", "::1",
        ] {
            #expect(DomainName.isIPLiteral(host) == DomainName.isIPLiteralByCharacters(host), "\(host)")
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }
}
