import Foundation

/// A progress line on standard error, redrawn in place, only when standard error is a terminal.
struct ProgressLine {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastDraw = Date.distantPast

    mutating func show(_ text: @autoclosure () -> String, force: Bool = false) {
        guard enabled, force || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text()).utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// "[#########-----------]  45 %"
    static func bar(_ done: Int, of total: Int, width: Int = 24) -> String {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int(fraction * Double(width))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + String(format: "%3d %%", Int(fraction * 100))
    }
}
