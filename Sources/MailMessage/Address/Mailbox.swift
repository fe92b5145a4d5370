/// One mailbox of an address header: `"Jean Dupont" <jean.dupont@ac-exemple.fr>`.
public struct Mailbox: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The display name with encoded words decoded; nil when none was given.
    public var displayName: String?
    /// The local part without quoting (`jean dupont` for `"jean dupont"@x`).
    public var localPart: String
    /// The domain as written, or nil when the address has none (`undisclosed-recipients`, `<>`).
    public var domain: String?

    public init(displayName: String? = nil, localPart: String, domain: String?) {
        self.displayName = displayName
        self.localPart = localPart
        self.domain = domain
    }

    /// `local@domain`, with the local part quoted where RFC 5322 needs it.
    public var address: String {
        let local = Self.needsQuoting(localPart) ? Self.quoted(localPart) : localPart
        guard let domain else { return local }
        return local + "@" + domain
    }

    public var description: String {
        guard let displayName, !displayName.isEmpty else { return address.isEmpty ? "<>" : address }
        return "\(Self.quoted(displayName)) <\(address)>"
    }

    private static func needsQuoting(_ local: String) -> Bool {
        guard !local.isEmpty else { return false }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") { return true }
        return local.utf8.contains { byte in
            byte <= ASCII.space || byte == 0x7F || "()<>[]:;@\\,\"".utf8.contains(byte)
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}

/// One entry of an address list: a mailbox or a named group of mailboxes (possibly empty).
public enum AddressListEntry: Sendable, Hashable {
    case mailbox(Mailbox)
    case group(name: String, members: [Mailbox])

    /// The mailboxes of this entry: itself, or the group's members.
    public var mailboxes: [Mailbox] {
        switch self {
        case .mailbox(let mailbox): [mailbox]
        case .group(_, let members): members
        }
    }
}
