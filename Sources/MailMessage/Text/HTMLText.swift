/// Plain text from HTML, for rules and search: tags removed, script and style content dropped, block
/// elements turned into line breaks, entities decoded, runs of white space folded. One linear pass; it does
/// not build a DOM, so hostile markup cannot make it slow or deep.
public enum HTMLText {
    public static func plainText(_ html: String) -> String {
        var scanner = Scanner(Array(html.utf8))
        return scanner.run()
    }

    /// The plain text and, in the same pass, the links (`<a href>` with their anchor text) and how much text
    /// sits in hidden or tiny elements: what spam rules look at (`vnd.mailsift.html`). At most `maxLinks`
    /// links are kept.
    public static func scan(_ html: String, maxLinks: Int = HTMLScan.defaultMaxLinks) -> HTMLScan {
        var scanner = Scanner(Array(html.utf8))
        scanner.collects = true
        scanner.maxLinks = maxLinks
        let text = scanner.run()
        return HTMLScan(
            text: text, links: scanner.links, linksTruncated: scanner.linksTruncated,
            hiddenCharacters: scanner.hiddenCharacters, visibleCharacters: scanner.visibleCharacters)
    }

    /// Tag names packed into an integer (up to 8 lower-case ASCII letters), so the scanner compares numbers
    /// instead of building a String for every tag.
    static func key<S: StringProtocol>(_ name: S) -> UInt64 {
        name.utf8.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var out: [UInt8] = []
        /// What the output last ended with: 0 text, 1 a space, 2 one line break, 3 a blank line.
        var pendingBreak = 3
        /// `scan`: collect links and count hidden text (off for `plainText`, which needs neither).
        var collects = false
        var maxLinks = 0
        var links: [HTMLLink] = []
        var linksTruncated = false
        /// The open `<a>`: its href and where its text starts in `out`.
        var openLink: (href: String, textStart: Int)?
        /// The innermost element that hides its content (`display:none`, tiny font…) with how many elements of
        /// the same name opened inside it, and how many hiding elements enclose it (only the innermost is
        /// tracked by name: no stack, so nesting cannot cost memory).
        var hidingElement: (name: UInt64, sameNameDepth: Int)?
        var hiddenNesting = 0
        var hiddenCharacters = 0
        var visibleCharacters = 0

        /// The tags acted on, read once per scanner (not once per tag: see `HTMLTags`).
        let tags = HTMLTags.shared

        /// Bytes that end a run of plain text: markup, entities and white space. Compared, not looked up in a
        /// table: a table in a global was a lazy-initialisation check per run of text.
        @inline(__always) static func stopsText(_ byte: UInt8) -> Bool {
            byte <= ASCII.lessThan
                && (byte == ASCII.lessThan || byte == ASCII.ampersand || ASCII.isLineWhitespace(byte))
        }

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            out.reserveCapacity(bytes.count / 2)
        }

        mutating func run() -> String {
            while index < bytes.count {
                let byte = bytes[index]
                if byte == ASCII.lessThan {
                    tag()
                } else if byte == ASCII.ampersand {
                    entity()
                } else if ASCII.isLineWhitespace(byte) {
                    // A run of white space at once: one space at most.
                    if pendingBreak == 0 { pendingBreak = 1 }
                    var end = index + 1
                    while end < bytes.count, ASCII.isLineWhitespace(bytes[end]) { end += 1 }
                    index = end
                } else {
                    // A run of ordinary text, appended in one go. Read with an index of its own: stepping
                    // `self.index` stored it at every byte.
                    emitPending()
                    let start = index
                    var end = start + 1
                    while end < bytes.count, !Scanner.stopsText(bytes[end]) { end += 1 }
                    index = end
                    out.append(contentsOf: bytes[start..<end])
                    if collects { countText(bytes[start..<end]) }
                }
            }
            if collects { closeLink() }
            return String(decoding: out, as: UTF8.self)
        }

        /// Characters (not UTF-8 continuation bytes) of text, counted as hidden or visible.
        private mutating func countText(_ piece: ArraySlice<UInt8>) {
            var characters = 0
            for byte in piece where byte & 0xC0 != 0x80 { characters += 1 }
            if hiddenNesting > 0 { hiddenCharacters += characters } else { visibleCharacters += characters }
        }

        private mutating func emitPending() {
            guard !out.isEmpty else {
                pendingBreak = 0
                return
            }
            switch pendingBreak {
            case 1: out.append(ASCII.space)
            case 2: out.append(ASCII.lf)
            case 3:
                // Two appends: `out += [lf, lf]` made an array for every paragraph.
                out.append(ASCII.lf)
                out.append(ASCII.lf)
            default: break
            }
            pendingBreak = 0
        }

        private mutating func lineBreak(_ strength: Int) {
            pendingBreak = max(pendingBreak, strength)
        }

