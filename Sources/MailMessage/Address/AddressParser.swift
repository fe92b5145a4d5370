/// Parses RFC 5322 address lists (3.4) with the obsolete forms of 4.4 and RFC 6532 UTF-8.
///
/// Tolerant by design: empty list elements, routes (`<@relay:user@host>`), a comment standing for the name
/// (`user@host (Jean Dupont)`), encoded words in quoted names, a missing `>` or `;`. It never fails: what cannot
/// be read as an address is skipped.
public enum AddressParser {
    public static func parseList<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> [AddressListEntry]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        parseList(Array(bytes), withNames: true)
    }

    /// - Parameter withNames: false skips decoding display names and group names (they stay nil or empty),
    ///   for callers that compare addresses only, such as Sieve's address test.
    public static func parseList(_ input: [UInt8], withNames: Bool) -> [AddressListEntry] {
        let tokens = AddressToken.tokenize(input)
        var entries: [AddressListEntry] = []
        var index = 0
        while index < tokens.count {
            if tokens[index].kind == .special(ASCII.comma) || tokens[index].kind == .special(ASCII.semicolon) {
                index += 1
                continue
            }
            if let colon = groupColon(tokens, from: index) {
                let name = withNames ? phrase(tokens[index..<colon], input) : ""
                var members: [Mailbox] = []
                index = colon + 1
                while index < tokens.count, tokens[index].kind != .special(ASCII.semicolon) {
                    let end = mailboxEnd(tokens, from: index, inGroup: true)
                    if let mailbox = mailbox(tokens[index..<end], input, withNames) { members.append(mailbox) }
                    index = end
                    if index < tokens.count, tokens[index].kind == .special(ASCII.comma) { index += 1 }
                }
                index += 1  // the `;`
                entries.append(.group(name: name, members: members))
            } else {
                let end = mailboxEnd(tokens, from: index, inGroup: false)
                if let mailbox = mailbox(tokens[index..<end], input, withNames) { entries.append(.mailbox(mailbox)) }
                index = end
            }
        }
        return entries
    }

    /// Every mailbox in the list, group members included.
    public static func parseMailboxes<Bytes: RandomAccessCollection>(_ input: Bytes) -> [Mailbox]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        parseList(input).flatMap(\.mailboxes)
    }

    /// The same for an array: not generic, so callers in other modules get specialized code.
    public static func parseMailboxes(_ input: [UInt8], withNames: Bool = true) -> [Mailbox] {
        // Appended entry by entry: `flatMap(\.mailboxes)` made an array for every mailbox of the list.
        var mailboxes: [Mailbox] = []
        for entry in parseList(input, withNames: withNames) {
            switch entry {
            case .mailbox(let mailbox): mailboxes.append(mailbox)
            case .group(_, let members): mailboxes += members
            }
        }
        return mailboxes
    }

    /// The `:` of a group if the entry starting at `start` is one: a colon before any `<`, `@` or `,`.
    private static func groupColon(_ tokens: [AddressToken], from start: Int) -> Int? {
        for index in start..<tokens.count {
            switch tokens[index].kind {
            case .special(ASCII.colon): return index
            case .special(ASCII.lessThan), .special(ASCII.at), .special(ASCII.comma), .special(ASCII.semicolon):
                return nil
            default: continue
            }
        }
        return nil
    }

    /// Where the mailbox starting at `start` ends: the next `,` outside angle brackets (or `;` in a group).
    private static func mailboxEnd(_ tokens: [AddressToken], from start: Int, inGroup: Bool) -> Int {
        var inAngle = false
        for index in start..<tokens.count {
            switch tokens[index].kind {
            case .special(ASCII.lessThan): inAngle = true
            case .special(ASCII.greaterThan): inAngle = false
            case .special(ASCII.comma) where !inAngle: return index
            case .special(ASCII.semicolon) where inGroup: return index
            default: continue
            }
        }
        return tokens.count
    }

    private static func mailbox(_ tokens: ArraySlice<AddressToken>, _ input: [UInt8], _ withNames: Bool) -> Mailbox? {
        guard !tokens.isEmpty else { return nil }
        if let open = tokens.firstIndex(where: { $0.kind == .special(ASCII.lessThan) }) {
            var close = tokens[open...].firstIndex(where: { $0.kind == .special(ASCII.greaterThan) }) ?? tokens.endIndex
            var inner = tokens[(open + 1)..<close]
            // Obsolete route `@a,@b:`: everything up to its colon is dropped.
            if let colon = inner.lastIndex(where: { $0.kind == .special(ASCII.colon) }) {
                inner = tokens[(colon + 1)..<close]
            }
            close = min(close, tokens.endIndex)
            var mailbox = addrSpec(inner, input)
            guard withNames else { return mailbox }
            let name = phrase(tokens[tokens.startIndex..<open], input)
            mailbox.displayName = name.isEmpty ? commentName(tokens, input) : name
            return mailbox
        }
        var mailbox = addrSpec(tokens, input)
        if mailbox.domain == nil, tokens.filter({ $0.kind == .atom || $0.kind == .quoted }).count > 1 {
            // Words with no `@` and no brackets: a name without an address.
            return Mailbox(displayName: withNames ? phrase(tokens, input) : nil, localPart: "", domain: nil)
        }
        if mailbox.localPart.isEmpty && mailbox.domain == nil { return nil }
        if withNames { mailbox.displayName = commentName(tokens, input) }
        return mailbox
    }

    /// `local@domain` from the tokens; white space and comments between its pieces are dropped.
    private static func addrSpec(_ tokens: ArraySlice<AddressToken>, _ input: [UInt8]) -> Mailbox {
        let at = tokens.lastIndex { $0.kind == .special(ASCII.at) }
        let localTokens = at.map { tokens[tokens.startIndex..<$0] } ?? tokens
        if let at, let local = adjacentRange(localTokens, kept: isLocalPiece),
            let domain = adjacentRange(tokens[(at + 1)...], kept: isDomainPiece)
        {
            // Nearly every address: its pieces lie side by side in the input, each decoded from there.
            return Mailbox(
                localPart: Charset.decodeUnlabeled(input[local]), domain: Charset.decodeUnlabeled(input[domain]))
        }
        var local: [UInt8] = []
        for token in localTokens {
            switch token.kind {
            case .atom, .quoted, .special(ASCII.dot): local += token.bytes(input)
            default: continue
            }
        }
        var domain: [UInt8]?
        if let at {
            var bytes: [UInt8] = []
            for token in tokens[(at + 1)...] {
                switch token.kind {
                case .atom, .special(ASCII.dot): bytes += token.bytes(input)
                case .domainLiteral:
                    bytes.append(ASCII.openBracket)
                    bytes += token.bytes(input)
                    bytes.append(ASCII.closeBracket)
                default: continue
                }
            }
            domain = bytes
        }
        return Mailbox(
            localPart: Charset.decodeUnlabeled(local),
            domain: domain.map { Charset.decodeUnlabeled($0) }
        )
    }

    private static func isLocalPiece(_ kind: AddressToken.Kind) -> Bool {
        kind == .atom || kind == .quoted || kind == .special(ASCII.dot)
    }

    private static func isDomainPiece(_ kind: AddressToken.Kind) -> Bool {
        kind == .atom || kind == .special(ASCII.dot)
    }

    /// Where the tokens `kept` selects lie in the input, when they are one run of it: none is quoted (whose
    /// quotes lie between), escaped or a domain literal, and nothing lies between two of them. Nil otherwise,
    /// and for tokens of other kinds, which the slow path skips or wraps in brackets.
    private static func adjacentRange(_ tokens: ArraySlice<AddressToken>, kept: (AddressToken.Kind) -> Bool)
        -> Range<Int>?
    {
        var range: Range<Int>?
        for token in tokens {
            guard kept(token.kind), token.kind != .quoted, token.unescaped == nil else { return nil }
            if let known = range {
                guard known.upperBound == token.range.lowerBound else { return nil }
                range = known.lowerBound..<token.range.upperBound
            } else {
                range = token.range
            }
        }
        return range ?? 0..<0
    }

    /// A phrase (display name) with its original spacing, encoded words decoded.
    static func phrase(_ tokens: ArraySlice<AddressToken>, _ input: [UInt8]) -> String {
        var bytes: [UInt8] = []
        for token in tokens {
            switch token.kind {
            case .atom, .quoted, .special(ASCII.dot):
                if token.precededBySpace && !bytes.isEmpty { bytes.append(ASCII.space) }
                bytes += token.bytes(input)
            default: continue
            }
        }
        return EncodedWords.decode(bytes).trimming(" \t")
    }

    /// The first non-empty comment, used as the display name of `user@host (Name)`.
    private static func commentName(_ tokens: ArraySlice<AddressToken>, _ input: [UInt8]) -> String? {
        for token in tokens where token.kind == .comment {
            let name = EncodedWords.decode(token.bytes(input)).trimming(" \t")
            if !name.isEmpty { return name }
        }
        return nil
    }
}
