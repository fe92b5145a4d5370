/// Decodes a whole gzip file held in memory (as archivemail writes `.mbox.gz`), several concatenated members
/// included, with a bound on the decoded size. Import streams instead (`GunzipStream`); this is for callers
/// whose input is small and already in memory.
public enum Gunzip {
    /// Why gzip data could not be decoded.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        return iterator.next() == 0x1f && iterator.next() == 0x8b
    }

    public static func decode(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        let stream = GunzipStream(limit: limit)
        do throws(GunzipStreamError<Never>) {
            try stream.feed(input[...]) { (piece: ArraySlice<UInt8>) throws(Never) in output.append(contentsOf: piece) }
        } catch {
            switch error {
            case .gzip(let failure): throw failure
            case .consumer(let impossible): switch impossible {}
            }
        }
        try stream.finish()
        return output
    }
}
