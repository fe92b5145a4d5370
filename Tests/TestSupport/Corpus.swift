import Foundation
import Testing

/// The shared corpus of real mail (`../shared/corpus` beside the repository, or `$MAILSIFT_CORPUS`): read in
/// place, never copied. Tests over it are skipped, saying why, where it is absent.
public enum Corpus {
    public static var root: URL? {
        let candidate =
            ProcessInfo.processInfo.environment["MAILSIFT_CORPUS"].map { URL(fileURLWithPath: $0) }
            ?? Repository.root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return nil }
        return candidate
    }

    public static let skipNote: Comment = "the shared corpus is absent (set MAILSIFT_CORPUS to its folder)"

    /// The SpamAssassin part of the corpus (folders of single messages: spam, ham…), nil where absent.
    public static var spamassassin: String? {
        guard let path = root?.appendingPathComponent("spamassassin").path,
            FileManager.default.fileExists(atPath: path + "/spam")
        else { return nil }
        return path
    }

    /// Every regular file below `folder` of the corpus, sorted.
    public static func files(_ folder: String) -> [URL] {
        guard let base = root?.appendingPathComponent(folder),
            let enumerator = FileManager.default.enumerator(
                at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var result: [URL] = []
        for case let url as URL in enumerator
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            result.append(url)
        }
        return result.sorted { $0.path < $1.path }
    }

    /// The files that are mail messages (not expected-output JSON, licences or attachments of the fixtures).
    public static func isMessage(_ url: URL) -> Bool {
        let name = url.lastPathComponent
        if url.path.contains("/spamassassin/") { return name != "SOURCE.md" && name != "split.tsv" }
        switch url.pathExtension.lowercased() {
        case "eml", "msg": return true
        // zbateson's emails/files/ are the plain-text attachments of its messages, not messages.
        case "txt":
            return url.path.contains("cpython-test-email-data")
                || (url.path.contains("zbateson") && !url.path.contains("/emails/files/"))
        default: return name.hasPrefix("mail_test_")
        }
    }
}
