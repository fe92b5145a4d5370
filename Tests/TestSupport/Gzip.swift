import Foundation

/// gzip -9 of some bytes, by the real gzip (what archivemail and users make).
public enum Gzip {
    public static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let folder = TemporaryFolder("gzip")
        defer { folder.remove() }
        folder.write("x", bytes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", folder.path + "/x"]
        try process.run()
        process.waitUntilExit()
        return [UInt8](FileManager.default.contents(atPath: folder.path + "/x.gz")!)
    }
}
