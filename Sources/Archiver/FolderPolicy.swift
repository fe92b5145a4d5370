import Daemon

/// What is archived from one folder, every setting resolved.
public struct FolderPolicy: Sendable, Hashable {
    /// Messages older than this many days are archived; nil: no age rule (only quota pressure moves mail).
    public var olderThanDays: Int?
    public var ageBy: ArchiveSettings.AgeBy
    public var keepFlagged: Bool
    public var keepUnread: Bool

    public init(
        olderThanDays: Int?, ageBy: ArchiveSettings.AgeBy = .internalDate, keepFlagged: Bool = true,
        keepUnread: Bool = true
    ) {
        self.olderThanDays = olderThanDays
        self.ageBy = ageBy
        self.keepFlagged = keepFlagged
        self.keepUnread = keepUnread
    }

    /// This policy with the values `rule` writes.
    func applying(_ rule: ArchiveSettings.Rule) -> FolderPolicy {
        var policy = self
        if let days = rule.olderThanDays { policy.olderThanDays = days }
        if let ageBy = rule.ageBy { policy.ageBy = ageBy }
        if let keep = rule.keepFlagged { policy.keepFlagged = keep }
        if let keep = rule.keepUnread { policy.keepUnread = keep }
        return policy
    }
}
