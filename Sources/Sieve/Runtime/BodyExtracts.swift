import MailMessage

/// What runs extract from a message's body — the values of each `body` transform, the links and the HTML
/// measure — kept for every script of one sequence. The body is the same for all of them (editheader
/// changes the header only), and extracting it is most of what body and link rules cost: once per message,
/// not once per script. One sequence runs on one thread; the object is never shared between runs.
final class BodyExtracts {
    /// The values of `body :text`, the transform the rule packs use: a stored property, not a dictionary entry
    /// (hashing the transform at every body test was 1.5 % of the packs' time).
    private var text: ExtractedBody?
    private var others: [BodyTransform: ExtractedBody] = [:]
    var links: MessageLinks?
    /// The message's header fields decoded: every script of the sequence starts from the same header.
    let header = HeaderCache()
    /// The message's parts in document order (`Message.allParts` builds the list anew at each call).
    private var parts: [MIMEPart]?

    func parts(of message: Message) -> [MIMEPart] {
        if let parts { return parts }
        let all = message.allParts
        parts = all
        return all
    }

    /// `parts(of:)[index].text`, which the part decodes once (for the learner's tokenizer too).
    func text(ofPart index: Int, in message: Message) -> String? {
        parts(of: message)[index].text
    }

    /// The values of a transform, if a test extracted them already.
    func extracted(_ transform: BodyTransform) -> ExtractedBody? {
        if case .text = transform { return text }
        return others[transform]
    }

    /// The values of a transform, extracted at the first test that asks.
    func body(_ transform: BodyTransform, of message: Message) -> ExtractedBody {
        if let known = extracted(transform) { return known }
        // Stored as native UTF-8 once: a value decoded through Foundation may be a bridged string that every
        // :contains key would otherwise convert again (a whole body per key).
        let values = BodyValues.values(of: message, transform, extracts: self).map { value in
            var native = value
            native.makeContiguousUTF8()
            return native
        }
        let body = ExtractedBody(values: values)
        if case .text = transform { text = body } else { others[transform] = body }
        return body
    }
}

/// The values of one body transform, and what `:contains` searches of them need, each made once per message.
final class ExtractedBody {
    let values: [String]

    init(values: [String]) {
        self.values = values
    }

    /// The values with their ASCII letters in lower case, for `:contains` under `i;ascii-casemap`: a body is
    /// searched for many keys, its letters folded once, not once per key.
    private(set) lazy var folded: [[UInt8]] = values.map(ASCIIFold.folded)
    /// The pairs and triples of bytes of each folded value, which rule out most `:contains` keys without a
    /// search.
    private(set) lazy var grams: [ByteGrams?] = folded.map(ByteGrams.of)
}

/// Decoded values and parsed addresses of header fields by lower-cased field name: scripts test the same
/// fields again and again (three scripts of the rule packs parse From), and decoding them once is most of the
/// work saved.
final class HeaderCache {
    // A sequence tests a few dozen fields: sized once, the tables never rehash while it runs. Sized by
    // `init(minimumCapacity:)`, which is specialized here: `reserveCapacity` ran generic, looking up the
    // tables' type metadata at run time for every message.
    var decodedValues = [String: [String]](minimumCapacity: 32)
    var parsedMailboxes = [String: [Mailbox]](minimumCapacity: 8)
    var addressPartValues = [AddressPartKey: [String]](minimumCapacity: 16)
    /// A fingerprint of each field's name without case, in field order, made at the first lookup: a lookup
    /// compares numbers, and names only where they agree. Comparing every field's name went through a copy of
    /// each field (a retain and a release) for every test that named one; a table by name cost more to build
    /// than it saved (a lower-cased copy and an array for every field of every message).
    private var nameFingerprints: [UInt64]?

    /// The indices in `header.fields` of the fields named `key` (ASCII, lower case), in order.
    func positions(of key: String, in header: Header) -> [Int] {
        let fields = header.fields
        let fingerprints = nameFingerprints(of: fields)
        let wanted = Self.fingerprint(key)
        return fingerprints.indices.filter { fingerprints[$0] == wanted && Header.sameName(fields[$0].name, key) }
    }

    /// Whether a field is named `key` (ASCII, lower case): `positions(of:in:)` without the array.
    func contains(_ key: String, in header: Header) -> Bool {
        let fields = header.fields
        let fingerprints = nameFingerprints(of: fields)
        let wanted = Self.fingerprint(key)
        return fingerprints.indices.contains { fingerprints[$0] == wanted && Header.sameName(fields[$0].name, key) }
    }

    private func nameFingerprints(of fields: [HeaderField]) -> [UInt64] {
        if let nameFingerprints { return nameFingerprints }
        let made = fields.map { Self.fingerprint($0.name) }
        nameFingerprints = made
        return made
    }

    /// A fingerprint of the name without case: its length, first and last bytes. Field names that share one
    /// ("Received" and "Reply-To" do not: they end differently) are compared in full; a hash of every byte was a
    /// loop over each name of each message, for lookups that mostly differ in length.
    private static func fingerprint(_ name: String) -> UInt64 {
        // On the name's bytes in place: `utf8.last` went through the String index machinery for every field.
        var name = name
        return name.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return 0 }
            return UInt64(bytes.count) << 16 | UInt64(ASCIIFold.lower(first)) << 8 | UInt64(ASCIIFold.lower(last))
        }
    }
}