        private mutating func tag() {
            // `<!--`, compared in place (a `memcmp` call for every tag).
            if index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == ASCII.dash,
                bytes[index + 3] == ASCII.dash
            {
                index =
                    bytes.firstIndex(of: tags.commentClose, in: min(index + 4, bytes.count)..<bytes.count).map {
                        $0 + 3
                    } ?? bytes.count
                return
            }
            var cursor = index + 1
            let closing = cursor < bytes.count && bytes[cursor] == ASCII.slash
            if closing { cursor += 1 }
            let nameStart = cursor
            while cursor < bytes.count, ASCII.isAlpha(bytes[cursor]) || ASCII.isDigit(bytes[cursor]) { cursor += 1 }
            guard cursor > nameStart || (cursor < bytes.count && bytes[cursor] == UInt8(ascii: "!")) else {
                // A lone `<` in text.
                emitPending()
                out.append(ASCII.lessThan)
                index += 1
                return
            }
            var name: UInt64 = 0
            for byte in bytes[nameStart..<min(cursor, nameStart + 8)] {
                name = name << 8 | UInt64(ASCII.lowercased(byte))
            }
            if cursor - nameStart > 8 { name = ~name }  // longer names match no tag except blockquote below
            if cursor - nameStart == 10,
                bytes.hasCaseInsensitivePrefix(tags.blockquote, at: nameStart, end: bytes.count)
            {
                name = tags.blockquoteKey
            }
            let nameEnd = cursor
            index = Self.tagEnd(bytes, from: cursor)
            if collects { track(name: name, closing: closing, attributes: nameEnd..<max(nameEnd, index - 1)) }
            if !closing && tags.hidden.contains(name) {
                let closeTag = [ASCII.lessThan, ASCII.slash] + bytes[nameStart..<nameEnd].map(ASCII.lowercased)
                var search = index
                while let hit = bytes.firstIndex(
                    of: [ASCII.lessThan, ASCII.slash], in: min(search, bytes.count)..<bytes.count)
                {
                    if bytes.hasCaseInsensitivePrefix(closeTag, at: hit, end: bytes.count) {
                        index = Self.tagEnd(bytes, from: hit + closeTag.count)
                        return
                    }
                    search = hit + 2
                }
                index = bytes.count
                return
            }
            if tags.paragraph.contains(name) {
                lineBreak(3)
            } else if tags.line.contains(name) {
                lineBreak(2)
            } else if tags.cell.contains(name) {
                lineBreak(1)
            }
        }

        /// The index after the `>` that closes a tag, skipping quoted attribute values (each found by `memchr`,
        /// through `firstIndex(of:in:)`). Static, on the bytes: as a method it copied the whole scanner for every
        /// tag.
        private static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int {
            var cursor = start
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if byte == ASCII.greaterThan { return cursor + 1 }
                if byte == ASCII.quote || byte == ASCII.apostrophe {
                    guard let close = bytes.firstIndex(of: byte, in: (cursor + 1)..<bytes.count) else {
                        return bytes.count
                    }
                    cursor = close
                }
                cursor += 1
            }
            return bytes.count
        }

        private mutating func entity() {
            var cursor = index + 1
            var scalar: Unicode.Scalar?
            if cursor < bytes.count, bytes[cursor] == ASCII.hash {
                cursor += 1
                let hex = cursor < bytes.count && (bytes[cursor] | 0x20) == UInt8(ascii: "x")
                if hex { cursor += 1 }
                let digitsStart = cursor
                var value: UInt32 = 0
                while cursor < bytes.count, cursor - digitsStart < 8 {
                    guard
                        let digit = hex
                            ? ASCII.hexValue(bytes[cursor])
                            : (ASCII.isDigit(bytes[cursor]) ? bytes[cursor] - 0x30 : nil)
                    else { break }
                    value = value * (hex ? 16 : 10) + UInt32(digit)
                    cursor += 1
                }
                if cursor > digitsStart {
                    scalar = Unicode.Scalar(value).flatMap { $0.value == 0 ? nil : $0 } ?? "\u{FFFD}"
                }
            } else {
                let nameStart = cursor
                while cursor < bytes.count, cursor - nameStart < 32,
                    ASCII.isAlpha(bytes[cursor]) || ASCII.isDigit(bytes[cursor])
                {
                    cursor += 1
                }
                scalar = HTMLEntities.scalar(named: String(decoding: bytes[nameStart..<cursor], as: UTF8.self))
            }
            guard let scalar else {
                emitPending()
                out.append(ASCII.ampersand)
                index += 1
                return
            }
            if cursor < bytes.count, bytes[cursor] == ASCII.semicolon { cursor += 1 }
            index = cursor
            if scalar == "\u{A0}" {
                if pendingBreak == 0 { pendingBreak = 1 }
                return
            }
            emitPending()
            let encoded = UTF8.encode(scalar)!
            out.append(contentsOf: encoded)
            if collects { countText(ArraySlice(encoded)) }
        }
    }
}
