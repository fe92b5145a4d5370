import IMAPClient
import IMAPCore

extension ResponseState {
    /// What the server said, for a log line or a record: "NO [OVERQUOTA] Quota exceeded". The code is what
    /// tells an administrator a full mailbox from a damaged message or a locked folder.
    var said: String {
        let name: String? =
            switch code {
            case .other(let name, _)?: name.uppercased()
            case .overQuota?: "OVERQUOTA"
            case .tryCreate?: "TRYCREATE"
            case .alert?: "ALERT"
            case .parse?: "PARSE"
            case .readOnly?: "READ-ONLY"
            case .closed?: "CLOSED"
            case .noModSeq?: "NOMODSEQ"
            default: nil
            }
        return [kind.rawValue, name.map { "[\($0)]" }, text].compactMap { $0 }.joined(separator: " ")
    }
}

extension IMAPClientError {
    /// What the server said when it refused, or the error itself.
    var said: String { response?.said ?? "\(self)" }
}
