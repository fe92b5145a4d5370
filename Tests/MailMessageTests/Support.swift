import MailMessage

/// Builds a message from text written with LF line ends; `crlf` converts them to CRLF first.
func message(_ text: String, crlf: Bool = false, scope: Message.Scope = .full, limits: ParseLimits = .default)
    -> Message
{
    let source = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
    return Message(Array(source.utf8), scope: scope, limits: limits)
}

extension String {
    /// A Foundation-free replace for tests.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
