/// The readable text of a message, for rules (`body :text`) and for archive search.
public struct ExtractedText: Sendable, Hashable {
    public let text: String
    /// True when the text was cut at `ParseLimits.maxTextBytes`.
    public let isTruncated: Bool
}

extension Message {
    /// The text a reader sees: every inline text part in order; in a multipart/alternative the text/plain
    /// version if there is one, else the last (richest) version; HTML turned into plain text; attachments and
    /// non-text parts left out; attached messages included. Bounded by `limits.maxTextBytes`.
    public func plainText() -> ExtractedText {
        var extractor = PlainTextExtractor(limit: limits.maxTextBytes)
        extractor.visit(root)
        return ExtractedText(text: extractor.text, isTruncated: extractor.truncated)
    }
}

struct PlainTextExtractor {
    let limit: Int
    var text = ""
    var truncated = false

    mutating func visit(_ part: MIMEPart) {
        guard !truncated else { return }
        switch part.body {
        case .multipart(let preamble, let parts, _) where parts.isEmpty:
            // The boundary never occurs (broken mail, often spam): a reader sees the whole body as text, and
            // so must the rules and the search.
            append(Charset.decodeUnlabeled(part.bytes[preamble]))
        case .multipart(_, let parts, _) where part.contentType.subtype == "alternative":
            let chosen = parts.first { $0.contentType.mimeType == "text/plain" && !$0.isAttachment } ?? parts.last
            if let chosen { visit(chosen) }
        case .multipart(_, let parts, _):
            for child in parts { visit(child) }
        case .message(let inner):
            visit(inner)
        case .single:
            guard !part.isAttachment, part.contentType.isText, let body = part.text else { return }
            switch part.contentType.subtype {
            case "plain": append(body)
            case "html": append(HTMLText.plainText(body))
            default: return
            }
        }
    }

    private mutating func append(_ piece: String) {
        let separator = text.isEmpty || text.hasSuffix("\n") ? "" : "\n"
        let room = limit - text.utf8.count - separator.utf8.count
        guard room > 0 else {
            truncated = true
            return
        }
        if piece.utf8.count <= room {
            text += separator + piece
            return
        }
        // Cut on a character boundary.
        var cut = piece.utf8.index(piece.utf8.startIndex, offsetBy: room)
        while cut > piece.startIndex, !piece.unicodeScalars.indices.contains(cut) { cut = piece.utf8.index(before: cut) }
        text += separator + piece[..<cut]
        truncated = true
    }
}
