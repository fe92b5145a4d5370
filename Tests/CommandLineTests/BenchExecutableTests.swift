import Foundation
import Testing

/// The benchmarks are their own executable, `mailsift-bench`: the installed `mailsift` holds only what users run.
@Suite struct BenchExecutableTests {
    @Test func mailsiftHasNoBenchCommand() throws {
        let help = try MailsiftProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(!help.stdout.contains("bench"), "\(help.stdout)")
        let bench = try MailsiftProcess.run(["bench", "sieve"])
        #expect(bench.status != 0)
    }

    @Test func mailsiftBenchRunsTheSieveBenchmark() throws {
        let result = try MailsiftProcess.run(
            ["sieve", "--folder", "samples/demo", "--script", "Tests/bench/sorting-50.sieve", "--rounds", "1"],
            timeout: 120,
            program: MailsiftProcess.built("mailsift-bench"))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("samples/demo: 5 messages"), "\(result.stdout)")
        #expect(result.stdout.contains("Tests/bench/sorting-50.sieve: "), "\(result.stdout)")
        #expect(result.stdout.contains("messages/s"))
    }

    @Test func aBrokenBenchmarkScriptIsReportedWithItsPlace() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mailsift-\(UUID().uuidString).sieve")
        try Data("frobnicate;\n".utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let result = try MailsiftProcess.run(
            ["sieve", "--folder", "samples/demo", "--script", script.path, "--rounds", "1"], timeout: 120,
            program: MailsiftProcess.built("mailsift-bench"))
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(script.path):1:1: error: unknown command 'frobnicate'"), "\(result.stderr)")
    }
}
