import Foundation
import Sieve
import TestSupport
import Testing

/// The differential suite: every case gives the same compile status, runtime status and actions as
/// Pigeonhole's `sieve-test` (stored in `.expected.json`), or — for a case tagged `.differs` — our own
/// documented result (`.ours.json`).
@Suite struct ConformanceTests {
    @Test(arguments: ConformanceCase.all)
    func agreesWithPigeonhole(_ testCase: ConformanceCase) throws {
        let ours = ConformanceCase.comparisonView(try testCase.run())
        let expectedFile = testCase.differs == nil ? testCase.file("expected.json") : testCase.file("ours.json")
        let expected = ConformanceCase.comparisonView(try ConformanceCase.load(expectedFile))
        #expect(ours == expected, "\(testCase.name)\nours:\n\(ours.rendered())expected:\n\(expected.rendered())")
    }

    @Test func theSuiteIsLargeEnough() {
        #expect(ConformanceCase.all.count >= 100)
    }
}

/// Where Pigeonhole is installed, the stored expectations are asked again, so a changed oracle or a
/// hand-edited expectation is caught.
@Suite(.enabled(if: OracleRun.available, "sieve-test or the oracle script is missing"))
struct OracleRecheckTests {
    @Test(arguments: ConformanceCase.all)
    func storedExpectationIsStillPigeonholes(_ testCase: ConformanceCase) throws {
        let stored = ConformanceCase.comparisonView(try ConformanceCase.load(testCase.file("expected.json")))
        let fresh = ConformanceCase.comparisonView(try OracleRun.run(testCase))
        #expect(fresh == stored, "\(testCase.name)")
    }
}

enum OracleRun {
    static let script = Repository.root.deletingLastPathComponent()
        .appendingPathComponent("shared/tools/sieve-oracle/sieve_oracle.py")

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/sieve-test")
            && FileManager.default.fileExists(atPath: script.path)
    }

    static func run(_ testCase: ConformanceCase) throws -> JSONValue {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let envelope = testCase.envelope
        process.arguments = [
            "python3", script.path, testCase.file("sieve").path, testCase.file("eml").path,
            "--envelope-from", envelope.from, "--envelope-to", envelope.to,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }
}
