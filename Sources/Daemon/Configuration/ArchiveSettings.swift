/// How old mail leaves the server for the account's archive, as written: the `[archive]` table (defaults for every
/// account) or an account's `archive.*` keys (its own values, each replacing the default of the same key). Every
/// value is optional here: nil means "not written", and the archiver (`AccountArchivePolicy`) resolves an account's
/// value, else the `[archive]` one, else its built-in default. Read by `ArchiveSettingsReader`.
public struct ArchiveSettings: Sendable, Hashable {
    /// Which date makes a message old (`age_by`).
    public enum AgeBy: String, Sendable, Hashable, CaseIterable {
        /// INTERNALDATE: when the server received the message (UID SEARCH BEFORE).
        case internalDate = "internal_date"
        /// The message's own Date header (read from the server, the internal date when it has none or a bad one).
        case dateHeader = "date_header"
    }

    /// The age and keep rules of a table, or of a folder pattern (`[archive.rules."Sent*"]`).
    public struct Rule: Sendable, Hashable {
        /// `archive = false`: folders matching the pattern are never archived.
        public var archive: Bool?
        /// `older_than_days`: messages older than this are archived.
        public var olderThanDays: Int?
        /// `age_by`.
        public var ageBy: AgeBy?
        /// `keep_flagged`: flagged (\Flagged) messages stay on the server.
        public var keepFlagged: Bool?
        /// `keep_unread`: unread (no \Seen) messages stay on the server.
        public var keepUnread: Bool?

        public init(
            archive: Bool? = nil, olderThanDays: Int? = nil, ageBy: AgeBy? = nil, keepFlagged: Bool? = nil,
            keepUnread: Bool? = nil
        ) {
            self.archive = archive
            self.olderThanDays = olderThanDays
            self.ageBy = ageBy
            self.keepFlagged = keepFlagged
            self.keepUnread = keepUnread
        }
    }

    /// `enabled = false`: this account (or, in `[archive]`, every account that does not say otherwise) is never
    /// archived.
    public var enabled: Bool?
    /// The table's own `older_than_days`, `age_by`, `keep_flagged`, `keep_unread`.
    public var rule: Rule
    /// `folders`: patterns of the folders looked at (`*` any text, `%` any text without `/`, `?` one character).
    public var folders: [String]?
    /// `exclude_folders`: patterns of folders never archived, whatever else matches them.
    public var excludeFolders: [String]?
    /// `quota_start_percent`: when the account's STORAGE use passes this share of its quota…
    public var quotaStartPercent: Int?
    /// `quota_target_percent`: …its oldest mail is archived until the use is under this share.
    public var quotaTargetPercent: Int?
    /// `fetch_budget_mib`: message bytes fetched, held and archived together, at most (one message larger than
    /// that goes alone).
    public var fetchBudgetMiB: Int?
    /// `[archive.rules."PATTERN"]` (or an account's `archive.rules."PATTERN".…`): rules by folder pattern.
    public var folderRules: [String: Rule]
    /// `schedule` and `spread_minutes`, in `[archive]` only: when the daemon archives (nil: never by itself).
    public var schedule: ArchiveSchedule?

    public init(
        enabled: Bool? = nil, rule: Rule = Rule(), folders: [String]? = nil, excludeFolders: [String]? = nil,
        quotaStartPercent: Int? = nil, quotaTargetPercent: Int? = nil, fetchBudgetMiB: Int? = nil,
        folderRules: [String: Rule] = [:]
    ) {
        self.enabled = enabled
        self.rule = rule
        self.folders = folders
        self.excludeFolders = excludeFolders
        self.quotaStartPercent = quotaStartPercent
        self.quotaTargetPercent = quotaTargetPercent
        self.fetchBudgetMiB = fetchBudgetMiB
        self.folderRules = folderRules
    }
}
