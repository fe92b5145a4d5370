import Glibc

/// What `HTMLText.scan` finds in an HTML part besides its text: the links a reader would click and how much
/// of the text is there for filters rather than for the reader (hidden or too small to read).
public struct HTMLScan: Sendable, Hashable {
    /// The most links one part keeps: a page with more is spam or a catalogue, and the rules need only some.
    public static let defaultMaxLinks = 256
    /// Anchor texts are cut to this many bytes (enough to show a URL; a rule needs no more).
    public static let maxAnchorTextBytes = 256
    /// Hrefs are cut to this many bytes.
    public static let maxHrefBytes = 2048

    public let text: String
    public let links: [HTMLLink]
    /// More links than the limit were in the part: only the first ones are in `links`.
    public let linksTruncated: Bool
    /// Characters of text inside elements that hide it: `display:none`, `visibility:hidden`, `opacity:0`,
    /// a font size under 3 px/pt, the `hidden` attribute, `<font size="0">` (script and style content is not
    /// text and counts nowhere).
    public let hiddenCharacters: Int
    /// Characters of the other text.
    public let visibleCharacters: Int
}

/// One `<a href>`: where it points and the text it shows.
public struct HTMLLink: Sendable, Hashable {
    /// The href as written, `&amp;` and other entities decoded, cut at `HTMLScan.maxHrefBytes`.
    public let href: String
    /// The text inside the element, white space folded, cut at `HTMLScan.maxAnchorTextBytes`.
    public let text: String

    public init(href: String, text: String) {
        self.href = href
        self.text = text
    }
}

extension HTMLText.Scanner {
    /// Follows links and hidden regions at a tag; `attributes` is the text between the name and the `>`.
    mutating func track(name: UInt64, closing: Bool, attributes: Range<Int>) {
        if closing {
            if name == tags.anchor { closeLink() }
            if var hiding = hidingElement, hiding.name == name {
                hiding.sameNameDepth -= 1
                if hiding.sameNameDepth == 0 {
                    hidingElement = nil
                    hiddenNesting = 0
                } else {
                    hidingElement = hiding
                }
            }
            return
        }
        let selfClosing =
            attributes.upperBound > attributes.lowerBound && bytes[attributes.upperBound - 1] == ASCII.slash
        let isVoid = tags.void.contains(name) || selfClosing
        if !isVoid, var hiding = hidingElement, hiding.name == name {
            hiding.sameNameDepth += 1
            hidingElement = hiding
        }
        let isAnchor = name == tags.anchor
        let isFont = name == tags.font
        guard isAnchor || isFont || !isVoid, attributes.count > 1 else { return }
        var hides = false
        var href: String?
        // The closure reads only locals and the bytes: one that used `self` (a method, a tag key) made the
        // compiler copy the whole scanner around the call, 3 % of the HTML scan in `perf`.
        let bytes = self.bytes
        Self.forEachAttribute(bytes, in: attributes) { attribute, value in
            switch attribute {
            case .href where isAnchor: href = Self.attributeValue(bytes, value)
            case .style: if Self.styleHides(Self.attributeValue(bytes, value)) { hides = true }
            case .hidden: hides = true
            case .size where isFont:
                if Self.attributeValue(bytes, value).trimmingCharacters(in: " ") == "0" { hides = true }
            default: break
            }
        }
        if let href, name == tags.anchor {
            closeLink()
            if links.count < maxLinks {
                openLink = (href.cut(toBytes: HTMLScan.maxHrefBytes), out.count)
            } else {
                linksTruncated = true
            }
        }
        if hides && !isVoid {
            // The innermost hiding element is followed by name; one inside another keeps the text hidden
            // until the inner one closes (then the outer one is treated as closed too: a cheap approximation
            // that can only undercount hidden text).
            hidingElement = (name, 1)
            hiddenNesting += 1
        }
    }

    /// Ends the open link, keeping its text.
    mutating func closeLink() {
        guard let link = openLink else { return }
        openLink = nil
        let start = min(link.textStart, out.count)
        let end = min(out.count, start + HTMLScan.maxAnchorTextBytes + 4)
        let text = String(decoding: out[start..<end], as: UTF8.self)
            .cut(toBytes: HTMLScan.maxAnchorTextBytes).trimmingCharacters(in: " \n")
        links.append(HTMLLink(href: link.href, text: text))
    }

    /// The attributes `track` reads, told apart by their bytes: a String for every attribute's name and value
    /// was most of the cost of scanning a tag.
    enum AttributeName {
        case href, style, hidden, size, other

        /// The attribute whose lower-cased name the bytes are.
        init(_ name: ArraySlice<UInt8>) {
            switch name.count {
            case 4 where Self.spells(name, "href"): self = .href
            case 4 where Self.spells(name, "size"): self = .size
            case 5 where Self.spells(name, "style"): self = .style
            case 6 where Self.spells(name, "hidden"): self = .hidden
            default: self = .other
            }
        }

        /// Whether the bytes, lower-cased, are `spelling` (of the same length).
        private static func spells(_ name: ArraySlice<UInt8>, _ spelling: StaticString) -> Bool {
            var offset = 0
            for byte in name {
                guard ASCII.lowercased(byte) == spelling.utf8Start[offset] else { return false }
                offset += 1
            }
            return true
        }
    }

    /// An attribute's value: its bytes as text, entities decoded.
    private static func attributeValue(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        let raw = String(decoding: bytes[range], as: UTF8.self)
        // A byte search: String.contains with a String goes through Foundation's range(of:).
        return bytes[range].contains(ASCII.ampersand) ? HTMLText.plainText(raw) : raw
    }

