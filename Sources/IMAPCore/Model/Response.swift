/// One response from the server.
public enum Response: Sendable, Hashable {
    /// The end of a command: `A1 OK …`, `A1 NO …`, `A1 BAD …`.
    case tagged(TaggedResponse)
    /// Data the server sends on its own or for a command: `* …`.
    case untagged(UntaggedResponse)
    /// `+ …`: the server waits for a literal's bytes, or for the client to end IDLE.
    case continuation(String)
}

public struct TaggedResponse: Sendable, Hashable {
    public var tag: String
    public var state: ResponseState
}

/// OK, NO or BAD, with the optional response code and the server's text.
public struct ResponseState: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case ok = "OK", no = "NO", bad = "BAD" }
    public var kind: Kind
    public var code: ResponseCode?
    public var text: String
}

/// A set of UIDs or sequence numbers as ranges, as in `1:5,7,9:12` (`*` is read as UInt32.max).
public struct UIDSet: Sendable, Hashable, CustomStringConvertible {
    public var ranges: [ClosedRange<UInt32>]

    public init(_ ranges: [ClosedRange<UInt32>]) { self.ranges = ranges }

    public var count: Int { ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 } }
    public func contains(_ uid: UInt32) -> Bool { ranges.contains { $0.contains(uid) } }

    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound):\($0.upperBound)" }
            .joined(separator: ",")
    }
}
