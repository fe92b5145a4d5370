import Glibc

/// Fast searches over the message bytes. `memchr` keeps line scanning at memory speed, which is what
/// lets multipart boundary search run over large attachments without decoding them.
extension Array where Element == UInt8 {
    /// The index of the first `byte` in `range`, or nil.
    @inline(__always) func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        return withUnsafeBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress! + range.lowerBound
            guard let hit = memchr(base, Int32(byte), range.count) else { return nil }
            return range.lowerBound + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
        }
    }

    /// The index of the first occurrence of `needle` inside `range`, or nil.
    func firstIndex(of needle: [UInt8], in range: Range<Int>) -> Int? {
        guard let first = needle.first else { return range.lowerBound }
        var cursor = range.lowerBound
        while cursor + needle.count <= range.upperBound {
            guard let hit = firstIndex(of: first, in: cursor..<(range.upperBound - needle.count + 1)) else { return nil }
            if hasPrefix(needle, at: hit, end: range.upperBound) { return hit }
            cursor = hit + 1
        }
        return nil
    }

    /// The end of the line starting at `start` (the index after its LF), or `end` for the last line.
    @inline(__always) func lineEnd(from start: Int, end: Int) -> Int {
        guard let lf = firstIndex(of: ASCII.lf, in: start..<end) else { return end }
        return lf + 1
    }

    /// Whether the bytes at `index` equal `needle`, comparing ASCII letters without case.
    func hasCaseInsensitivePrefix(_ needle: [UInt8], at index: Int, end: Int) -> Bool {
        guard index + needle.count <= end else { return false }
        for offset in 0..<needle.count where ASCII.lowercased(self[index + offset]) != needle[offset] {
            return false
        }
        return true
    }

    /// Whether the bytes at `index` equal `needle` exactly.
    func hasPrefix(_ needle: [UInt8], at index: Int, end: Int) -> Bool {
        guard index + needle.count <= end else { return false }
        return withUnsafeBufferPointer { buffer in
            needle.withUnsafeBufferPointer { n in
                memcmp(buffer.baseAddress! + index, n.baseAddress!, needle.count) == 0
            }
        }
    }
}

extension Collection where Element == UInt8, Index == Int {
    /// The range without leading and trailing spaces, tabs, CR and LF.
    func trimmedRange(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, ASCII.isLineWhitespace(self[lower]) { lower += 1 }
        while upper > lower, ASCII.isLineWhitespace(self[upper - 1]) { upper -= 1 }
        return lower..<upper
    }
}
