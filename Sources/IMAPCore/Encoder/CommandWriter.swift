/// Builds the chunks of one command.
struct CommandWriter {
    let encoder: CommandEncoder
    private var chunks: [[UInt8]] = [[]]
    private var log = ""

    init(encoder: CommandEncoder) { self.encoder = encoder }

    mutating func raw(_ text: String) {
        chunks[chunks.count - 1] += Array(text.utf8)
        log += text.filter { $0 != "\r\n" }
    }

    /// astring: an atom when possible, else quoted, else a literal.
    mutating func astring(_ bytes: [UInt8]) {
        if !bytes.isEmpty, bytes.allSatisfy({ Cursor.isAtomChar($0) }) {
            chunks[chunks.count - 1] += bytes
            log += String(decoding: bytes, as: UTF8.self)
        } else {
            string(bytes)
        }
    }

    mutating func astring(_ text: String) { astring(Array(text.utf8)) }

    /// string: quoted when every byte may be quoted, else a literal.
    mutating func string(_ bytes: [UInt8]) {
        let quotable =
            bytes.count <= 1024
            && bytes.allSatisfy { byte in
                byte != 0 && byte != 13 && byte != 10 && (byte < 0x80 || encoder.utf8Accepted)
            }
        if quotable {
            var quoted: [UInt8] = [UInt8(ascii: "\"")]
            for byte in bytes {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { quoted.append(UInt8(ascii: "\\")) }
                quoted.append(byte)
            }
            quoted.append(UInt8(ascii: "\""))
            chunks[chunks.count - 1] += quoted
            log += String(decoding: quoted, as: UTF8.self)
        } else {
            literal(bytes)
        }
    }

    mutating func string(_ text: String) { string(Array(text.utf8)) }

    /// Once UTF8=ACCEPT is enabled, names go as UTF-8 (RFC 6855 forbids modified UTF-7 then).
    mutating func mailbox(_ name: MailboxName) {
        if encoder.utf8Accepted, let unicode = ModifiedUTF7.decode(name.raw) {
            astring(Array(unicode.utf8))
        } else {
            astring(name.raw)
        }
    }

    /// A literal: non-synchronizing when the server allows it, else the command is cut here and waits for `+`.
    mutating func literal(_ bytes: [UInt8]) {
        let nonSynchronizing =
            encoder.literals == .literalPlus || (encoder.literals == .literalMinus && bytes.count <= 4096)
        let announcement = "{\(bytes.count)\(nonSynchronizing ? "+" : "")}\r\n"
        chunks[chunks.count - 1] += Array(announcement.utf8)
        if !nonSynchronizing { chunks.append([]) }
        chunks[chunks.count - 1] += bytes
        log += "{\(bytes.count)\(nonSynchronizing ? "+" : "")}<\(bytes.count) bytes>"
    }

    /// Cuts the command here: what follows is sent after the server's `+` (AUTHENTICATE steps).
    mutating func waitForContinuation() { chunks.append([]) }

    func finish(logLine: String?) -> EncodedCommand {
        EncodedCommand(chunks: chunks.filter { !$0.isEmpty }, logLine: logLine ?? log)
    }
}
