import Glibc

/// The host of a link, as tokens: "url:www.ac-lyon.fr", "url:ac-lyon.fr". Phishing lives on its hosts more
/// than on its words, and a host's parent domain carries over to its other sub-domains.
enum LinkHost {
    /// Parent domains given per host, so a host of a hundred labels costs a few tokens.
    static let maxLevels = 4
    static let maxHostBytes = 253

    /// Reads the host that starts at `start` (just after `://`); returns the index after it.
    ///
    /// The host is gathered in memory on the stack: an array per link was an allocation, and its appends a
    /// uniqueness check per byte. At most `maxHostBytes + 1` bytes are kept: one more marks the host too long.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into sink: inout TokenSink) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxHostBytes + 1) { host in
            var count = 0
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "@") {
                    count = 0  // user:password@host — the host is after it.
                } else if ByteClass.isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: "_") || byte >= 0x80 || byte == UInt8(ascii: ":")
                {
                    if count <= maxHostBytes {
                        host[count] = ASCII.lower(byte)
                        count += 1
                    }
                } else {
                    break
                }
                index += 1
            }
            let kept = UnsafeBufferPointer(rebasing: host[0..<count])
            add(UnsafeBufferPointer(rebasing: kept[0..<(kept.firstIndex(of: UInt8(ascii: ":")) ?? count)]), into: &sink)
            return max(index, start)
        }
    }

    /// Adds the host and its parent domains (down to two labels).
    static func add(_ host: [UInt8], into sink: inout TokenSink) {
        host.withUnsafeBufferPointer { add($0, into: &sink) }
    }

    static func add(_ host: UnsafeBufferPointer<UInt8>, into sink: inout TokenSink) {
        if host.allSatisfy({ $0 < 0x80 }) {
            addASCII(host, into: &sink)
        } else {
            addByCharacters(host, into: &sink)
        }
    }

    /// `add` through Strings, for any bytes (those that are not UTF-8 become U+FFFD, as they always did).
    static func addByCharacters(_ host: [UInt8], into sink: inout TokenSink) {
        host.withUnsafeBufferPointer { addByCharacters($0, into: &sink) }
    }

    static func addByCharacters(_ host: UnsafeBufferPointer<UInt8>, into sink: inout TokenSink) {
        var name = Substring(String(decoding: host, as: UTF8.self))
        while name.hasPrefix(".") { name = name.dropFirst() }
        while name.hasSuffix(".") { name = name.dropLast() }
        guard !name.isEmpty, host.count <= maxHostBytes else {
            sink.add(prefix: .url, text: "(no host)")
            return
        }
        var labels = name.utf8.count(where: { $0 == UInt8(ascii: ".") }) + 1
        for _ in 0..<maxLevels {
            sink.add(prefix: .url, text: String(name))
            guard labels > 2, let dot = name.firstIndex(of: ".") else { break }
            name = name[name.index(after: dot)...]
            labels -= 1
        }
    }

    /// `add` for a host of ASCII bytes, as nearly every host is: the same tokens, hashed from the bytes without a
    /// String for the host and one for each parent domain (Character-level trimming and searching on them were
    /// most of the cost of a link).
    static func addASCII(_ host: [UInt8], into sink: inout TokenSink) {
        host.withUnsafeBufferPointer { addASCII($0, into: &sink) }
    }

    static func addASCII(_ host: UnsafeBufferPointer<UInt8>, into sink: inout TokenSink) {
        var start = 0
        var end = host.count
        while start < end, host[start] == UInt8(ascii: ".") { start += 1 }
        while end > start, host[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard start < end, host.count <= maxHostBytes else {
            sink.add(prefix: .url, text: "(no host)")
            return
        }
        var labels = host[start..<end].count(where: { $0 == UInt8(ascii: ".") }) + 1
        for _ in 0..<maxLevels {
            sink.add(prefix: .url, bytes: host[start..<end])
            guard labels > 2, let dot = host[start..<end].firstIndex(of: UInt8(ascii: ".")) else { break }
            start = dot + 1
            labels -= 1
        }
    }

    /// Every `http://` and `https://` link's host in raw text such as HTML, where the links sit in attributes
    /// that the readable text no longer shows.
    static func scanLinks(_ text: String, budget: inout Int, into sink: inout TokenSink) {
        var text = text
        text.withUTF8 { whole in
            let count = min(whole.count, max(budget, 0))
            budget -= count
            let bytes = UnsafeBufferPointer(rebasing: whole[0..<count])
            var index = 0
            while index + 3 <= bytes.count, !sink.isFull {
                // The next colon, found by `memchr` (a byte-by-byte loop over whole HTML parts was 2 % of the
                // tokenizer).
                guard let hit = memchr(bytes.baseAddress! + index, Int32(UInt8(ascii: ":")), bytes.count - 2 - index)
                else { break }
                index = UnsafeRawPointer(hit) - UnsafeRawPointer(bytes.baseAddress!)
                guard bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/"),
                    endsWithScheme(bytes, before: index)
                else {
                    index += 1
                    continue
                }
                index = read(bytes, from: index + 3, into: &sink)
            }
        }
    }

    /// Whether "http" or "https" (without case) ends just before `index`; compared in place (two arrays in
    /// globals were an allocation and two lazy-initialisation checks per colon).
    private static func endsWithScheme(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        var end = index
        if end >= 5, ASCII.lower(bytes[end - 1]) == UInt8(ascii: "s") { end -= 1 }
        if end >= 4, ASCII.lower(bytes[end - 4]) == UInt8(ascii: "h"), ASCII.lower(bytes[end - 3]) == UInt8(ascii: "t"),
            ASCII.lower(bytes[end - 2]) == UInt8(ascii: "t"), ASCII.lower(bytes[end - 1]) == UInt8(ascii: "p")
        {
            return true
        }
        return false
    }
}
