import Daemon

/// One account's archiving settings resolved from the configuration: the account's own `archive.*` value of each
/// key, else `[archive]`'s, else the default below.
public struct AccountArchivePolicy: Sendable, Hashable {
    /// The values used when neither the account nor `[archive]` writes a key.
    public enum Defaults {
        public static let folders = ["*"]
        /// Drafts are being written; Junk and Trash are emptied by their own rules, not archived.
        public static let excludeFolders = ["Drafts", "Junk", "Trash"]
        public static let keepFlagged = true
        public static let keepUnread = true
        /// `quota_target_percent` when only `quota_start_percent` is written: ten points under it.
        public static let quotaTargetGap = 10
        public static let fetchBudgetMiB = 16
    }

    public struct QuotaPressure: Sendable, Hashable {
        /// Archiving starts when the STORAGE use is past this percentage of the quota…
        public var startPercent: Int
        /// …and takes the oldest mail until the use would be under this one.
        public var targetPercent: Int
    }

    public var enabled: Bool
    /// The account-wide age and keep rules, before any folder pattern's.
    public var base: FolderPolicy
    public var folders: [FolderPattern]
    public var excluded: [FolderPattern]
    /// Rules by folder pattern: `[archive]`'s, then the account's (which replace one of the same pattern).
    public var rules: [FolderPattern: ArchiveSettings.Rule]
    public var quota: QuotaPressure?
    /// Bytes of messages fetched, held and archived together, at most (one larger message goes alone).
    public var fetchBudget: Int

    public init(defaults: ArchiveSettings, account: ArchiveSettings) {
        enabled = account.enabled ?? defaults.enabled ?? true
        let rule = account.rule
        let common = defaults.rule
        base = FolderPolicy(
            olderThanDays: rule.olderThanDays ?? common.olderThanDays,
            ageBy: rule.ageBy ?? common.ageBy ?? .internalDate,
            keepFlagged: rule.keepFlagged ?? common.keepFlagged ?? Defaults.keepFlagged,
            keepUnread: rule.keepUnread ?? common.keepUnread ?? Defaults.keepUnread)
        folders = (account.folders ?? defaults.folders ?? Defaults.folders).map(FolderPattern.init)
        excluded = (account.excludeFolders ?? defaults.excludeFolders ?? Defaults.excludeFolders).map(
            FolderPattern.init)
        var rules: [FolderPattern: ArchiveSettings.Rule] = [:]
        for (pattern, rule) in defaults.folderRules { rules[FolderPattern(pattern)] = rule }
        for (pattern, rule) in account.folderRules { rules[FolderPattern(pattern)] = rule }
        self.rules = rules
        if let start = account.quotaStartPercent ?? defaults.quotaStartPercent {
            let target =
                account.quotaTargetPercent ?? defaults.quotaTargetPercent ?? max(0, start - Defaults.quotaTargetGap)
            quota = QuotaPressure(startPercent: start, targetPercent: min(target, start - 1))
        } else {
            quota = nil
        }
        fetchBudget = (account.fetchBudgetMiB ?? defaults.fetchBudgetMiB ?? Defaults.fetchBudgetMiB) << 20
    }

    public init(_ configuration: DaemonConfiguration, account: AccountConfiguration) {
        self.init(defaults: configuration.archive, account: account.archive)
    }

    /// The policy of `folder`, or nil when it is never archived: not among `folders`, among `exclude_folders`, or
    /// matched by a rule with `archive = false`. Of several matching rules, the most specific decides (the one
    /// with the most characters that must match themselves; then the longer pattern; then the first by name).
    public func policy(for folder: String) -> FolderPolicy? {
        guard enabled, folders.contains(where: { $0.matches(folder) }),
            !excluded.contains(where: { $0.matches(folder) })
        else { return nil }
        let matching = rules.filter { $0.key.matches(folder) }.sorted { a, b in
            (a.key.literalCount, a.key.text.count, b.key.text) > (b.key.literalCount, b.key.text.count, a.key.text)
        }
        guard let rule = matching.first?.value else { return base }
        if rule.archive == false { return nil }
        return base.applying(rule)
    }
}
