import Glibc
import MailboxFormats

/// Reads the messages of one import source one at a time, in bounded memory: a Maildir file by file, an mbox
/// (plain or gzip) as a stream split as it is read, never the whole of either. Below the user's path nothing is
/// followed or read that is not a regular file inside it (`ImportTree`).
struct SourceReader {
    /// Decoded bytes one gzip file may expand to.
    var maxFileBytes: Int
    /// Largest message read; a larger one is reported and skipped, not held.
    var maxMessageBytes: Int
    /// How many times its own size a gzip file may expand (`GunzipStream`).
    var maxGzipRatio: Int
    /// The folder of the last file opened, kept open for the next file in it.
    private let folders = FolderCache()

    init(maxFileBytes: Int, maxMessageBytes: Int, maxGzipRatio: Int) {
        self.maxFileBytes = maxFileBytes
        self.maxMessageBytes = maxMessageBytes
        self.maxGzipRatio = maxGzipRatio
    }

    /// What reading one source gives besides messages: a message or entry it could not read, with why.
    enum Problem {
        /// Not a message file (a link, a FIFO…): not read, on purpose.
        case skipped(source: String, reason: String)
        /// A message that could not be imported (too large, unreadable).
        case failed(source: String, reason: String)
    }

    /// Calls `message` for each message of `source`, in order, and `problem` for each one it cannot give.
    /// Throws when the source as a whole cannot be read (messages already given stay given).
    func read(
        _ source: ImportSource, message: (ImportedMessage) throws(ArchiveError) -> Void, problem: (Problem) -> Void
    ) throws(ArchiveError) {
        switch source.kind {
        case .file: try readFile(source, message: message, problem: problem)
        case .maildir: try readMaildir(source, message: message, problem: problem)
        }
    }

    private func readMaildir(
        _ source: ImportSource, message: (ImportedMessage) throws(ArchiveError) -> Void, problem: (Problem) -> Void
    ) throws(ArchiveError) {
        let own = try ImportSource.listing(root: source.root, source.components)
        for sub in ["new", "cur"] {
            let folder = source.components + [sub]
            let shown = source.path + "/" + sub
            // A missing cur or new is normal; one that is a link, not a folder, or unreadable is named.
            guard let kind = own.first(where: { $0.name == sub })?.kind else { continue }
            switch kind {
            case .folder: break
            case .skipped(let reason):
                problem(.skipped(source: shown, reason: reason))
                continue
            case .file:
                problem(.skipped(source: shown, reason: "is a file where a Maildir folder was expected: not read"))
                continue
            }
            let entries: [ImportTree.Entry]
            do {
                entries = try ImportSource.listing(root: source.root, folder)
            } catch {
                problem(.failed(source: shown, reason: error.reason(about: shown)))
                continue
            }
            for entry in entries where !entry.name.hasPrefix(".") {
                let path = source.path + "/" + sub + "/" + entry.name
                guard entry.kind == .file else {
                    if case .skipped(let reason) = entry.kind { problem(.skipped(source: path, reason: reason)) }
                    continue
                }
                let bytes: [UInt8]
                let modified: Int64
                do {
                    let file = try openFile(root: source.root, folder + [entry.name])
                    modified = file.modificationTime
                    bytes = try ImportTree.read(file, limit: maxMessageBytes, path: path)
                } catch {
                    problem(.failed(source: path, reason: error.message))
                    continue
                }
                try message(
                    ImportedMessage(
                        bytes: bytes, source: path, folder: source.folder,
                        flags: MaildirFlags.flags(fromFileName: entry.name),
                        internalDate: modified))
            }
        }
    }

    /// An mbox is a gzip file, a file named `.mbox`/`.mbx`, or one that starts with a `From ` line and holds
    /// several messages. A single message that starts with an envelope `From ` line (as in the SpamAssassin
    /// corpus) is kept whole, that line included, so that it comes back exactly as it was given.
    private func readFile(
        _ source: ImportSource, message: (ImportedMessage) throws(ArchiveError) -> Void, problem: (Problem) -> Void
    ) throws(ArchiveError) {
        let file = try openFile(root: source.root, source.components)
        let head = try peek(file, count: 5)
        let name = source.path.lowercased()
        let isGzip = Gunzip.isGzip(head)
        let namedMbox = name.hasSuffix(".mbox") || name.hasSuffix(".mbx")
        if !isGzip && !namedMbox && (!head.starts(with: Array("From ".utf8)) || file.size <= maxMessageBytes) {
            // One message, or a small file that may be an mbox: small enough to hold whole and decide.
            let bytes = try ImportTree.read(file, limit: maxMessageBytes, path: source.path)
            // A second message needs a second separator, which starts a line with "From ": without one (most
            // message files) the splitter need not run over the whole file.
            guard
                bytes.starts(with: Self.from) && Self.contains(Self.lineFrom, in: bytes[...])
                    && MboxFormat.messageRanges(bytes).count > 1
            else {
                try message(
                    ImportedMessage(
                        bytes: bytes, source: source.path, folder: source.folder, flags: [],
                        internalDate: file.modificationTime))
                return
            }
            // An mbox already in memory: split from there, not read from the file a second time.
            try readMbox(file, source: source, gzip: false, held: bytes, message: message, problem: problem)
            return
        }
        try readMbox(file, source: source, gzip: isGzip, message: message, problem: problem)
    }

