import Foundation
import MailMessage
import TestSupport
import Testing

/// Compares decoded subjects, addresses and part counts with Stalwart mail-parser's expected parse of its own
/// test messages (`mime/stalwart-mail-parser`). Their JSON is a second opinion, not a spec: the agreement rate
/// is reported, and must not fall below what was measured when this test was written.
@Suite(.enabled(if: Corpus.root != nil, Corpus.skipNote))
struct StalwartAgreementTests {
    struct Expected {
        var subject: String?
        var addresses: [String: [String]] = [:]
        var partCount: Int
    }

    @Test func agreementWithStalwart() throws {
        let messages = Corpus.files("mime/stalwart-mail-parser/resources/eml").filter { $0.pathExtension == "eml" }
        var checks = 0
        var agreed = 0
        var differences: [String] = []
        for url in messages {
            let jsonURL = url.deletingPathExtension().appendingPathExtension("json")
            guard let data = try? Data(contentsOf: jsonURL),
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                let expected = Self.expected(object)
            else { continue }
            let parsed = Message(try [UInt8](Data(contentsOf: url)))
            let name = url.pathComponents.suffix(2).joined(separator: "/")

            func check(_ what: String, _ ours: String, _ theirs: String) {
                checks += 1
                if ours == theirs {
                    agreed += 1
                } else {
                    differences.append(
                        "\(name) \(what): ours \(ours.debugDescription) theirs \(theirs.debugDescription)")
                }
            }
            if let subject = expected.subject {
                check("subject", parsed.subject ?? "", subject)
            }
            for (field, addresses) in expected.addresses.sorted(by: { $0.key < $1.key }) {
                let ours = parsed.mailboxes(field).map {
                    $0.domain == nil ? $0.localPart : $0.localPart + "@" + $0.domain!
                }
                check(field, ours.joined(separator: ", "), addresses.joined(separator: ", "))
            }
            check("parts", String(parsed.allParts.count), String(expected.partCount))
        }
        let rate = Double(agreed) / Double(max(checks, 1))
        print(
            "Stalwart agreement: \(agreed) of \(checks) checks (\(String(format: "%.1f", rate * 100)) %) over \(messages.count) messages"
        )
        for difference in differences { print("  differs: \(difference)") }
        #expect(checks > 200)
        #expect(rate >= 0.85)
    }

    /// Subject, From/To/Cc addresses and the recursive part count from Stalwart's JSON.
    static func expected(_ object: [String: Any]) -> Expected? {
        guard let parts = object["parts"] as? [[String: Any]], let root = parts.first else { return nil }
        var expected = Expected(partCount: partCount(object))
        for header in root["headers"] as? [[String: Any]] ?? [] {
            guard let name = header["name"] as? String, let value = header["value"] as? [String: Any] else { continue }
            if name == "subject", expected.subject == nil, let text = value["Text"] as? String {
                expected.subject = text
            }
            if ["from", "to", "cc"].contains(name), expected.addresses[name] == nil,
                let address = value["Address"] as? [String: Any]
            {
                var list: [[String: Any]] = address["List"] as? [[String: Any]] ?? []
                for group in address["Group"] as? [[String: Any]] ?? [] {
                    list += group["addresses"] as? [[String: Any]] ?? []
                }
                expected.addresses[name] = list.compactMap { $0["address"] as? String }
            }
        }
        return expected
    }

    private static func partCount(_ message: [String: Any]) -> Int {
        let parts = message["parts"] as? [[String: Any]] ?? []
        var count = parts.count
        for part in parts {
            if let body = part["body"] as? [String: Any], let inner = body["Message"] as? [String: Any] {
                count += partCount(inner)
            }
        }
        return count
    }
}
