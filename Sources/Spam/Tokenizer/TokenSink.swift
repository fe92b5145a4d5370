/// Where the tokenizer puts a message's tokens: each distinct one once, up to the limit.
struct TokenSink {
    let limit: Int
    private var seen: TokenSet
    private(set) var ordered: [TokenHash] = []
    /// The tokens' texts, kept only when a caller wants to explain a score.
    private(set) var names: [TokenHash: String]?
    /// Whether a token was dropped because the limit was reached.
    private(set) var isFull = false

    init(limit: Int, keepNames: Bool) {
        self.limit = limit
        names = keepNames ? [:] : nil
        seen = TokenSet(capacity: min(limit, 512))
        ordered.reserveCapacity(min(limit, 1024))
    }

    /// Adds a token; `name` is only asked for when names are kept.
    @inline(__always) mutating func add(_ hash: UInt64, name: @autoclosure () -> String) {
        guard !isFull else { return }
        guard seen.insert(hash) else { return }
        guard ordered.count < limit else {
            isFull = true
            return
        }
        let token = TokenHash(value: hash)
        ordered.append(token)
        if names != nil { names![token] = name() }
    }

    mutating func add(prefix: TokenPrefix, text: String) {
        var state = prefix.state
        state.add(text)
        add(state.value, name: prefix.rawValue + text)
    }

    /// `add(prefix:text:)` for a text given as its UTF-8 bytes (the same token).
    mutating func add(prefix: TokenPrefix, bytes: ArraySlice<UInt8>) {
        var state = prefix.state
        state.add(bytes)
        add(state.value, name: prefix.rawValue + String(decoding: bytes, as: UTF8.self))
    }
}

/// Where in the message a token was found. The same word in the Subject and in the body are two tokens, as in
/// bogofilter's header markup: "subj:free" tells more than "free".
enum TokenPrefix: String {
    case body = ""
    case subject = "subj:"
    case from = "from:"
    case to = "to:"
    case returnPath = "rtrn:"
    case received = "rcvd:"
    case header = "head:"
    case headerName = "hdr:"
    case url = "url:"
    case part = "mime:"
    case special = "meta:"

    /// FNV state after the prefix (a few bytes: cheaper to hash again than to look up).
    var state: FNV1a {
        var state = FNV1a()
        state.add(rawValue)
        return state
    }
}
