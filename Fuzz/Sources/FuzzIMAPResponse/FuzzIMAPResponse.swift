import IMAPCore

/// libFuzzer entry point for the IMAP response parser: the input is fed whole and then in two pieces cut at
/// a point taken from its first byte; both must give the same responses (or both fail), never crash or hang.
/// The responses then drive a `ConnectionStateMachine` with a few commands queued (a literal APPEND, an
/// AUTHENTICATE, IDLE): whatever the server says, it must end in actions, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // INTERNALDATE text from a server: read, it must write back as itself (up to the day's padding and case).
    if let date = IMAPDateTime(String(decoding: bytes.prefix(40), as: UTF8.self)),
        IMAPDateTime(date.description) != date
    {
        fatalError("an IMAP date-time does not survive writing and reading: \(date)")
    }
    var limits = IMAPLimits.default
    limits.maxLineBytes = 8192
    limits.maxLiteralBytes = 8192
    // Small count and byte bounds, so inputs reach the paths past them too.
    limits.maxFlags = 8
    limits.maxFetchItems = 8
    limits.maxListItems = 8
    limits.maxUntaggedBytesPerCommand = 4096
    func run(_ pieces: [ArraySlice<UInt8>]) -> ([Response], Bool) {
        var parser = ResponseParser(limits: limits)
        var all: [Response] = []
        for piece in pieces {
            parser.append(piece)
            do {
                while let response = try parser.next() { all.append(response) }
            } catch {
                return (all, true)
            }
        }
        return (all, false)
    }
    let whole = run([bytes[...]])
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let split = run([bytes[..<cut], bytes[cut...]])
    if whole.0 != split.0 || whole.1 != split.1 { fatalError("parsing depends on how the bytes arrive") }

    var machine = ConnectionStateMachine(limits: limits)
    let encoder = CommandEncoder(literals: .synchronizing)
    _ = machine.enqueue {
        encoder.encode(.append(.inbox, flags: ["\\Seen"], internalDate: nil, message: Array("a\r\n".utf8)), tag: $0)
    }
    _ = machine.enqueue { encoder.encode(.authenticateXOAuth2(user: "u", token: "t"), tag: $0) }
    _ = machine.enqueue({ encoder.encode(.idle, tag: $0) }, isIdle: true)
    for (index, response) in whole.0.enumerated() {
        _ = machine.receive(response)
        if index % 3 == 2 { _ = machine.endIdle() }
    }
    return 0
}
