/// What the administrator says about the site itself, handed to the interpreter beside `SpamSettings`:
/// the domains that are the site's own (the académie's), read by the `vnd.mailsift.site` tests and by
/// `linkanomaly "lookalike"`. The daemon fills it from the `local_domains` configuration key;
/// `mailsift test --local-domain D` (repeatable) sets it by hand.
public struct SiteSettings: Sendable, Hashable {
    /// The most local domains kept: each look-alike comparison walks them all.
    public static let maxLocalDomains = 64

    /// Lower case, without a trailing dot; at most `maxLocalDomains`, each at most 253 bytes.
    public private(set) var localDomains: [String]

    public init(localDomains: [String] = []) {
        var kept: [String] = []
        for domain in localDomains.prefix(Self.maxLocalDomains) {
            let normalized = DomainName.normalized(domain)
            if !normalized.isEmpty, !kept.contains(normalized) { kept.append(normalized) }
        }
        self.localDomains = kept
    }

    public static let `default` = SiteSettings()

    /// Whether `value` (a domain, or an address whose domain is taken) is a local domain or a subdomain of one.
    public func isLocal(_ value: String) -> Bool {
        let domain = DomainName.of(value)
        guard !domain.isEmpty else { return false }
        return localDomains.contains { domain == $0 || DomainName.isSubdomain(domain, of: $0) }
    }

    /// Whether `value` (a domain or an address) is not local but looks like a local domain: the same once
    /// look-alike characters are folded (`0`/`o`, `1`/`l`/`i`, `rn`/`m`, Cyrillic letters…), one or two
    /// letters away (two only for names of 10 letters or more), or a local domain's name used as a label or
    /// part of a label elsewhere (`ac-exemple.fr.verify-login.com`, `webmail-ac-exemple.com`).
    public func isLookalike(_ value: String) -> Bool {
        // Without local domains nothing looks like one (and folding the value is most of the cost).
        guard !localDomains.isEmpty else { return false }
        let domain = DomainName.of(value)
        guard !domain.isEmpty, !isLocal(domain) else { return false }
        let registrable = DomainName.registrable(domain)
        let foldedDomain = DomainLookalike.folded(domain)
        let foldedRegistrable = DomainLookalike.folded(registrable)
        for local in localDomains {
            let foldedLocal = DomainLookalike.folded(local)
            if foldedDomain == foldedLocal || foldedRegistrable == foldedLocal { return true }
            let allowed = local.utf8.count >= 10 ? 2 : 1
            if DomainLookalike.withinEdits(registrable, local, allowed) { return true }
            let name = DomainName.mainLabel(local)
            if name.utf8.count >= 6, domain.contains(name) { return true }
            let foldedName = DomainLookalike.folded(name)
            if foldedName.utf8.count >= 6, foldedDomain.contains(foldedName) { return true }
        }
        return false
    }
}

/// Domain names as the site tests compare them.
enum DomainName {
    /// The domain of an address (after its last `@`, angle brackets and white space removed), or the value
    /// itself; lower case, without a trailing dot, empty when longer than 253 bytes.
    static func of(_ value: String) -> String {
        // An ASCII value on its bytes (Characters are its bytes there): walking back by Characters to the "@" and
        // copying the rest were most of what `localdomain` cost.
        var value = value
        let ascii = value.withUTF8 { bytes -> String? in
            guard ASCIIBytes.all(bytes) else { return nil }
            let start = bytes.lastIndex(of: UInt8(ascii: "@")).map { $0 + 1 } ?? 0
            return normalizedASCII(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        return ascii ?? ofByCharacters(value)
    }

    /// `of(_:)` by Characters, for any text.
    static func ofByCharacters(_ value: String) -> String {
        var text = Substring(value)
        if let at = text.lastIndex(of: "@") { text = text[text.index(after: at)...] }
        return normalized(String(text))
    }

    /// Whether `domain` ends with "." and `parent` (both normalized): compared as bytes when both are ASCII,
    /// without the string `"." + parent` made for each comparison.
    static func isSubdomain(_ domain: String, of parent: String) -> Bool {
        var domain = domain
        var parent = parent
        let answer = domain.withUTF8 { name in
            parent.withUTF8 { suffix -> Bool? in
                guard ASCIIBytes.all(name), ASCIIBytes.all(suffix) else { return nil }
                guard name.count > suffix.count else { return false }
                let dot = name.count - suffix.count - 1
                return name[dot] == UInt8(ascii: ".") && suffix.indices.allSatisfy { name[dot + 1 + $0] == suffix[$0] }
            }
        }
        return answer ?? domain.hasSuffix("." + parent)
    }

    static func normalized(_ value: String) -> String {
        var value = value
        if let answer = value.withUTF8({ ASCIIBytes.all($0) ? normalizedASCII($0) : nil }) { return answer }
        return normalizedByCharacters(value)
    }

    /// `normalized(_:)` by Characters, for any text.
    static func normalizedByCharacters(_ value: String) -> String {
        var text = value.lowercased().trimmingWhitespace()
        while text.hasPrefix("<") || text.hasPrefix("[") { text.removeFirst() }
        while text.hasSuffix(">") || text.hasSuffix("]") || text.hasSuffix(".") { text.removeLast() }
        return text.utf8.count > 253 ? "" : text
    }

    /// Second-level labels under which registrations are made (`co.uk`, `gouv.fr`, `ac-…` is not one).
    private static let secondLevels: Set<Substring> = [
        "co", "com", "net", "org", "gov", "gouv", "ac", "edu", "ne", "or",
    ]

    /// The name a registrant owns: the last two labels, or three under a country's second level (`co.uk`).
    static func registrable(_ domain: String) -> String {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count > 2 else { return domain }
        let count = labels.last!.count == 2 && secondLevels.contains(labels[labels.count - 2]) ? 3 : 2
        return labels.suffix(count).joined(separator: ".")
    }

    /// The first label of the registrable name: `ac-exemple` for `mail.ac-exemple.fr`.
    static func mainLabel(_ domain: String) -> String {
        String(registrable(domain).split(separator: ".").first ?? "")
    }

    /// Whether a host is an IP address written as one: dotted IPv4, a bracketed or colon-separated IPv6, or
    /// an IPv4 address as one decimal or hexadecimal number (`http://3232235777/`).
    static func isIPLiteral(_ host: String) -> Bool {
        var host = host
        if let answer = host.withUTF8({ ASCIIBytes.all($0) ? isIPLiteralASCII($0) : nil }) { return answer }
        return isIPLiteralByCharacters(host)
    }

    /// `isIPLiteral(_:)` by Characters, for any text.
    static func isIPLiteralByCharacters(_ host: String) -> Bool {
        if host.hasPrefix("[") || host.contains(Character(":")) { return true }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count == 4,
            labels.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 4 && $0.allSatisfy(\.isHexDigit) && $0.first!.isNumber }
            )
        {
            return true
        }
        if labels.count == 1, let only = labels.first, only.utf8.count >= 8 {
            if only.allSatisfy(\.isASCIIDigitCharacter) { return true }
            if only.hasPrefix("0x"), only.dropFirst(2).allSatisfy(\.isHexDigit) { return true }
        }
        return false
    }
}
