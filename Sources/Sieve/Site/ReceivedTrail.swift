import MailMessage

/// `externalorigin` (vnd.mailsift.site): whether the Received trail the site's own servers wrote shows the
/// message entering from outside, as opposed to being submitted by a signed-in user or passed between the
/// site's hosts.
///
/// The fields are read from the top (the last hop) down, as long as the receiving host (`by`) is local:
/// - a hop submitted with authentication (`with ESMTPSA`, `ESMTPA`, `LMTPSA`…, RFC 3848) is a local user's
///   own mail: not from outside;
/// - a hop from a local host, a private or loopback address, or with no `from` clause is internal: read on;
/// - any other hop is where the message entered: from outside.
/// The first field not received by a local host ends the walk: what lies beyond was written by others and
/// proves nothing. No trail, or no local domain configured, is "not from outside" (rules must not guess).
enum ReceivedTrail {
    /// Only the first fields are read: a trail longer than this is walked no further.
    static let maxFields = 32

    static func isFromOutside(_ header: Header, site: SiteSettings) -> Bool {
        guard !site.localDomains.isEmpty else { return false }
        for field in header.fields(named: "Received").prefix(maxFields) {
            let hop = Hop(field.unfoldedValue)
            guard let by = hop.by, site.isLocal(by) else { return false }
            if hop.isAuthenticated { return false }
            guard let from = hop.from else { continue }
            let names = hop.names(in: from)
            if names.contains(where: site.isLocal) { continue }
            if let address = hop.address(in: from), isPrivate(address) { continue }
            return true
        }
        return false
    }

    /// One Received field's clauses (RFC 5321 4.4): `from …`, `by HOST`, `with PROTOCOL`.
    struct Hop {
        var from: Substring?
        var by: String?
        var protocolName: String?

        init(_ value: String) {
            let text = Substring(value.split(separator: ";", maxSplits: 1).first ?? "")
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
            var fromStart: Substring.Index?
            var fromEnd: Substring.Index?
            for (index, word) in words.enumerated() {
                switch word.lowercased() {
                case "from" where fromStart == nil && index + 1 < words.count:
                    fromStart = words[index + 1].startIndex
                case "by" where by == nil && index + 1 < words.count:
                    if fromStart != nil && fromEnd == nil { fromEnd = word.startIndex }
                    by = DomainName.normalized(String(words[index + 1]))
                case "with" where protocolName == nil && index + 1 < words.count:
                    protocolName = words[index + 1].uppercased()
                default: break
                }
            }
            if let fromStart { from = text[fromStart..<(fromEnd ?? text.endIndex)] }
        }

        /// RFC 3848: the protocol names that say the client authenticated.
        var isAuthenticated: Bool {
            guard let name = protocolName else { return false }
            return name.hasSuffix("SA") || name.hasSuffix("A") && (name.hasPrefix("ESMTP") || name.hasPrefix("LMTP"))
        }

        /// The host names of a `from` clause: the name the client gave and the name in parentheses.
        func names(in clause: Substring) -> [String] {
            clause.split(whereSeparator: { " \t()[]".contains($0) }).map { DomainName.normalized(String($0)) }
                .filter { $0.contains(".") && !$0.allSatisfy { $0.isNumber || $0 == "." } }
        }

        /// The address in brackets (`[192.0.2.1]`, `[IPv6:…]`).
        func address(in clause: Substring) -> String? {
            guard let open = clause.firstIndex(of: "["), let close = clause[open...].firstIndex(of: "]") else {
                return nil
            }
            var text = clause[clause.index(after: open)..<close].lowercased()
            if text.hasPrefix("ipv6:") { text.removeFirst(5) }
            return text
        }
    }

    /// Loopback, RFC 1918, link-local, and IPv6 loopback, unique-local and link-local addresses.
    static func isPrivate(_ address: String) -> Bool {
        let parts = address.split(separator: ".").compactMap { Int($0) }
        if parts.count == 4 {
            switch (parts[0], parts[1]) {
            case (10, _), (127, _), (192, 168), (169, 254): return true
            case (172, let second): return (16...31).contains(second)
            default: return false
            }
        }
        return address == "::1" || address.hasPrefix("fc") || address.hasPrefix("fd") || address.hasPrefix("fe80")
    }
}
