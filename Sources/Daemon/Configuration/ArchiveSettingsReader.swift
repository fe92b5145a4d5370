import TOMLKit

/// Reads an `[archive]` table (or an account's `archive` keys) into `ArchiveSettings`, recording every problem
/// with its line like the rest of the configuration: a wrong type, a value out of range, an unknown key.
struct ArchiveSettingsReader {
    static let keys = [
        "enabled", "older_than_days", "age_by", "keep_flagged", "keep_unread", "folders", "exclude_folders",
        "quota_start_percent", "quota_target_percent", "fetch_budget_mib", "rules",
    ]
    /// Keys of the `[archive]` table only: one schedule for every account.
    static let scheduleKeys = ["schedule", "spread_minutes"]
    static let ruleKeys = ["archive", "older_than_days", "age_by", "keep_flagged", "keep_unread"]
    /// Folder patterns in one `folders` or `exclude_folders`, and `[archive.rules."…"]` rules, at most.
    static let maxPatterns = 200

    /// The settings under `key` of `parent` (`archive`), or empty ones when the key is not written. Marks the key
    /// as read.
    /// `defaults`: the `[archive]` table (which alone holds the schedule), not an account's `archive` keys.
    static func read(_ key: String, of parent: TableReader, defaults: Bool = false) -> ArchiveSettings {
        guard let value = parent.value(key) else { return ArchiveSettings() }
        guard let table = value.table else {
            parent.error(
                key,
                "expected a table, found \(TableReader.described(value.type)); write [\(key)] above its keys, or "
                    + "\(key).older_than_days = … in an account")
            return ArchiveSettings()
        }
        return read(parent.nested(key, table), defaults: defaults)
    }

    static func read(_ table: TableReader, defaults: Bool = false) -> ArchiveSettings {
        var settings = ArchiveSettings()
        if defaults {
            settings.schedule = readSchedule(table)
        } else {
            for key in scheduleKeys where table.value(key) != nil {
                table.error(key, "the archiving schedule is the same for every account: write \(key) in [archive]")
            }
        }
        if table.has("enabled") { settings.enabled = table.bool("enabled", default: true) }
        settings.rule = readRule(table)
        settings.folders = patterns("folders", table)
        settings.excludeFolders = patterns("exclude_folders", table)
        if table.has("quota_start_percent") {
            settings.quotaStartPercent = table.int(
                "quota_start_percent", default: 90, range: 1...100, unit: "percent of the quota")
        }
        if table.has("quota_target_percent") {
            settings.quotaTargetPercent = table.int(
                "quota_target_percent", default: 80, range: 0...99, unit: "percent of the quota")
        }
        if let start = settings.quotaStartPercent, let target = settings.quotaTargetPercent, target >= start {
            table.error(
                "quota_target_percent",
                "must be below quota_start_percent (\(start)): archiving starts past the start and stops under the target"
            )
        }
        if table.has("fetch_budget_mib") {
            settings.fetchBudgetMiB = table.int("fetch_budget_mib", default: 16, range: 1...1_024, unit: "MiB")
        }
        settings.folderRules = readFolderRules(table)
        table.rejectUnknownKeys(known: keys + scheduleKeys)
        return settings
    }

    /// `schedule` and `spread_minutes` (default 60, never more than the interval).
    private static func readSchedule(_ table: TableReader) -> ArchiveSchedule? {
        let spread = table.int("spread_minutes", default: 60, range: 0...1_440, unit: "minutes")
        guard table.has("schedule") else {
            if table.has("spread_minutes") {
                table.warning("spread_minutes", "has no effect without a schedule: the daemon archives nothing")
            }
            return nil
        }
        guard let text = table.string("schedule", maxBytes: 64) else { return nil }
        switch ArchiveSchedule.parse(text) {
        case .failure(let problem):
            table.error("schedule", "\(TableReader.shown(text)): \(problem.reason)")
            return nil
        case .success(let kind):
            var seconds = spread * 60
            if case .every(let interval) = kind { seconds = min(seconds, interval) }
            return ArchiveSchedule(kind, spreadSeconds: seconds)
        }
    }

    private static func readRule(_ table: TableReader) -> ArchiveSettings.Rule {
        var rule = ArchiveSettings.Rule()
        if table.has("older_than_days") {
            rule.olderThanDays = table.int("older_than_days", default: 365, range: 1...36_500, unit: "days")
        }
        if table.has("age_by") { rule.ageBy = table.choice("age_by", default: ArchiveSettings.AgeBy.internalDate) }
        if table.has("keep_flagged") { rule.keepFlagged = table.bool("keep_flagged", default: true) }
        if table.has("keep_unread") { rule.keepUnread = table.bool("keep_unread", default: true) }
        return rule
    }

    private static func patterns(_ key: String, _ table: TableReader) -> [String]? {
        guard table.has(key) else { return nil }
        return table.strings(key, maxCount: maxPatterns, maxBytes: ConfigurationLimits.folderBytes)
    }

    private static func readFolderRules(_ table: TableReader) -> [String: ArchiveSettings.Rule] {
        guard let value = table.value("rules") else { return [:] }
        guard let rules = value.table else {
            table.error(
                "rules",
                "expected a table of rules by folder pattern, found \(TableReader.described(value.type)); write "
                    + "[archive.rules.\"Sent\"] above the keys of the folders matching Sent")
            return [:]
        }
        let folders = table.nested("rules", rules)
        var result: [String: ArchiveSettings.Rule] = [:]
        guard rules.keys.count <= maxPatterns else {
            table.error("rules", "has \(rules.keys.count) folder patterns; at most \(maxPatterns)")
            return [:]
        }
        for pattern in rules.keys.sorted() {
            guard let value = folders.value(pattern) else { continue }
            if let problem = TableReader.textProblem(pattern, maxBytes: ConfigurationLimits.folderBytes) {
                table.error("rules", "the folder pattern \(TableReader.shown(pattern)) \(problem)")
                continue
            }
            guard let ruleTable = value.table else {
                folders.error(
                    pattern,
                    "expected a table of rules for the folders matching \(TableReader.shown(pattern)), found "
                        + TableReader.described(value.type))
                continue
            }
            let reader = folders.nested(pattern, ruleTable)
            var rule = readRule(reader)
            if reader.has("archive") { rule.archive = reader.bool("archive", default: true) }
            reader.rejectUnknownKeys(known: ruleKeys)
            result[pattern] = rule
        }
        return result
    }
}
