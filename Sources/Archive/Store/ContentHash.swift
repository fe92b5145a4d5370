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

    /// Lower-case hex, written straight into the string (a receipt per archived message carries one).
    static func hex(_ hash: Data) -> String {
        String(unsafeUninitializedCapacity: 2 * hash.count) { buffer in
            var index = 0
            for byte in hash {
                buffer[index] = digits[Int(byte >> 4)]
                buffer[index + 1] = digits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)
}
