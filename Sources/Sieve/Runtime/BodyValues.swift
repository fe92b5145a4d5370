import MailMessage

/// The values a `body` test compares (RFC 5173 5), one per part where the transform selects parts.
enum BodyValues {
    /// Part texts are decoded through `extracts`, so transforms and link tests share them.
    static func values(of message: Message, _ transform: BodyTransform, extracts: BodyExtracts) -> [String] {
        switch transform {
        case .raw:
            return [Charset.decodeUnlabeled(message.bytes[message.bodyRange])]
        case .text:
            return extracts.parts(of: message).indices.compactMap { index in
                let part = extracts.parts(of: message)[index]
                guard part.children.isEmpty, part.contentType.isText,
                    part.contentType.subtype == "plain" || part.contentType.subtype == "html",
                    let text = extracts.text(ofPart: index, in: message)
                else { return nil }
                // The HTML part's scan, which the links and the tokenizer read too, holds its plain text.
                return part.contentType.subtype == "plain" ? text : part.htmlScan.text
            }
        case .content(let types):
            var values: [String] = []
            let parts = extracts.parts(of: message)
            for index in parts.indices where types.contains(where: { matches(parts[index].contentType, $0) }) {
                let part = parts[index]
                switch part.body {
                case .multipart(let preamble, _, let epilogue):
                    // A multipart's own content is the text around its parts.
                    values.append(Charset.decodeUnlabeled(part.bytes(preamble)))
                    values.append(Charset.decodeUnlabeled(part.bytes(epilogue)))
                case .message, .single:
                    values.append(
                        extracts.text(ofPart: index, in: message) ?? Charset.decodeUnlabeled(part.decodedBody))
                }
            }
            return values
        }
    }

    /// Whether `values(of:transform)` has any value, without decoding a thing: `body :content "text/html"
    /// :contains ""` asks only whether such a part exists.
    static func hasValues(_ message: Message, _ transform: BodyTransform, extracts: BodyExtracts) -> Bool {
        switch transform {
        case .raw:
            return true
        case .text:
            return extracts.parts(of: message).contains { part in
                part.children.isEmpty && part.contentType.isText
                    && (part.contentType.subtype == "plain" || part.contentType.subtype == "html")
            }
        case .content(let types):
            return extracts.parts(of: message).contains { part in
                types.contains(where: { matches(part.contentType, $0) })
            }
        }
    }

    /// `""` any part, `"text"` any text/*, `"text/html"` exactly that.
    private static func matches(_ type: ContentType, _ wanted: String) -> Bool {
        if wanted.isEmpty { return true }
        // The "/" looked for in the bytes, and the lengths compared before `mimeType` is built: looking for it
        // Character by Character and building `mimeType` for every part and every test was 2 % of the rule packs'
        // time, where nearly every part is ruled out by its length.
        var wanted = wanted
        guard wanted.withUTF8({ $0.contains(UInt8(ascii: "/")) }) else { return type.type == wanted }
        guard wanted.utf8.count == type.type.utf8.count + 1 + type.subtype.utf8.count else { return false }
        return type.mimeType == wanted
    }
}
