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
        let key = name.lowercased()
        return fields.filter { $0.lowercasedName == key }
    }

    /// The first field with this name.
    public func first(_ name: String) -> HeaderField? {
        let key = name.lowercased()
        return fields.first { $0.lowercasedName == key }
    }

    /// The decoded value of the first field with this name.
    public subscript(name: String) -> String? {
        first(name)?.decodedValue
    }

    public func contains(_ name: String) -> Bool {
        first(name) != nil
    }
}
