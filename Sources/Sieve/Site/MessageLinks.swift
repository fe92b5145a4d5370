import MailMessage

/// The links of a message and the measure of its HTML text, gathered once per run for the
/// `vnd.mailsift.html` tests: `<a href>` links of its HTML parts (with their anchor text) and the URLs written
/// in its plain-text parts, from parts that are not attachments.
struct MessageLinks: Sendable {
    /// The most links kept for one message (more are ignored: the rules need only some); the limit of the scan
    /// each HTML part keeps (`MIMEPart.htmlScan`), which the body transforms and the tokenizer share.
    static let maxLinks = HTMLScan.defaultMaxLinks
    /// Plain-text parts are searched for URLs in their first this many bytes.
    static let maxPlainBytes = 256 << 10

    struct Link: Sendable, Hashable {
        /// The href or the URL as written.
        var url: String
        /// The host of an http, https or ftp URL, lower case (nil for other links: mailto:, relative…).
        var host: String?
        /// Whether the URL carries a user name before its host (`http://bank.com@evil.example/`).
        var hasUserinfo: Bool
        /// The host the link's text shows, when the text is a URL or a domain name.
        var textHost: String?
    }

    var links: [Link] = []
    /// Whether the message has an HTML part, and its text's measure (summed over the HTML parts).
    var hasHTML = false
    var hiddenCharacters = 0
    var visibleCharacters = 0

    /// Part texts are decoded through `extracts`, shared with the `body` transforms.
    init(_ message: Message, extracts: BodyExtracts = BodyExtracts()) {
        var seen = Set<Link>()
        func add(_ link: Link) {
            guard links.count < Self.maxLinks, seen.insert(link).inserted else { return }
            links.append(link)
        }
        let parts = extracts.parts(of: message)
        for index in parts.indices {
            let part = parts[index]
            guard part.children.isEmpty && part.contentType.isText && !part.isAttachment,
                part.contentType.subtype == "html" || part.contentType.subtype == "plain",
                let text = extracts.text(ofPart: index, in: message)
            else { continue }
            if part.contentType.subtype == "html" {
                hasHTML = true
                let scan = part.htmlScan
                hiddenCharacters += scan.hiddenCharacters
                visibleCharacters += scan.visibleCharacters
                for link in scan.links {
                    let (host, userinfo) = Self.host(ofURL: link.href)
                    add(Link(url: link.href, host: host, hasUserinfo: userinfo, textHost: Self.shownHost(link.text)))
                }
            } else {
                for url in Self.urls(inText: text) {
                    let (host, userinfo) = Self.host(ofURL: url)
                    add(Link(url: url, host: host, hasUserinfo: userinfo, textHost: nil))
                }
            }
        }
    }

    /// The host of an http(s) or ftp URL (or one starting with `www.`) and whether a user name precedes it.
    static func host(ofURL url: String) -> (String?, Bool) {
        var url = url
        if let answer = url.withUTF8({ ASCIIBytes.all($0) ? host(ofASCIIURL: $0) : nil }) { return answer }
        return hostByCharacters(ofURL: url)
    }

    /// `host(ofURL:)` by Characters, for any text.
    static func hostByCharacters(ofURL url: String) -> (String?, Bool) {
        var rest = Substring(url.trimmingWhitespace())
        let lower = rest.prefix(8).lowercased()
        if lower.hasPrefix("http://") {
            rest = rest.dropFirst(7)
        } else if lower.hasPrefix("https://") {
            rest = rest.dropFirst(8)
        } else if lower.hasPrefix("ftp://") {
            rest = rest.dropFirst(6)
        } else if !lower.hasPrefix("www.") {
            return (nil, false)
        }
        while rest.first == "/" || rest.first == "\\" { rest = rest.dropFirst() }
        let authority = rest.prefix { !"/?#\\".contains($0) }
        var hostPart = authority
        var userinfo = false
        if let at = authority.lastIndex(of: "@") {
            hostPart = authority[authority.index(after: at)...]
            userinfo = true
        }
        if hostPart.hasPrefix("[") {
            // IPv6: up to the closing bracket.
            let end = hostPart.firstIndex(of: "]").map { hostPart.index(after: $0) } ?? hostPart.endIndex
            return (String(hostPart[..<end]), userinfo)
        }
        let host = hostPart.prefix { $0 != ":" }
        let normalized = DomainName.normalized(String(host))
        return (normalized.isEmpty ? nil : normalized, userinfo)
    }

    /// The host an anchor text shows: the text is one URL, or one domain name (`www.banque.fr`,
    /// `paypal.com/login`), with at least one dot and a top-level label of letters.
    static func shownHost(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 253 + 512, !trimmed.contains(Character(" ")) else { return nil }
        if let host = host(ofURL: trimmed).0 { return host }
        let candidate = trimmed.prefix { $0 != "/" && $0 != "?" && $0 != "#" }.lowercased()
        let labels = candidate.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, top.allSatisfy({ $0.isLetter && $0.isASCII }),
            labels.allSatisfy({
                !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            })
        else { return nil }
        return DomainName.normalized(candidate)
    }

    /// The http(s) URLs and `www.` names written in plain text, in its first `maxPlainBytes` bytes.
    static func urls(inText text: String) -> [String] {
        // On the text's own UTF-8 (a copy through `Array(text.utf8.prefix(…))` went byte by byte).
        var text = text
        return text.withUTF8 { whole in urls(in: UnsafeBufferPointer(rebasing: whole.prefix(maxPlainBytes))) }
    }

    private static func urls(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var found: [String] = []
        var index = 0
        while index < bytes.count, found.count < maxLinks {
            let byte = bytes[index] | 0x20
            guard byte == UInt8(ascii: "h") || byte == UInt8(ascii: "w"),
                index == 0 || !isURLByte(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: "<"),
                startsURL(bytes, at: index)
            else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, isURLByte(bytes[end]), end - index < 2048 { end += 1 }
            found.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self))
            index = end
        }
        return found
    }

    /// Whether "http://", "https://" or "www." starts at `index`, letters in either case. In place: matching
    /// through `zip` over a list of arrays took a third of the links' time, at every h and w of the text.
    private static func startsURL(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        /// Each byte of the three prefixes has the 0x20 bit, so `| 0x20` folds a capital letter and leaves
        /// the punctuation as it is.
        func matches(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            let start = prefix.utf8Start
            for offset in 0..<count where bytes[index + offset] | 0x20 != start[offset] { return false }
            return true
        }
        return matches("http://") || matches("https://") || matches("www.")
    }

    private static func isURLByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
            && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
    }

    /// Whether a link's text shows a host whose registrable domain differs from that of its href.
    static func isMismatched(_ link: Link) -> Bool {
        guard let shown = link.textHost, let host = link.host else { return false }
        return DomainName.registrable(shown) != DomainName.registrable(host)
    }
}
