/// What an archive folder may be called. Folder names come from users (`--folder`), from file names (an mbox's,
/// a Maildir's `.Sub.Sub2` folders) and from servers, and they come back out as folders of a Maildir export and
/// in every listing: so a name is refused, with the reason and the name shown escaped, unless it is
///
/// - not empty, and at most `maxBytes` bytes of UTF-8 (a Maildir export writes it as `.` + the name with `/`
///   turned into `.`, one file name, which may hold 255 bytes);
/// - valid UTF-8: no U+FFFD, the mark of bytes that were not;
/// - free of control characters (C0, DEL, C1), which would move a terminal's cursor or hide text;
/// - made of `/`-separated parts none of which is empty, `.` or `..`.
public enum FolderName {
    public static let maxBytes = 254

    /// Throws an input error saying why `name` cannot be a folder name.
    public static func check(_ name: String) throws(ArchiveError) {
        if let reason = problem(name) { throw .input("folder name \(quoted(name)) is refused: \(reason)") }
    }

    /// Why `name` cannot be a folder name, or nil when it can.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.utf8.count > maxBytes { return "it is longer than \(maxBytes) bytes" }
        if name.unicodeScalars.contains("\u{FFFD}") { return "it is not valid UTF-8" }
        if name.unicodeScalars.contains(where: isControl) { return "it holds a control character" }
        for part in name.split(separator: "/", omittingEmptySubsequences: false) {
            if part.isEmpty { return "it has an empty part (a leading, trailing or double /)" }
            if part == "." || part == ".." { return "it has a part \"\(part)\"" }
        }
        return nil
    }

    /// C0 controls, DEL and C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `name` in double quotes, with control characters, quotes and backslashes escaped (`\u{1B}`), safe to
    /// print on a terminal.
    public static func quoted(_ name: String) -> String {
        var text = "\""
        for scalar in name.unicodeScalars.prefix(300) {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where isControl(scalar) || scalar == "\u{FFFD}":
                text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + (name.unicodeScalars.count > 300 ? "…\"" : "\"")
    }
}
