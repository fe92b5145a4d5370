import Crypto
import Foundation

/// SHA-256 of a message's raw bytes: its identity in the store and its per-message checksum.
enum ContentHash {
    static func of<Bytes: Collection>(_ bytes: Bytes) -> Data where Bytes.Element == UInt8 {
        if let digest = bytes.withContiguousStorageIfAvailable({ SHA256.hash(data: UnsafeRawBufferPointer($0)) }) {
            return Data(digest)
        }
        return Data(SHA256.hash(data: Array(bytes)))
    }

    static func hex(_ hash: Data) -> String {
        hash.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
