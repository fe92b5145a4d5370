import Foundation
import Sieve

@testable import Daemon

/// Reads *.sieve files of folders in name order and compiles them (the tests' stand-in for the rule-set reader).
enum TestRuleLoader {
    static func load(_ folders: [String]) -> RuleLoad {
        var scripts: [FilingRules.Script] = []
        var errors: [String] = []
        var fingerprint = ""
        for folder in folders {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".sieve") && !$0.hasPrefix(".") }.sorted()
            for name in names {
                let path = folder + "/" + name
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                fingerprint += "\(path):\(data.hashValue);"
                let result = SieveCompiler.compile(Array(data))
                errors += result.diagnostics.filter { $0.severity == .error }.map { $0.formatted(file: path) }
                if let compiled = result.script { scripts.append(.init(path: path, compiled: compiled)) }
            }
        }
        return RuleLoad(
            rules: FilingRules(scripts: scripts), complete: errors.isEmpty, errors: errors, fingerprint: fingerprint)
    }
}
