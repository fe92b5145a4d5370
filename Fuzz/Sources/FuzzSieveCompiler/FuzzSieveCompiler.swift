import MailMessage
import Sieve

/// A small message the compiled scripts run against, so the interpreter is fuzzed too.
let sample = Message(Array("""
    From: "Jeanne" <jeanne+profs@college-exemple.fr>
    To: a@x.fr, b@y.fr
    Subject: =?UTF-8?Q?R=C3=A9union?= de rentree
    X-Spam-Score: 4.5
    Date: Thu, 26 Nov 2026 09:12:40 +0100

    Bonjour
    """.utf8))

/// libFuzzer entry point: the input is a Sieve script. Compiling must never crash or hang, whatever the
/// bytes; a script that compiles is also run (bounded by the step budget).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSieveCompiler(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = SieveLimits()
    limits.maxSteps = 100_000
    let result = SieveCompiler.compile(bytes, limits: limits)
    _ = result.diagnostics.map(\.description)
    if let script = result.script {
        let input = SieveInput(message: sample, envelopeFrom: "s@example.com", envelopeTo: "jeanne+profs@college-exemple.fr")
        let outcome = Interpreter.run(script, input: input, limits: limits)
        _ = ResultDocument.make(compile: result, outcome: outcome, file: "fuzz").rendered()
    }
    return 0
}
