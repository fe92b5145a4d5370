import MailMessage

/// What runs extract from a message's body — the values of each `body` transform, the links and the HTML
/// measure — kept for every script of one sequence. The body is the same for all of them (editheader
/// changes the header only), and extracting it is most of what body and link rules cost: once per message,
/// not once per script. One sequence runs on one thread; the object is never shared between runs.
final class BodyExtracts {
    var values: [BodyTransform: [String]] = [:]
    /// The same values with their ASCII letters in lower case, for `:contains` under `i;ascii-casemap`.
    var folded: [BodyTransform: [[UInt8]]] = [:]
    /// The pairs and triples of bytes of each folded value, which rule out most `:contains` keys without a
    /// search.
    var grams: [BodyTransform: [ByteGrams?]] = [:]
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
}

/// Decoded values and parsed addresses of header fields by lower-cased field name: scripts test the same
/// fields again and again (three scripts of the rule packs parse From), and decoding them once is most of the
/// work saved.
final class HeaderCache {
    var decodedValues: [String: [String]] = [:]
    var parsedMailboxes: [String: [Mailbox]] = [:]
    var addressPartValues: [AddressPartKey: [String]] = [:]

    init() {
        // A sequence tests a few dozen fields: sized once, the tables never rehash while it runs.
        decodedValues.reserveCapacity(32)
        parsedMailboxes.reserveCapacity(8)
        addressPartValues.reserveCapacity(16)
    }
}
