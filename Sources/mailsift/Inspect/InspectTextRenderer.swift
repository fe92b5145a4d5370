import MailMessage

/// Renders an `InspectReport` for a terminal: what a user reads to find out why a rule did not match.
///
/// Every value that comes from the message goes through `show` (`TerminalText.escaped`): a header cannot send
/// escape sequences to the terminal, and a decoded line break cannot forge a line of this report.
struct InspectTextRenderer {
    var report: InspectReport

    func render() -> String {
        var out: [String] = []
        out.append("\(show(report.file)) (\(report.bytes) bytes)")
        out.append("")
        out.append("Subject:    \(report.subject.map(show) ?? "(none)")")
        out.append("From:       \(addresses(report.from))")
        out.append("To:         \(addresses(report.to))")
        if !report.cc.isEmpty { out.append("Cc:         \(addresses(report.cc))") }
        if !report.replyTo.isEmpty { out.append("Reply-To:   \(addresses(report.replyTo))") }
        if let date = report.date {
            if let local = date.local, let utc = date.utc {
                out.append("Date:       \(local) (UTC \(utc), zone \(show(date.zone ?? "?")))")
            } else {
                out.append("Date:       unreadable: \(show(date.written))")
            }
        } else {
            out.append("Date:       (none)")
        }
        out.append("Message-ID: \(report.messageID.map(show) ?? "(none)")")
        out.append("")
        out.append("Header fields (\(report.headers.count)), decoded:")
        for field in report.headers {
            out.append("  \(show(field.name)): \(show(field.value))")
            if let raw = field.raw { out.append("    raw: \(show(raw))") }
        }
        out.append("")
        out.append("MIME structure:")
        appendPart(report.structure, indent: "  ", to: &out)
        out.append("")
        let truncatedNote = report.textTruncated ? ", cut at the text limit" : ""
        out.append("Text (\(report.text.count) characters\(truncatedNote)):")
        for line in report.text.split(separator: "\n", omittingEmptySubsequences: false) {
            out.append("  | \(TerminalText.escaped(String(line), keepingTabs: true))")
        }
        out.append("")
        if report.limitsReached.isEmpty {
            out.append("Limits: none reached")
        } else {
            out.append("Limits reached:")
            for limit in report.limitsReached { out.append("  - \(limit)") }
        }
        return out.joined(separator: "\n")
    }

    /// Message text as it may be printed: controls and bidirectional overrides written visibly.
    private func show(_ text: String) -> String { TerminalText.escaped(text) }

    private func addresses(_ list: [InspectReport.Address]) -> String {
        guard !list.isEmpty else { return "(none)" }
        return list.map { address in
            guard let name = address.name, !name.isEmpty else { return show(address.address) }
            return "\(show(name)) <\(show(address.address))>"
        }.joined(separator: ", ")
    }

    private func appendPart(_ part: InspectReport.Part, indent: String, to out: inout [String]) {
        var line = "\(indent)\(part.path)  \(show(part.contentType))"
        if let charset = part.charset { line += "; charset=\(show(charset))" }
        line += "  \(part.transferEncoding)  \(part.encodedBytes) bytes"
        if part.decodedBytes != part.encodedBytes { line += " (\(part.decodedBytes) decoded)" }
        if let disposition = part.disposition { line += "  \(show(disposition))" }
        if let filename = part.filename { line += "  \"\(show(filename))\"" }
        out.append(line)
        for child in part.parts ?? [] { appendPart(child, indent: indent + "  ", to: &out) }
    }
}
