import Glibc
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
        // A message's first links are told apart by comparing them (hashing each link's texts for a set was a
        // fifth of the links' time); past `directLinks`, a set takes over.
        let directLinks = 16
        var seen = Set<Link>()
        func add(_ link: Link) {
            guard links.count < Self.maxLinks else { return }
            if links.count < directLinks {
                guard !links.contains(link) else { return }
            } else {
                if seen.isEmpty { seen = Set(links) }
                guard seen.insert(link).inserted else { return }
            }
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
        // An ASCII text on its bytes (its Characters are its bytes, a CR LF pair aside, which no test here tells
        // from its two bytes): by Characters, this was a fifth of the links' time.
        var text = text
        let ascii = text.withUTF8 { bytes -> String?? in
            ASCIIBytes.all(bytes) ? .some(shownHost(ofASCII: bytes)) : nil
        }
        return ascii ?? shownHostByCharacters(text)
    }

    /// `shownHost(_:)` of an ASCII text, given as its bytes.
    private static func shownHost(ofASCII bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let trimmed = UnsafeBufferPointer(rebasing: bytes[ASCIIBytes.trimmedRange(bytes)])
        guard !trimmed.isEmpty, trimmed.count <= 253 + 512, !trimmed.contains(UInt8(ascii: " ")) else { return nil }
        if let host = host(ofASCIIURL: trimmed).0 { return host }
        let length =
            trimmed.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
            ?? trimmed.count
        let candidate = UnsafeBufferPointer(rebasing: trimmed[0..<length])
        // Labels split at dots: none empty, each of letters, digits and "-", the last of two letters or more.
        var dots = 0
        var labelLength = 0
        var labelIsLetters = true
        for byte in candidate {
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0 else { return nil }
                dots += 1
                labelLength = 0
                labelIsLetters = true
                continue
            }
            let isLetter = (byte | 0x20) &- UInt8(ascii: "a") < 26
            guard isLetter || ASCIIBytes.isDigit(byte) || byte == UInt8(ascii: "-") else { return nil }
            labelLength += 1
            labelIsLetters = labelIsLetters && isLetter
        }
        guard dots >= 1, labelLength >= 2, labelIsLetters else { return nil }
        // The candidate's own bytes normalized (lower-cased, cut past 253 bytes): no String made first.
        return DomainName.normalizedASCII(candidate)
    }

    /// `shownHost(_:)` by Characters, for any text.
    static func shownHostByCharacters(_ text: String) -> String? {
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

    /// Every URL starts three to five bytes before a `:` or `.` of its prefix, which `memchr` finds (vectorized
    /// in glibc): looking at each byte of the text for an h or a w was 3 % of the rules' time. Candidates are met
    /// in the order of their starts, as a scan byte by byte meets them: of two valid prefixes, the one whose
    /// separator comes first starts first (`http://`, `https://` and `www.` cannot overlap otherwise).
    private static func urls(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        guard let base = bytes.baseAddress else { return [] }
        let count = bytes.count
        var found: [String] = []
        /// Where no URL may start before (the end of the last one found).
        var index = 0
        var colon = next(UInt8(ascii: ":"), in: bytes, from: 0)
        var dot = next(UInt8(ascii: "."), in: bytes, from: 0)
        while found.count < maxLinks, colon < count || dot < count {
            let separator = min(colon, dot)
            let start: Int
            if separator == colon {
                colon = next(UInt8(ascii: ":"), in: bytes, from: separator + 1)
                if startsURL(base, count, at: separator - 4, "http://") {
                    start = separator - 4
                } else if startsURL(base, count, at: separator - 5, "https://") {
                    start = separator - 5
                } else {
                    continue
                }
            } else {
                dot = next(UInt8(ascii: "."), in: bytes, from: separator + 1)
                guard startsURL(base, count, at: separator - 3, "www.") else { continue }
                start = separator - 3
            }
            guard start >= index,
                start == 0 || !isURLByte(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "<")
            else { continue }
            var end = start
            while end < count, isURLByte(bytes[end]), end - start < 2048 { end += 1 }
            found.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            index = end
        }
        return found
    }

    /// The position of the next `byte` at or after `from`, or the text's count when there is none.
    private static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + from, Int32(byte), bytes.count - from)
        else { return bytes.count }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// Whether `prefix` starts at `index`, its letters in either case (its other bytes exactly).
    private static func startsURL(_ base: UnsafePointer<UInt8>, _ count: Int, at index: Int, _ prefix: StaticString)
        -> Bool
    {
        let length = prefix.utf8CodeUnitCount
        guard index >= 0, index + length <= count else { return false }
        let expected = prefix.utf8Start
        for offset in 0..<length {
            let byte = base[index + offset]
            let wanted = expected[offset]
            guard byte == wanted || (wanted >= UInt8(ascii: "a") && byte | 0x20 == wanted) else { return false }
        }
        return true
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
