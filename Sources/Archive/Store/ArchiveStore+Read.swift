import Foundation

extension ArchiveStore {
    /// The raw bytes of message `id`, exactly as archived. Damage anywhere on the way (a block that fails its
    /// checksum, a message whose SHA-256 differs) is an error that names the message: never wrong bytes.
    public func message(_ id: Int64) throws(ArchiveError) -> [UInt8] {
        let location = try catalogue.location(of: id)
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
