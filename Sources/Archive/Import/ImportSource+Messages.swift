/// The messages of import sources for other commands than the import (`mailsift learn` trains on a Maildir or an
/// mbox the same way the archive imports one): the same reading, bounded the same way, links never followed.
extension ImportSource {
    /// Calls `message` with each message's bytes and where it came from ("path:line" in an mbox, the file in a
    /// Maildir), and `problem` with each entry or message that was skipped or could not be read, with why. An
    /// error `message` throws stops the reading and is thrown as it is.
    public func forEachMessage(
        maxMessageBytes: Int = ArchiveOptions.default.maxMessageBytes, maxFileBytes: Int = 4 << 30,
        _ message: (_ bytes: [UInt8], _ origin: String) throws -> Void,
        problem: (_ source: String, _ reason: String) -> Void
    ) throws {
        let reader = SourceReader(maxFileBytes: maxFileBytes, maxMessageBytes: maxMessageBytes, maxGzipRatio: 100)
        var callerError: (any Error)?
        do {
            try reader.read(self) { (read: ImportedMessage) throws(ArchiveError) in
                do {
                    try message(read.bytes, read.source)
                } catch {
                    callerError = error
                    throw .input("stopped by the caller")
                }
            } problem: { found in
                switch found {
                case .skipped(let source, let reason), .failed(let source, let reason): problem(source, reason)
                }
            }
        } catch {
            throw callerError ?? error
        }
    }
}
