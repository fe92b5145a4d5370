/// String arguments: RFC 5228 2.4.2.4 encoded characters and RFC 5229 variable references, resolved once at
/// compile time into `StringValue` segments.
extension Validator {
    mutating func string(_ argument: ArgumentSyntax) -> StringValue {
        value(argument.strings?.first ?? "", at: argument.location)
    }

    mutating func strings(_ argument: ArgumentSyntax) -> [StringValue] {
        (argument.strings ?? []).map { value($0, at: argument.location) }
    }

    private mutating func value(_ raw: String, at location: SourceLocation) -> StringValue {
        var text = raw
        if capabilities.contains("encoded-character") { text = decodeEncodedCharacters(text, at: location) }
        guard capabilities.contains("variables") else { return StringValue(literal: text) }
        return variableSegments(text, at: location)
    }

    /// `${hex:41 42}` and `${unicode:263A}`; a malformed one stays as written (RFC 5228 2.4.2.4).
    private mutating func decodeEncodedCharacters(_ text: String, at location: SourceLocation) -> String {
        guard text.contains("${") else { return text }
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "${") {
            output += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                output += rest[open.lowerBound...]
                return output
            }
            let body = after[..<close]
            if let decoded = decodeEncoded(body, at: location) {
                output += decoded
            } else {
                output += rest[open.lowerBound...close]
            }
            rest = after[after.index(after: close)...]
        }
        return output + rest
    }

    private mutating func decodeEncoded(_ body: Substring, at location: SourceLocation) -> String? {
        let lowered = body.lowercased()
        let isHex = lowered.hasPrefix("hex:")
        guard isHex || lowered.hasPrefix("unicode:") else { return nil }
        let digits = body.dropFirst(isHex ? 4 : 8).split(whereSeparator: {
            $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n"
        })
        // At least one hex pair or code point (RFC 5228 2.4.2.4): `${hex:}` is malformed, so it stays as written.
        guard !digits.isEmpty else { return nil }
        var bytes: [UInt8] = []
        var scalars = ""
        for group in digits {
            guard let value = UInt32(group, radix: 16) else { return nil }
            if isHex {
                guard value <= 0xFF else { return nil }
                bytes.append(UInt8(value))
            } else {
                guard let scalar = Unicode.Scalar(value) else {
                    error("${unicode:…} names an invalid code point \(group)", at: location)
                    return nil
                }
                scalars.unicodeScalars.append(scalar)
            }
        }
        if isHex {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                error("${hex:…} gives bytes that are not UTF-8", at: location)
                return nil
            }
            return text
        }
        return scalars
    }

    /// Splits `text` at `${name}` and `${N}` references; anything else that looks like one stays literal.
    private mutating func variableSegments(_ text: String, at location: SourceLocation) -> StringValue {
        guard text.contains("${") else { return StringValue(literal: text) }
        var segments: [StringValue.Segment] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "${") {
            literal += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = after[..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isASCIIDigit }), let number = Int(name) {
                if !literal.isEmpty { segments.append(.text(literal)) }
                literal = ""
                if number <= 9 {
                    segments.append(.matchVariable(number))
                    readsMatchVariables = true
                }
                rest = after[after.index(after: close)...]
            } else if Self.isVariableReference(name) {
                let lowered = name.lowercased()
                let isGlobalNamespace = lowered.hasPrefix("global.") && capabilities.contains("include")
                if name.contains(".") && !isGlobalNamespace {
                    error("variable namespace in \"${\(name)}\" is not supported", at: location)
                }
                if !literal.isEmpty { segments.append(.text(literal)) }
                literal = ""
                if isGlobalNamespace {
                    segments.append(.globalVariable(String(lowered.dropFirst(7))))
                } else if globals.contains(lowered) {
                    segments.append(.globalVariable(lowered))
                } else {
                    segments.append(.variable(lowered))
                }
                rest = after[after.index(after: close)...]
            } else {
                literal += "${"
                rest = after
            }
        }
        literal += rest
        if !literal.isEmpty { segments.append(.text(literal)) }
        return StringValue(segments: segments)
    }

    private static func isVariableReference(_ name: Substring) -> Bool {
        name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isVariableName(String($0)) }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
