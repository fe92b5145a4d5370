/// The header fields of a message or a MIME part, in their original order.
///
/// Every occurrence is kept: rules may test all `Received` fields, and a phishing message may carry two
/// `From` fields on purpose. Lookup is case-insensitive.
public struct Header: Sendable, Hashable {
    public let fields: [HeaderField]

    public init(fields: [HeaderField]) {
        self.fields = fields
    }

    /// Every field with this name, in order.
    public func fields(named name: String) -> [HeaderField] {
        fields.filter { Self.sameName($0.name, name) }
    }

    /// The first field with this name.
    public func first(_ name: String) -> HeaderField? {
        fields.first { Self.sameName($0.name, name) }
    }

    /// Field names are ASCII (the parser guarantees it), so comparing bytes without case needs no allocation:
    /// this lookup runs several times for every MIME part.
    @inline(__always) public static func sameName(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let x?, let y?) where ASCII.lowercased(x) == ASCII.lowercased(y): continue
            default: return false
            }
        }
    }

    /// The decoded value of the first field with this name.
    public subscript(name: String) -> String? {
        first(name)?.decodedValue
    }

    public func contains(_ name: String) -> Bool {
        first(name) != nil
    }
}
