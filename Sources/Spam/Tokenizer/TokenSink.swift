/// Where the tokenizer puts a message's tokens: each distinct one once, up to the limit.
///
/// The tokens are kept in memory it owns (not an array): an array's uniqueness and capacity checks at every
/// append were a runtime call per token. Not copyable, so that memory has one owner, which frees it.
struct TokenSink: ~Copyable {
    let limit: Int
    private var seen: TokenSet
    /// The tokens in the order they were first met: `count` of them, room for `capacity`.
    private var tokens: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private(set) var count = 0
    /// The tokens' texts, kept only when a caller wants to explain a score.
    private(set) var names: [TokenHash: String]?
    /// Whether a token was dropped because the limit was reached.
    private(set) var isFull = false

    init(limit: Int, keepNames: Bool) {
        self.limit = limit
        names = keepNames ? [:] : nil
        seen = TokenSet(capacity: min(limit, 512))
        capacity = max(min(limit, 1024), 1)
        tokens = .allocate(capacity: capacity)
    }

    deinit { tokens.deallocate() }

    /// Each distinct token once, in the order met.
    var ordered: [TokenHash] {
        [TokenHash](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { (buffer.baseAddress! + index).initialize(to: TokenHash(value: tokens[index])) }
            initialized = count
        }
    }

    /// Adds a token; `name` is only asked for when names are kept.
    @inline(__always) mutating func add(_ hash: UInt64, name: @autoclosure () -> String) {
        guard !isFull else { return }
        guard seen.insert(hash) else { return }
        guard count < limit else {
            isFull = true
            return
        }
        if count == capacity { grow() }
        tokens[count] = hash
        count += 1
        if names != nil { names![TokenHash(value: hash)] = name() }
    }

    private mutating func grow() {
        let old = tokens
        capacity *= 2
        tokens = .allocate(capacity: capacity)
        tokens.moveInitialize(from: old, count: count)
        old.deallocate()
    }

    mutating func add(prefix: TokenPrefix, text: String) {
        var state = prefix.state
        state.add(text)
        add(state.value, name: prefix.rawValue + text)
    }

    /// `add(prefix:text:)` for a text given as its UTF-8 bytes (the same token).
    mutating func add<Bytes: Collection<UInt8>>(prefix: TokenPrefix, bytes: Bytes) {
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
