import IMAPCore

/// libFuzzer entry point for the IMAP response parser: the input is fed whole and then in two pieces cut at
/// a point taken from its first byte; both must give the same responses (or both fail), never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = IMAPLimits.default
    limits.maxLineBytes = 8192
    limits.maxLiteralBytes = 8192
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
    return 0
}