    /// Streams an mbox through the splitter (and the gzip decoder): memory holds one message at a time. `held` is
    /// the whole file when it was already read (a small file found to be an mbox).
    private func readMbox(
        _ file: borrowing ImportTree.OpenFile, source: ImportSource, gzip: Bool, held: [UInt8]? = nil,
        message: (ImportedMessage) throws(ArchiveError) -> Void, problem: (Problem) -> Void
    ) throws(ArchiveError) {
        var splitter = MboxSplitter(maxMessageBytes: maxMessageBytes)
        var index = 0
        func found(_ piece: MboxSplitter.Piece) throws(ArchiveError) {
            index += 1
            let name = "\(source.path)#\(index)"
            guard let bytes = piece.bytes else {
                problem(
                    .failed(
                        source: name, reason: "\(piece.range.count) bytes, more than the limit of \(maxMessageBytes)"))
                return
            }
            // Unquoting copies the message line by line: only done when it holds a quoted `>From ` line.
            let unquoted = Self.contains(Self.quotedFrom, in: bytes[...]) ? MboxFormat.unquote(bytes[...]) : bytes
            try message(
                ImportedMessage(
                    bytes: unquoted, source: name, folder: source.folderIfMbox, flags: [], internalDate: nil))
        }
        if let held {
            try splitter.feed(held[...], found)
            try splitter.finish(found)
            return
        }
        guard lseek(file.descriptor, 0, SEEK_SET) == 0 else {
            throw .input("\(source.path): cannot read it from the start")
        }
        let inflater = gzip ? GunzipStream(limit: maxFileBytes, maxRatio: maxGzipRatio, compressedSize: file.size) : nil
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(file.descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .input("\(source.path): \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            if let inflater {
                do throws(GunzipStreamError<ArchiveError>) {
                    try inflater.feed(chunk[0..<count]) { (piece) throws(ArchiveError) in
                        try splitter.feed(piece, found)
                    }
                } catch {
                    switch error {
                    case .gzip(let failure): throw .input("\(source.path): \(failure.description)")
                    case .consumer(let failure): throw failure
                    }
                }
            } else {
                try splitter.feed(chunk[0..<count], found)
            }
        }
        if let inflater {
            do throws(Gunzip.Failure) {
                try inflater.finish()
            } catch {
                throw .input("\(source.path): \(error.description)")
            }
        }
        try splitter.finish(found)
    }

    /// Opens a file of a source through `folders`: its folder is walked from `/` once for all the files in it.
    /// A folder that cannot be opened is left to `ImportTree.openFile`, which names what failed.
    private func openFile(root: String, _ components: [String]) throws(ArchiveError) -> ImportTree.OpenFile {
        guard let name = components.last, let parent = folders.descriptor(root: root, components.dropLast()) else {
            return try ImportTree.openFile(root: root, components)
        }
        return try ImportTree.openFile(
            named: name, in: parent, shown: ([root] + components).joined(separator: "/"))
    }

    private static let from = Array("From ".utf8)
    private static let lineFrom = Array("\nFrom ".utf8)
    private static let quotedFrom = Array(">From ".utf8)

    /// Whether `needle` (not empty) occurs in `bytes`: memchr to each candidate first byte, memcmp there.
    static func contains(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBytes { haystack in
            guard let base = haystack.baseAddress, let first = needle.first, haystack.count >= needle.count else {
                return false
            }
            let last = haystack.count - needle.count
            var offset = 0
            while offset <= last {
                guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                let at = base.distance(to: UnsafeRawPointer(found))
                if memcmp(base + at, needle, needle.count) == 0 { return true }
                offset = at + 1
            }
            return false
        }
    }

    /// The first bytes of a file, read without moving on (pread).
    private func peek(_ file: borrowing ImportTree.OpenFile, count: Int) throws(ArchiveError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress!, count, 0) }
        guard read >= 0 else { throw .input("cannot read: \(String(cString: strerror(errno)))") }
        return Array(bytes.prefix(read))
    }
}

/// One message read from an import source.
struct ImportedMessage {
    var bytes: [UInt8]
    var source: String
    var folder: String
    var flags: [String]
    var internalDate: Int64?
}

/// The folder a source's last file was opened in, kept open so that the next file of the same folder is opened
/// relative to it rather than by walking its path from `/` again (seven opens and closes a file for a corpus
/// four folders deep). What is read does not change: the folder was walked with O_NOFOLLOW from `/` when it was
/// opened, a descriptor stays the folder it was opened as whatever later happens to its path, and each file in it
/// is still looked at and opened without following links (`ImportTree.openFile(named:in:shown:)`).
final class FolderCache {
    private var root = ""
    private var components: [String] = []
    private var descriptor: Int32 = -1

    /// The folder `components` below `root`, open; nil when it cannot be opened.
    func descriptor(root: String, _ components: ArraySlice<String>) -> Int32? {
        if descriptor >= 0 && self.root == root && self.components.elementsEqual(components) { return descriptor }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        guard let opened = try? ImportTree.open(root: root, Array(components), folder: true) else { return nil }
        (self.root, self.components, descriptor) = (root, Array(components), opened)
        return opened
    }

    deinit { if descriptor >= 0 { close(descriptor) } }
}
