import Glibc

/// A compiled POSIX extended regular expression (glibc's, the library Pigeonhole uses, so `:regex` matches
/// the same way). Work stays bounded: back-references and large repetition counts are refused when the
/// pattern is checked, patterns and values have size limits, and every match is charged to the step budget.
final class PosixRegex: @unchecked Sendable {
    private var compiled = regex_t()

    static let maxPatternBytes = 1024
    static let maxRepetition = 100
    /// Bytes of one value a regex is run on; longer values are cut (a header is rarely longer).
    static let maxValueBytes = 64 * 1024

    /// Why a pattern is refused, in words for the user; nil when it is acceptable.
    static func problem(with pattern: String) -> String? {
        let bytes = Array(pattern.utf8)
        guard bytes.count <= maxPatternBytes else { return "the regular expression is longer than \(maxPatternBytes) bytes" }
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                if bytes[index + 1] >= UInt8(ascii: "1") && bytes[index + 1] <= UInt8(ascii: "9") {
                    return "back-references (\\\(Character(Unicode.Scalar(bytes[index + 1])))) are not allowed: they can make matching take exponential time"
                }
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "{") {
                var end = index + 1
                var number = 0
                while end < bytes.count, bytes[end] != UInt8(ascii: "}") {
                    if bytes[end] >= 0x30 && bytes[end] <= 0x39 {
                        number = min(number * 10 + Int(bytes[end] - 0x30), 100_000)
                        if number > maxRepetition {
                            return "repetition counts above \(maxRepetition) are not allowed"
                        }
                    } else {
                        number = 0
                    }
                    end += 1
                }
            }
            index += 1
        }
        var probe = regex_t()
        let code = regcomp(&probe, pattern, REG_EXTENDED)
        defer { if code == 0 { regfree(&probe) } }
        guard code == 0 else {
            var message = [CChar](repeating: 0, count: 256)
            regerror(code, &probe, &message, message.count)
            return "invalid regular expression: " + String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return nil
    }

    init?(_ pattern: String, ignoringCase: Bool) {
        guard Self.problem(with: pattern) == nil else { return nil }
        guard regcomp(&compiled, pattern, REG_EXTENDED | (ignoringCase ? REG_ICASE : 0)) == 0 else { return nil }
    }

    deinit { regfree(&compiled) }

    /// The match and its groups (`${0}` … `${9}`), or nil when the value does not match.
    func match(_ value: String) -> [String]? {
        var bytes = Array(value.utf8.prefix(Self.maxValueBytes))
        bytes.append(0)
        var groups = [regmatch_t](repeating: regmatch_t(), count: 10)
        let result = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                regexec(&compiled, $0, groups.count, &groups, 0)
            }
        }
        guard result == 0 else { return nil }
        return groups.map { group in
            guard group.rm_so >= 0, group.rm_eo >= group.rm_so else { return "" }
            return String(decoding: bytes[Int(group.rm_so)..<Int(group.rm_eo)], as: UTF8.self)
        }
    }
}
