import IMAPCore

/// One resource of a quota root (RFC 9208): how much is used and allowed. STORAGE is in units of 1024 bytes,
/// MESSAGE in messages.
public struct QuotaUsage: Sendable, Hashable {
    /// The quota root's name ("" is common: the user's whole account).
    public var root: String
    /// STORAGE, MESSAGE, MAILBOX… (upper-case).
    public var resource: String
    public var usage: UInt64
    public var limit: UInt64

    /// The largest usage or limit accepted: STORAGE in bytes (×1024) still fits a signed 64-bit integer (an
    /// SQLite INTEGER), and it is 8 EiB, far past any real mailbox.
    public static let maxValue = UInt64(Int64.max / 1024)

    public init(root: String, resource: String, usage: UInt64, limit: UInt64) {
        self.root = root
        self.resource = resource
        self.usage = usage
        self.limit = limit
    }

    /// `usage` in bytes for STORAGE, as counted otherwise.
    public var usageBytes: UInt64 { resource == "STORAGE" ? usage * 1024 : usage }
    /// `limit` in bytes for STORAGE, as counted otherwise.
    public var limitBytes: UInt64 { resource == "STORAGE" ? limit * 1024 : limit }
}

extension IMAPConnection {
    /// GETQUOTAROOT: the quotas that hold `mailbox`, each resource of each root; [] where the server has no
    /// QUOTA (or no quota applies). A usage or limit past `QuotaUsage.maxValue` is a protocol violation.
    public func quotaRoot(for mailbox: MailboxName = .inbox) async throws -> [QuotaUsage] {
        guard hasCapability("QUOTA") || capabilities.contains(where: { $0.uppercased().hasPrefix("QUOTA=") }) else {
            return []
        }
        let completion = try await execute(.getQuotaRoot(mailbox))
        var usages: [QuotaUsage] = []
        for case .quota(let root, let resources) in completion.untagged {
            for resource in resources {
                guard resource.usage <= QuotaUsage.maxValue, resource.limit <= QuotaUsage.maxValue else {
                    throw IMAPClientError.protocolViolation(
                        "quota root \(String(reflecting: root)) gives \(resource.name) \(resource.usage) of \(resource.limit)"
                            + " (more than \(QuotaUsage.maxValue))")
                }
                usages.append(
                    QuotaUsage(root: root, resource: resource.name, usage: resource.usage, limit: resource.limit))
            }
        }
        return usages
    }
}
