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

extension IMAPClientError {
    /// A NO that is about the messages or mailbox the command named, which asking again will not change: not a
    /// BAD (the server found the command itself wrong), not "busy for now" ([INUSE], [UNAVAILABLE], RFC 5530).
    /// Only such a refusal may leave messages where they are for good; the others stop the batch, which is
    /// tried again later.
    var refusesForGood: Bool { isRefused && response?.kind == .no && !saysBusy }

    /// The server says it cannot do it for now ([INUSE], [UNAVAILABLE]).
    var saysBusy: Bool {
        guard case .other(let name, _)? = response?.code else { return false }
        return ["INUSE", "UNAVAILABLE"].contains(name.uppercased())
    }
}
