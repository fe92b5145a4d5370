import MailMessage

/// The values a `body` test compares (RFC 5173 5), one per part where the transform selects parts.
enum BodyValues {
    static func values(of message: Message, _ transform: BodyTransform) -> [String] {
        switch transform {
        case .raw:
            return [Charset.decodeUnlabeled(message.bytes[message.bodyRange])]
        case .text:
            return message.allParts.compactMap { part in
                guard part.children.isEmpty, part.contentType.isText, let text = part.text else { return nil }
                switch part.contentType.subtype {
                case "plain": return text
                case "html": return HTMLText.plainText(text)
                default: return nil
                }
            }
        case .content(let types):
            var values: [String] = []
            for part in message.allParts where types.contains(where: { matches(part.contentType, $0) }) {
                switch part.body {
                case .multipart(let preamble, _, let epilogue):
                    // A multipart's own content is the text around its parts.
                    values.append(Charset.decodeUnlabeled(part.bytes(preamble)))
                    values.append(Charset.decodeUnlabeled(part.bytes(epilogue)))
                case .message, .single:
                    values.append(part.text ?? Charset.decodeUnlabeled(part.decodedBody))
                }
            }
            return values
        }
    }

    /// `""` any part, `"text"` any text/*, `"text/html"` exactly that.
    private static func matches(_ type: ContentType, _ wanted: String) -> Bool {
        if wanted.isEmpty { return true }
        if wanted.contains("/") { return type.mimeType == wanted }
        return type.type == wanted
    }
}
