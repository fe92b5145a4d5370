extension ArchiveStore {
    /// The raw bytes of several messages, as `message(_:)` gives each (or the error it would throw), with each
    /// block decompressed once for the run of messages asked from it. `message(_:)` decompresses a block up to
    /// the message, once per message: on 4 MiB blocks that was most of a restore's CPU (2.5 s for 1,000
    /// messages). Ids in storage order (`messageIDsInStorageOrder`) keep a block's messages together. The last
    /// block read stays decoded in memory (one block, at most `blockLimit` bytes) until another is read.
    public func messages(_ ids: [Int64]) -> [Result<[UInt8], ArchiveError>] {
        var results: [Result<[UInt8], ArchiveError>] = []
        results.reserveCapacity(ids.count)
        forEachMessage(ids) { results.append($1) }
        return results
    }

    /// As `messages(_:)`, each message handed to `body` as it is read, in the order of `ids`: only one message
    /// (and one decoded block) is held at a time, however large the messages (up to `maxMessageBytes` each).
    func forEachMessage(_ ids: [Int64], _ body: (Int64, Result<[UInt8], ArchiveError>) -> Void) {
        // All looked up at once; one that fails to be (the catalogue unreadable) is looked up alone below, which
        // gives each message its own error.
        let known = (try? catalogue.locations(of: ids)) ?? [:]
        for id in ids {
            body(id, readMessage(id, known: known))
        }
    }

    private func readMessage(_ id: Int64, known: [Int64: StoredLocation]) -> Result<[UInt8], ArchiveError> {
        do throws(ArchiveError) {
            let location: StoredLocation
            if let found = known[id] { location = found } else { location = try catalogue.location(of: id) }
            if let bytes = try? block(
                segment: location.segment, offset: location.offset, storedLength: location.storedLength),
                location.position < bytes.count,
                ContentHash.of(bytes[location.position]) == location.sha256
            {
                return .success(Array(bytes[location.position]))
            }
            // Damage, or a block `settle` moved meanwhile: the single read says which, or finds it.
            return .success(try message(id, lookedUp: location))
        } catch {
            return .failure(error)
        }
    }
}
