import MailMessage

/// What `mailsift inspect` shows: the message as the parser understood it. Encoded as JSON with `--json`,
/// rendered for people otherwise.
struct InspectReport: Codable {
    struct Field: Codable {
        var name: String
        var value: String
        /// Present only when decoding changed something (encoded words, 8-bit text).
        var raw: String?
    }

    struct Address: Codable {
        var name: String?
        var address: String
    }

    struct DateInfo: Codable {
        var written: String
        var local: String?
        var utc: String?
        var zone: String?
    }

    struct Part: Codable {
        var path: String
        var contentType: String
        var charset: String?
        var transferEncoding: String
        var disposition: String?
        var filename: String?
        var encodedBytes: Int
        var decodedBytes: Int
        var isAttachment: Bool
        var parts: [Part]?
    }

    var file: String
    var bytes: Int
    var headers: [Field]
    var subject: String?
    var from: [Address]
    var to: [Address]
    var cc: [Address]
    var replyTo: [Address]
    var date: DateInfo?
    var messageID: String?
    var structure: Part
    var text: String
    var textTruncated: Bool
    var limitsReached: [String]

    init(message: Message, file: String) {
        self.file = file
        bytes = message.bytes.count
        headers = message.header.fields.map { field in
            let decoded = field.decodedValue
            let unfolded = String(decoding: field.unfoldedBytes, as: UTF8.self)
            return Field(name: field.name, value: decoded, raw: decoded == unfolded ? nil : unfolded)
        }
        subject = message.subject
        func addresses(_ list: [Mailbox]) -> [Address] {
            list.map { Address(name: $0.displayName, address: $0.address) }
        }
        from = addresses(message.from)
        to = addresses(message.to)
        cc = addresses(message.cc)
        replyTo = addresses(message.replyTo)
        if let written = message.header.first("Date")?.unfoldedValue {
            let parsed = message.date
            date = DateInfo(
                written: written, local: parsed?.iso8601,
                utc: parsed.map { MessageDate(secondsSince1970: $0.secondsSince1970, zoneOffsetSeconds: 0, zoneIsKnown: true).iso8601 },
                zone: parsed?.zoneText)
        }
        messageID = message.messageID
        structure = Self.part(message.root, path: "1")
        let extracted = message.plainText()
        text = extracted.text
        textTruncated = extracted.isTruncated
        limitsReached = message.truncations.map(\.description)
    }

    /// IMAP-style section numbers: the root is 1 when it is a leaf, its children 1, 2, 3 when it is a multipart.
    private static func part(_ part: MIMEPart, path: String) -> Part {
        let children: [Part]? =
            switch part.body {
            case .single: nil
            case .multipart(_, let parts, _):
                parts.enumerated().map { index, child in
                    Self.part(child, path: path == "1" && part.depth == 0 ? "\(index + 1)" : "\(path).\(index + 1)")
                }
            case .message(let inner): [Self.part(inner, path: path)]
            }
        return Part(
            path: part.depth == 0 && children != nil ? "(message)" : path,
            contentType: part.contentType.mimeType,
            charset: part.contentType.charset,
            transferEncoding: part.transferEncoding.description,
            disposition: part.disposition?.kind,
            filename: part.filename,
            encodedBytes: part.bodyRange.count,
            decodedBytes: children == nil ? part.decodedBody.count : part.bodyRange.count,
            isAttachment: part.isAttachment,
            parts: children)
    }
}
