import Crypto

/// Which message was learned: SHA-256 of its bytes with line ends made LF, so the same message read from a
/// Maildir file (LF) and fetched over IMAP (CRLF) is one message, learned once.
public struct MessageFingerprint: Hashable, Sendable {
    public let bytes: [UInt8]

    public init(of message: [UInt8]) {
        var hasher = SHA256()
        var start = 0
        var index = 0
        // Each CR that stands right before an LF is left out; runs between them go to the hash as slices.
        while index < message.count {
            if message[index] == 0x0D, index + 1 < message.count, message[index + 1] == 0x0A {
                hasher.update(data: message[start..<index])
                start = index + 1
            }
            index += 1
        }
        hasher.update(data: message[start..<message.count])
        bytes = Array(hasher.finalize())
    }

    init(stored: [UInt8]) { bytes = stored }
}
