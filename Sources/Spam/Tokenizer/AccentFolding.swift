/// Accents folded away, so that "boîte", "boite" and "BOÎTE" are one token: French spam writes them every way,
/// and a learner that splits them learns each three times slower.
enum AccentFolding {
    /// The lower-case ASCII spelling of a Latin letter from U+00C0…U+017F, or nil for the two signs there (× ÷).
    static func fold(_ scalar: UInt32) -> [UInt8]? {
        guard scalar >= 0xC0, scalar < 0x180 else { return nil }
        return table[Int(scalar - 0xC0)]
    }

    /// U+00C0…U+017F in order, space-separated: the base letter of each (NFD's first scalar, lower-cased),
    /// ligatures as two letters (æ ß œ ĳ), letters without a decomposition by their look (ð ø þ đ ħ ł ŋ ŧ),
    /// "-" for × and ÷.
    private static let table: [[UInt8]?] = {
        let spelled = """
            a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y t ss a a a a a a ae c e e e e i i i i d n o o \
            o o o - o u u u u y t y a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g g g g g h h h h i \
            i i i i i i i i i ij ij j j k k k l l l l l l l l l l n n n n n n n n n o o o o o o oe oe r r r r r r s s \
            s s s s s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s
            """
        let table = spelled.split(separator: " ").map { $0 == "-" ? nil : Array($0.utf8) }
        precondition(table.count == 0x180 - 0xC0)
        return table
    }()
}
