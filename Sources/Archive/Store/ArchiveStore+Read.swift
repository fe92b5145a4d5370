import Foundation

extension ArchiveStore {
    /// The raw bytes of message `id`, exactly as archived. Damage anywhere on the way (a block that fails its
    /// checksum, a message whose SHA-256 differs) is an error that names the message: never wrong bytes.
    public func message(_ id: Int64) throws(ArchiveError) -> [UInt8] {
        try message(id, lookedUp: try catalogue.location(of: id))
    }

    /// Message `id`, read where the catalogue said it was. If that fails and the catalogue now says it is
    /// elsewhere — `settle`, in the writer's process, moved its block between the look-up and the read, and cut
    /// the old copy — it is read from there instead.
    func message(_ id: Int64, lookedUp location: StoredLocation) throws(ArchiveError) -> [UInt8] {
        do {
            return try message(id, at: location)
        } catch {
            guard let now = try? catalogue.location(of: id),
                (now.segment, now.offset) != (location.segment, location.offset)
            else { throw error }
            return try message(id, at: now)
        }
    }

    private func message(_ id: Int64, at location: StoredLocation) throws(ArchiveError) -> [UInt8] {
        let bytes: ArraySlice<UInt8>
        do {
            bytes = try blockMessage(
                segment: location.segment, offset: location.offset, storedLength: location.storedLength,
                position: location.position)
        } catch {
            throw .damagedMessage("message \(id) is damaged and cannot be read: \(error.message)")
        }
        guard ContentHash.of(bytes) == location.sha256 else {
            throw .damagedMessage("message \(id) is damaged: its bytes do not match their SHA-256")
        }
        return Array(bytes)
    }
}
