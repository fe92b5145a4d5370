@testable import IMAPCore
import Testing

/// Parses `wire` twice — all at once and one byte at a time (drip-feed) — and checks both give the same
/// responses, so every fixture also proves the parser waits for bytes instead of failing on a cut.
func responses(_ wire: String, limits: IMAPLimits = .default) throws -> [Response] {
    try responses(Array(wire.utf8), limits: limits)
}

func responses(_ bytes: [UInt8], limits: IMAPLimits = .default) throws -> [Response] {
    var whole = ResponseParser(limits: limits)
    whole.append(bytes)
    var all: [Response] = []
    while let response = try whole.next() { all.append(response) }
    #expect(whole.next_isEmpty)

    var drip = ResponseParser(limits: limits)
    var dripped: [Response] = []
    for byte in bytes {
        drip.append([byte])
        while let response = try drip.next() { dripped.append(response) }
    }
    #expect(dripped == all, "byte-by-byte parse differs")
    return all
}

/// The only response of `wire`.
func response(_ wire: String) throws -> Response {
    let all = try responses(wire)
    #expect(all.count == 1)
    return try #require(all.first)
}

func untagged(_ wire: String) throws -> UntaggedResponse {
    guard case .untagged(let data) = try response(wire) else {
        Issue.record("not untagged: \(wire)")
        throw IMAPParseError.syntax("not untagged", at: 0)
    }
    return data
}

extension ResponseParser {
    /// True when no bytes wait for a next response.
    var next_isEmpty: Bool { pendingBytes == 0 }
}