    /// Calls `body` with each attribute's name and the range of its value (empty for a bare attribute).
    private static func forEachAttribute(
        _ bytes: [UInt8], in range: Range<Int>, _ body: (AttributeName, Range<Int>) -> Void
    ) {
        var cursor = range.lowerBound
        let end = range.upperBound
        while cursor < end {
            while cursor < end, ASCII.isLineWhitespace(bytes[cursor]) || bytes[cursor] == ASCII.slash { cursor += 1 }
            let nameStart = cursor
            while cursor < end, !ASCII.isLineWhitespace(bytes[cursor]), bytes[cursor] != ASCII.equals,
                bytes[cursor] != ASCII.slash
            {
                cursor += 1
            }
            guard cursor > nameStart else {
                cursor += 1
                continue
            }
            let name = AttributeName(bytes[nameStart..<cursor])
            while cursor < end, ASCII.isLineWhitespace(bytes[cursor]) { cursor += 1 }
            guard cursor < end, bytes[cursor] == ASCII.equals else {
                body(name, cursor..<cursor)
                continue
            }
            cursor += 1
            while cursor < end, ASCII.isLineWhitespace(bytes[cursor]) { cursor += 1 }
            var valueRange = cursor..<cursor
            if cursor < end, bytes[cursor] == ASCII.quote || bytes[cursor] == ASCII.apostrophe {
                let quote = bytes[cursor]
                let close = bytes.firstIndex(of: quote, in: cursor + 1..<end) ?? end
                valueRange = cursor + 1..<close
                cursor = min(close + 1, end)
            } else {
                while cursor < end, !ASCII.isLineWhitespace(bytes[cursor]) { cursor += 1 }
                valueRange = valueRange.lowerBound..<cursor
            }
            body(name, valueRange)
        }
    }

    /// Whether an inline style hides its text: `display:none`, `visibility:hidden`, `opacity:0`, or a
    /// font size under 3 px or pt. Parsed only when `mayHide` lets it through: most inline styles (colours,
    /// fonts, margins, readable sizes) cannot hide, and the parse (a lower-cased String, splits, substrings,
    /// generic number parsing) was 4 % of the spam tokenizer.
    static func styleHides(_ style: String) -> Bool {
        mayHide(style) && styleHidesParsed(style)
    }

    /// False only when `styleHidesParsed` is false: read from the bytes, lower-cased and without white space as
    /// that parse reads them, every colon is checked for a property that can hide just before it and, for
    /// `font-size`, a value that can be under 3. A hiding declaration's property and value are ASCII, and no
    /// other character lower-cases into one of those ASCII names, so looking at bytes misses none.
    static func mayHide(_ style: String) -> Bool {
        var style = style
        return style.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
                var count = 0
                for byte in bytes where !ASCII.isLineWhitespace(byte) {
                    buffer[count] = ASCII.lowercased(byte)
                    count += 1
                }
                return mayHide(compact: UnsafeBufferPointer(rebasing: buffer[0..<count]))
            }
        }
    }

    private static func mayHide(compact: UnsafeBufferPointer<UInt8>) -> Bool {
        func spells(_ word: StaticString, from start: Int) -> Bool {
            let count = word.utf8CodeUnitCount
            guard start >= 0, start + count <= compact.count else { return false }
            return memcmp(compact.baseAddress! + start, word.utf8Start, count) == 0
        }
        /// A value whose leading number is 3 or more ("12px", "3pt"), so `font-size` does not hide.
        func readable(from start: Int) -> Bool {
            guard start < compact.count else { return false }
            let first = compact[start]
            if first >= UInt8(ascii: "3") && first <= UInt8(ascii: "9") { return true }
            guard first == UInt8(ascii: "1") || first == UInt8(ascii: "2"), start + 1 < compact.count else {
                return false
            }
            return ASCII.isDigit(compact[start + 1])
        }
        for colon in compact.indices where compact[colon] == ASCII.colon {
            let value = colon + 1
            if spells("display", from: colon - 7), spells("none", from: value) { return true }
            if spells("visibility", from: colon - 10), spells("hidden", from: value) { return true }
            if spells("opacity", from: colon - 7) { return true }
            if spells("font-size", from: colon - 9), !readable(from: value) { return true }
        }
        return false
    }

    /// `styleHides` by parsing the declarations.
    static func styleHidesParsed(_ style: String) -> Bool {
        let compact = String(
            style.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" })
        for declaration in compact.split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let property = parts[0]
            let value = parts[1].hasSuffix("!important") ? parts[1].dropLast(10) : parts[1]
            switch property {
            case "display" where value == "none": return true
            case "visibility" where value == "hidden": return true
            case "opacity": if let number = Double(value), number < 0.1 { return true }
            case "font-size":
                let digits = value.prefix { $0.isNumber || $0 == "." }
                let unit = value.dropFirst(digits.count)
                if let size = Double(digits), ["px", "pt", ""].contains(unit), size < 3 { return true }
            default: break
            }
        }
        return false
    }
}

extension String {
    /// At most `limit` bytes, cut on a character boundary.
    fileprivate func cut(toBytes limit: Int) -> String {
        guard utf8.count > limit else { return self }
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        while !unicodeScalars.indices.contains(end) { end = utf8.index(before: end) }
        return String(self[..<end])
    }

    fileprivate func trimmingCharacters(in set: String) -> String {
        let scalars = unicodeScalars
        // A set of one or two characters: searched in place (a `Set` was a hashing and an allocation per link).
        let members = set.unicodeScalars
        guard let first = scalars.firstIndex(where: { !members.contains($0) }),
            let last = scalars.lastIndex(where: { !members.contains($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
