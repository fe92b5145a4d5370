import Foundation

/// The repository's folders, found from this file's place (Tests/TestSupport/), so tests read `samples/`,
/// `rules/` and the shared corpus beside the repository whatever the working folder is.
public enum Repository {
    /// The repository's top folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A path below the repository's top folder, e.g. `Repository.path("samples/bienvenue.eml")`.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }
}
