/// Text a user chose (file and folder names met by an import) made safe to print: control characters (newline,
/// carriage return, escape…) and bidirectional overrides are shown as `\u{…}`, so that a hostile name can
/// neither forge a line of the report (`a\nerror: …`) nor drive the administrator's terminal.
enum TerminalSafe {
    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let bidi = (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
            if scalar.properties.generalCategory == .control || bidi {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
