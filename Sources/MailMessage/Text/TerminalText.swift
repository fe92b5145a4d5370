/// Message text made safe to print on a terminal.
///
/// Header values, names and folder names come from strangers. Printed raw, an ESC sequence can retitle the
/// terminal or repaint what is above, a CR or BS can hide text behind other text, a line break or tab can forge
/// extra lines or columns in tabular output, and a bidirectional override can make text read backwards. Every
/// human-readable output of message-derived text goes through `escaped`; JSON output keeps the exact value.
public enum TerminalText {
    /// `text` with every C0 control, DEL, C1 control, bidirectional embedding, override or isolate
    /// (U+202A–U+202E, U+2066–U+2069) and Unicode line or paragraph separator written visibly:
    /// `\t`, `\n`, `\r`, `\e` for the common ones, `\u{XX}` for the rest. Ordinary text is returned unchanged.
    /// - Parameter keepingTabs: leave tabs as they are (for free text such as a body line, not for columns).
    public static func escaped(_ text: String, keepingTabs: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingTabs: keepingTabs) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingTabs: keepingTabs) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x1B: out += "\\e"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// Whether a scalar could move the cursor, change the terminal's state or reorder what is shown.
    @inline(__always) static func needsEscape(_ scalar: Unicode.Scalar, keepingTabs: Bool) -> Bool {
        switch scalar.value {
        case 0x09: !keepingTabs
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
}
