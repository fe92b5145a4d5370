import Glibc

/// The `segments/` folder of a store: files `000001.seg`, `000002.seg`… Each begins with a 16-byte file
/// header; blocks follow, appended and never rewritten.
struct SegmentDirectory {
    static let fileHeader: [UInt8] = Array("MAILSIFT-SEG\u{0}\u{0}\u{0}\u{1}".utf8)
    let path: String

    func path(of segment: Int) -> String {
        let digits = String(segment)
        return path + "/" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".seg"
    }

    /// Segment numbers present on disk, in order.
    func segments() throws(ArchiveError) -> [Int] {
        guard let directory = opendir(path) else { throw .io("cannot list \(path)", errno: errno) }
        defer { closedir(directory) }
        var numbers: [Int] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasSuffix(".seg"), let number = Int(name.dropLast(4)) { numbers.append(number) }
        }
        return numbers.sorted()
    }

    /// Creates segment `number` with its file header, durably (the file, then the folder entry), with `modes`.
    func create(_ number: Int, modes: FileModes) throws(ArchiveError) -> SegmentFile {
        let file = try SegmentFile(path: path(of: number), writable: true, modes: modes)
        try file.write(Self.fileHeader, at: 0)
        try file.sync()
        try Self.syncDirectory(path)
        return file
    }

    /// fsync of a folder, so that a file created in it survives a crash.
    static func syncDirectory(_ path: String) throws(ArchiveError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open folder \(path)", errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io("cannot fsync folder \(path)", errno: errno) }
    }
}
