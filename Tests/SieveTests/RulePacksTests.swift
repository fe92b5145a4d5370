import Foundation
import MailMessage
import Sieve
import TestSupport
import Testing

/// The shipped rule packs (rules/spam, rules/phishing): they compile without warnings, each test message of
/// rules/tests fires exactly the rules rules/tests/expected.txt lists, the ordinary mail there fires none,
/// and every rule has a test message and a line in the catalogue (rules/README.md) with the same score.
@Suite struct RulePacksTests {
    static let rules = Repository.root.appendingPathComponent("rules")
    static let packs = ["spam", "phishing"]
    static let site = SiteSettings(localDomains: ["ac-exemple.fr"])

    static func load() -> RuleSet {
        RuleSet.load(packs.map { RuleFolder(path: rules.appendingPathComponent($0).path) })
    }

    /// File name → the rules it must fire, from rules/tests/expected.txt.
    static func expectations() throws -> [(file: String, rules: [String])] {
        let text = try String(contentsOf: rules.appendingPathComponent("tests/expected.txt"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? parts[1].split(separator: " ").map(String.init) : [])
        }
    }

    /// Every `addscore "POINTS" "NAME"` of the packs: name → (points, pack).
    static func declaredRules() throws -> [String: (points: String, pack: String)] {
        var found: [String: (String, String)] = [:]
        let pattern = try NSRegularExpression(pattern: #"addscore "([^"]+)" "([A-Z0-9_]+)""#)
        for pack in packs {
            let folder = rules.appendingPathComponent(pack)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".sieve")
            {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let points = String(text[Range(match.range(at: 1), in: text)!])
                    found[String(text[Range(match.range(at: 2), in: text)!])] = (points, pack)
                }
            }
        }
        return found
    }

    func fired(_ file: String, rules: RuleSet) throws -> [String] {
        let bytes = [UInt8](try Data(contentsOf: Self.rules.appendingPathComponent("tests/" + file)))
        let result = rules.run(SieveInput(message: Message(bytes), site: Self.site))
        #expect(result.errors.isEmpty, "\(file): \(result.errors.map(\.message))")
        return result.outcome.scoreHits.map(\.name)
    }

    @Test func packsCompileWithoutWarnings() {
        let rules = Self.load()
        #expect(rules.scripts.count >= 8)
        #expect(rules.isComplete, "\(rules.errorLines)")
        for report in rules.reports { #expect(report.lines.isEmpty, "\(report.path): \(report.lines)") }
    }

    @Test func eachTestMessageFiresExactlyItsRules() throws {
        let rules = Self.load()
        let expected = try Self.expectations()
        #expect(expected.count >= 20)
        for (file, names) in expected {
            let hits = try fired(file, rules: rules)
            #expect(hits.sorted() == names.sorted(), "\(file)")
        }
    }

    @Test func ordinaryMailFiresNothing() throws {
        let rules = Self.load()
        let ham = try Self.expectations().filter { $0.file.hasPrefix("ham-") }
        #expect(ham.count >= 4)
        for (file, _) in ham {
            #expect(try fired(file, rules: rules).isEmpty, "\(file)")
        }
    }

    @Test func phishingOfOurOwnReachesTheRequiredScore() throws {
        let rules = Self.load()
        for (file, _) in try Self.expectations() where file.hasPrefix("phish-") {
            let bytes = [UInt8](try Data(contentsOf: Self.rules.appendingPathComponent("tests/" + file)))
            let score = rules.run(SieveInput(message: Message(bytes), site: Self.site)).outcome.score ?? 0
            #expect(score >= 4, "\(file): \(score)")
        }
    }

    /// Without local domains configured, the site rules that need them stay quiet rather than guess.
    @Test func withoutLocalDomainsTheSiteRulesDoNotFire() throws {
        let rules = Self.load()
        let bytes = [UInt8](
            try Data(contentsOf: Self.rules.appendingPathComponent("tests/spam-from-local-outside.eml")))
        let hits = rules.run(SieveInput(message: Message(bytes))).outcome.scoreHits.map(\.name)
        #expect(hits.sorted() == ["DMARC_FAIL", "SPF_FAIL"])
    }

    @Test func everyRuleHasATestMessageAndACatalogueLine() throws {
        let declared = try Self.declaredRules()
        #expect(declared.count >= 25)
        let tested = Set(try Self.expectations().flatMap(\.rules))
        let catalogue = try String(contentsOf: Self.rules.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = catalogue.split(separator: "\n")
        for (name, (points, pack)) in declared {
            #expect(tested.contains(name), "\(name) has no test message")
            let row = lines.first { $0.hasPrefix("| `\(name)` |") }
            #expect(
                row?.hasSuffix("| \(points) | \(pack) |") == true,
                "\(name) (\(points), \(pack)) in rules/README.md: \(row ?? "no row")")
        }
        for name in tested { #expect(declared[name] != nil, "expected.txt names \(name), which no rule adds") }
    }
}
