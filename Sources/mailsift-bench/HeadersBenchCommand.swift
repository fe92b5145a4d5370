import ArgumentParser
import Foundation
import Glibc
import MailMessage
import Sieve

/// `mailsift-bench headers`: header decoding time on hostile shapes at doubling sizes.
///
/// Each shape is a header field of the given size, parsed and decoded as `inspect` and the rules would. The
/// seconds per MB column must stay flat as the size doubles: a column that doubles with the size is a
/// quadratic path. The header limit is raised to the field's size (except for `long-line`, which checks that
/// the default limit stops the read), so the decoder itself sees every byte.
struct HeadersBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headers",
        abstract: "Time header decoding on hostile shapes at 1, 2, 4… MB and report seconds per MB."
    )

    @Option(help: "Largest size in MB (sizes double from 1 up to this).")
    var maxMegabytes = 16

    @Option(help: "A shape stops growing once one size took longer than this many seconds.")
    var budget = 20.0

    @Option(help: "Only these shapes (comma-separated); all by default.")
    var shapes: String?

    func run() throws {
        let wanted = shapes.map { Set($0.split(separator: ",").map(String.init)) }
        print("shape            MB     seconds   s/MB      max RSS MB")
        for shape in HeaderShape.all where wanted?.contains(shape.name) ?? true {
            var megabytes = 1
            while megabytes <= maxMegabytes {
                let size = megabytes << 20
                let message = shape.message(size)
                let limits =
                    shape.defaultLimits
                    ? ParseLimits.default
                    : ParseLimits(maxMessageBytes: message.count + 1, maxHeaderBytes: message.count + 1)
                let clock = ContinuousClock()
                var sink = 0
                let elapsed = clock.measure { sink = shape.work(message, limits) }
                let seconds = elapsed.seconds
                print(
                    String(
                        format: "%-15@ %4d  %9.3f  %8.4f  %9.0f", shape.name, megabytes, seconds,
                        seconds / Double(megabytes), Self.maxResidentMegabytes()))
                if sink == -1 { print("") }
                fflush(nil)  // each figure as soon as it is known: a slow size can be watched, or cut short
                if seconds > budget {
                    print("  (\(shape.name): larger sizes skipped, \(String(format: "%.1f", seconds)) s > budget)")
                    break
                }
                megabytes *= 2
            }
        }
    }

    /// The process's peak resident memory so far (it never goes down, so read it as a running maximum).
    static func maxResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// One hostile header shape: how to build a message of a given field size, and what to do with it.
struct HeaderShape: Sendable {
    var name: String
    /// Parse with the default limits (the header limit is what is measured) instead of limits the size of
    /// the field.
    var defaultLimits = false
    var message: @Sendable (Int) -> [UInt8]
    var work: @Sendable ([UInt8], ParseLimits) -> Int

    static let all: [HeaderShape] = [
        // 100k+ adjacent encoded words on one line: the joined bytes must not be copied per word.
        HeaderShape(
            name: "adjacent-words", message: { field("Subject", repeating: "=?utf-8?q?caf=C3=A9?= ", $0) },
            work: subject),
        // Every `=?` starts a word that never closes: each must not be scanned far ahead.
        HeaderShape(name: "unclosed", message: { field("Subject", repeating: "=?utf-8?q?a ", $0) }, work: subject),
        // A long subject folded the way mailers do: one Q word per line.
        HeaderShape(
            name: "folded-q",
            message: {
                field("Subject", repeating: "=?utf-8?q?=C3=A9t=C3=A9_=C3=A0_la_plage_=C3=A9t=C3=A9_=C3=A0?=\r\n ", $0)
            },
            work: subject),
        // An address list of encoded display names.
        HeaderShape(
            name: "address-list",
            message: { field("From", repeating: "=?utf-8?q?Jos=C3=A9?= <jose@example.org>, ", $0) },
            work: { bytes, limits in Message(bytes, scope: .headers, limits: limits).from.count }),
        // Content-Type with many distinct parameters.
        HeaderShape(
            name: "mime-params",
            message: { size in
                var value = "text/plain"
                var number = 0
                while value.utf8.count < size {
                    value += "; p\(number)=v"
                    number += 1
                }
                return Array("Content-Type: \(value)\r\n\r\nbody\r\n".utf8)
            },
            work: { bytes, limits in
                Message(bytes, scope: .headers, limits: limits).root.contentType.parameters.items.count
            }),
        // A rule reading the folded subject: decoding once per run, then a substring search.
        HeaderShape(
            name: "sieve-contains",
            message: {
                field("Subject", repeating: "=?utf-8?q?=C3=A9t=C3=A9_=C3=A0_la_plage_=C3=A9t=C3=A9_=C3=A0?=\r\n ", $0)
            },
            work: { bytes, limits in
                let message = Message(bytes, scope: .headers, limits: limits)
                let outcome = Interpreter.run(containsRule, input: SieveInput(message: message))
                return outcome.actions.count
            }),
        // One line longer than the header limit: reading must stop at the limit (flat time, flat memory).
        HeaderShape(
            name: "long-line", defaultLimits: true, message: { field("Subject", repeating: "x", $0) }, work: subject),
    ]

    static let containsRule = SieveCompiler.compile(#"if header :contains "subject" "absent" { discard; }"#).script!

    static func subject(_ bytes: [UInt8], _ limits: ParseLimits) -> Int {
        Message(bytes, scope: .headers, limits: limits).subject?.utf8.count ?? 0
    }

    static func field(_ name: String, repeating unit: String, _ size: Int) -> [UInt8] {
        let unitBytes = Array(unit.utf8)
        var bytes = Array("\(name): ".utf8)
        bytes.reserveCapacity(size + unitBytes.count + 64)
        while bytes.count < size { bytes += unitBytes }
        bytes += Array("x\r\nTo: a@example.org\r\n\r\nbody\r\n".utf8)
        return bytes
    }
}
