import IMAPCore

/// The attributes of one FETCH response the pipeline reads, picked out once.
struct FetchedParts {
    var uid: UInt32?
    var flags: [String] = []
    var size: UInt64?
    var internalDate: String?
    /// The body section fetched (whole message, header, or header fields).
    var bytes: [UInt8]?

    init(_ attributes: [FetchAttribute]) {
        for attribute in attributes {
            switch attribute {
            case .uid(let value): uid = value
            case .flags(let value): flags = value
            case .rfc822Size(let value): size = value
            case .internalDate(let value): internalDate = value
            case .body(_, nil, let data?): bytes = data
            default: break
            }
        }
    }
}
