import Synchronization

/// What is decoded from one part, kept at the first ask: the learner's tokenizer and the Sieve rules read the
/// same parts of the same message, and decoding a part (transfer encoding, then charset) and scanning its
/// HTML were each done by both. Shared by every copy of the part (a `MIMEPart` is a value; this is not), so
/// whoever asks first pays and the others read. Kept as long as the message is: a copy of its text parts at
/// most (a few times their bytes for 8-bit charsets, bounded by `ParseLimits.maxMessageBytes`).
final class DecodedPart: Sendable {
    private struct Values {
        /// `MIMEPart.text`: nil not computed yet, `.some(nil)` not text.
        var text: String??
        var htmlScan: HTMLScan?
    }

    /// A lock, for parts shared between threads; the values are computed outside it (two threads may both
    /// compute one; they get the same value).
    private let values = Mutex(Values())

    init() {}

    func text(_ compute: () -> String?) -> String? {
        if let known = values.withLock({ $0.text }) { return known }
        let text = compute()
        values.withLock { $0.text = .some(text) }
        return text
    }

    func htmlScan(_ compute: () -> HTMLScan) -> HTMLScan {
        if let known = values.withLock({ $0.htmlScan }) { return known }
        let scan = compute()
        values.withLock { $0.htmlScan = scan }
        return scan
    }
}
