import CZlib

/// Decodes gzip (several concatenated members included, as `cat a.gz b.gz` makes) as its bytes arrive, handing
/// the decoded bytes on in pieces of at most 64 KiB, so memory stays bounded whatever the file expands to.
///
/// Two bounds stop a decompression bomb early: the decoded total (`limit`), and the ratio of decoded to
/// compressed bytes. Mail compresses 3–15 times; gzip cannot exceed about 1,030; a file that passes
/// `maxRatio` times its own compressed size (plus `ratioAllowance`, for tiny files) is refused as soon as it
/// does, after at most that much work.
public final class GunzipStream {
    public let limit: Int
    public let maxRatio: Int
    /// The whole compressed input's size when known (a file's), else nil: then the ratio is checked against the
    /// compressed bytes fed so far.
    public let compressedSize: Int?
    public static let ratioAllowance = 1 << 20

    private let stream: UnsafeMutablePointer<z_stream>
    private enum State { case betweenMembers, inMember, padding }
    private var state = State.betweenMembers
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    public private(set) var bytesIn = 0
    public private(set) var bytesOut = 0

    public init(limit: Int, maxRatio: Int = Int.max, compressedSize: Int? = nil) {
        self.limit = limit
        self.maxRatio = maxRatio
        self.compressedSize = compressedSize
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        if state == .inMember { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Decodes `input`, the next bytes of the gzip data; `decoded` receives what they expand to.
    public func feed<E: Error>(
        _ input: ArraySlice<UInt8>, _ decoded: (ArraySlice<UInt8>) throws(E) -> Void
    ) throws(GunzipStreamError<E>) {
        var rest = input
        while !rest.isEmpty {
            switch state {
            case .padding:
                // Zero padding after the last member is tolerated, as gzip does; anything else after it is not.
                guard rest.allSatisfy({ $0 == 0 }) else {
                    throw .gzip(Gunzip.Failure(description: "damaged gzip data"))
                }
                bytesIn += rest.count
                return
            case .betweenMembers:
                if rest.first == 0 {
                    state = .padding
                    continue
                }
                guard mailsift_inflate_init_gzip(stream) == Z_OK else {
                    throw .gzip(Gunzip.Failure(description: "zlib could not start"))
                }
                state = .inMember
            case .inMember:
                let used = try inflate(rest, decoded)
                bytesIn += used
                rest = rest.dropFirst(used)
            }
        }
    }

    /// Ends the input: a member cut short is an error.
    public func finish() throws(Gunzip.Failure) {
        guard state != .inMember else { throw Gunzip.Failure(description: "gzip data ends early") }
    }

    /// Inflates from `input` until it is used up or the member ends; returns the bytes used.
    private func inflate<E: Error>(
        _ input: ArraySlice<UInt8>, _ decoded: (ArraySlice<UInt8>) throws(E) -> Void
    ) throws(GunzipStreamError<E>) -> Int {
        let inputCount = min(input.count, Int(UInt32.max))
        var used = 0
        while true {
            let usedBefore = used
            var status: Int32 = Z_OK
            let produced = input.withUnsafeBytes { source in
                output.withUnsafeMutableBytes { target in
                    stream.pointee.next_in = UnsafeMutablePointer(
                        mutating: source.baseAddress!.assumingMemoryBound(to: Bytef.self) + used)
                    stream.pointee.avail_in = uInt(inputCount - used)
                    stream.pointee.next_out = target.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_out = uInt(target.count)
                    status = CZlib.inflate(stream, Z_NO_FLUSH)
                    used = inputCount - Int(stream.pointee.avail_in)
                    return target.count - Int(stream.pointee.avail_out)
                }
            }
            guard status == Z_OK || status == Z_STREAM_END || (status == Z_BUF_ERROR && used == inputCount) else {
                throw .gzip(Gunzip.Failure(description: "damaged gzip data"))
            }
            bytesOut += produced
            if let problem = boundProblem(consumedSoFar: bytesIn + used) { throw .gzip(problem) }
            do throws(E) {
                if produced > 0 { try decoded(output[0..<produced]) }
            } catch {
                throw .consumer(error)
            }
            if status == Z_STREAM_END {
                inflateEnd(stream)
                state = .betweenMembers
                return used
            }
            // All input taken and the output not full: zlib needs more input.
            if used == inputCount && produced < output.count { return used }
            guard used > usedBefore || produced > 0 else {
                throw .gzip(Gunzip.Failure(description: "damaged gzip data"))
            }
        }
    }

    private func boundProblem(consumedSoFar: Int) -> Gunzip.Failure? {
        if bytesOut > limit {
            return Gunzip.Failure(description: "decompressed data is larger than the limit of \(limit) bytes")
        }
        let compressed = compressedSize ?? consumedSoFar
        let (allowed, overflow) = compressed.multipliedReportingOverflow(by: maxRatio)
        if !overflow && bytesOut - Self.ratioAllowance > allowed {
            return Gunzip.Failure(
                description: "expands more than \(maxRatio) times its compressed size (\(compressed) bytes):"
                    + " refused as a decompression bomb; if it is genuine, gunzip it and import the mbox")
        }
        return nil
    }
}

/// Why a `GunzipStream` stopped: the gzip data, or the consumer of the decoded bytes.
public enum GunzipStreamError<Consumer: Error>: Error {
    case gzip(Gunzip.Failure)
    case consumer(Consumer)
}
