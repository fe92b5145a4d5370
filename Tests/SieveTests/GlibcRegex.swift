import Glibc

/// glibc's `regcomp`/`regexec` (REG_EXTENDED, in the C locale), the engine Pigeonhole uses: the oracle the
/// differential tests compare our own engine with. Only the tests call it.
enum GlibcRegex {
    struct Answer: Equatable {
        /// False when glibc refuses the pattern.
        var compiles: Bool
        /// The whole match and the groups' byte spans (-1 when unset), nil when it does not match.
        var spans: [Range<Int>?]?
    }

    static func run(_ pattern: String, _ value: String, ignoringCase: Bool) -> Answer {
        // The C locale for this thread only: one byte is one character, as for Pigeonhole.
        // LC_CTYPE_MASK | LC_COLLATE_MASK (glibc's macros are not imported into Swift).
        let cLocale = newlocale(1 << LC_CTYPE | 1 << LC_COLLATE, "C", nil)
        let previous = uselocale(cLocale)
        defer {
            uselocale(previous)
            freelocale(cLocale)
        }
        var compiled = regex_t()
        guard regcomp(&compiled, pattern, REG_EXTENDED | (ignoringCase ? REG_ICASE : 0)) == 0 else {
            return Answer(compiles: false, spans: nil)
        }
        defer { regfree(&compiled) }
        var groups = [regmatch_t](repeating: regmatch_t(), count: 10)
        guard regexec(&compiled, value, groups.count, &groups, 0) == 0 else {
            return Answer(compiles: true, spans: nil)
        }
        return Answer(
            compiles: true,
            spans: groups.map { $0.rm_so >= 0 ? Int($0.rm_so)..<Int($0.rm_eo) : nil })
    }
}
