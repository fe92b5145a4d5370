/// RFC 5229 4.1 `set` modifiers, applied from the highest precedence to the lowest.
enum SetModifiers {
    static func apply(_ modifiers: [SetModifier], to value: String) -> String {
        var text = value
        for modifier in modifiers.sorted(by: { $0.precedence > $1.precedence }) {
            switch modifier {
            case .lower: text = text.lowercased()
            case .upper: text = text.uppercased()
            case .lowerfirst: text = (text.first.map { $0.lowercased() } ?? "") + text.dropFirst()
            case .upperfirst: text = (text.first.map { $0.uppercased() } ?? "") + text.dropFirst()
            case .quotewildcard:
                text = text.reduce(into: "") { result, character in
                    if character == "*" || character == "?" || character == "\\" { result.append("\\") }
                    result.append(character)
                }
            case .length: text = String(text.unicodeScalars.count)  // code points, as Pigeonhole: a CRLF is two
            case .encodeurl:
                // RFC 5435 4.1: everything but unreserved URI characters is %-encoded, byte by byte.
                let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
                text = text.utf8.map { unreserved.contains($0) ? String(Character(Unicode.Scalar($0))) : "%" + hex($0) }
                    .joined()
            }
        }
        return text
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
}
