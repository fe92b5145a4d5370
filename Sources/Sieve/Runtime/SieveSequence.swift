/// Runs several scripts on one message, in order: the administrator's (spam scoring, site policy) first, then
/// the user's own, each folder in name order — as Pigeonhole runs sieve_before, the personal script and
/// sieve_after.
///
/// The rule mailsift follows:
/// - the scripts share one result: each script's actions are merged into it as if one script had done them
///   all (the same mailbox twice is one store, the last flags win, the limits count over the whole run);
/// - `stop` ends the whole sequence: an administrator's rule that files spam and stops cannot be undone by a
///   user's rule;
/// - scores added by `addscore` carry from script to script, so a user's `spamtest` sees the
///   administrator's score;
/// - a script that fails at run time (a limit, a conflict, its step budget) adds nothing: its actions are
///   dropped, the error is reported, and the scripts after it still run;
/// - the implicit keep stands unless a script that completed cancelled it; its flags are those of the last
///   script that left it standing.
public enum SieveSequence {
    public struct Result: Sendable {
        /// The merged outcome, as if from one script.
        public var outcome: SieveOutcome
        /// The runtime errors, with the index of the script that had each.
        public var errors: [(script: Int, message: String)]
        /// The indices of the scripts that decided something: an action, flags on the implicit keep, its
        /// cancellation, a score, or the `stop` that ended the sequence. Empty when no rule did anything (the
        /// message stays by the implicit keep alone).
        public var decidedBy: [Int] = []
    }

    public static func run(_ scripts: [CompiledScript], input: SieveInput, limits: SieveLimits = .default) -> Result {
        var merged = ActionList(limits: limits)
        var implicitKeep = true
        var keepFlags: [String] = []
        var scoreHits = input.scoreSoFar
        var marks: [DuplicateKey] = []
        var errors: [(Int, String)] = []
        var stopped = false
        var decidedBy: [Int] = []
        let extracts = BodyExtracts()
        let shared = SharedInput(input)
        let interpreter = scripts.first.map {
            Interpreter(script: $0, input: shared, limits: limits, extracts: extracts, scoreSoFar: scoreHits)
        }
        for (index, script) in scripts.enumerated() {
            // The scores so far passed on their own: a copy of the input with them set was a retain and a release
            // of each of its references (the message's arrays, the closures) for every script.
            guard let outcome = interpreter?.run(script, scoreSoFar: scoreHits) else { break }
            let scored = outcome.scoreHits.count > scoreHits.count
            scoreHits = outcome.scoreHits
            if let failure = outcome.runtimeError {
                errors.append((index, failure))
                continue
            }
            // Merge into a copy, so a conflict with earlier scripts' actions drops this script's actions whole.
            var candidate = merged
            do {
                for action in outcome.actions { try candidate.add(action) }
            } catch {
                errors.append((index, error.message))
                continue
            }
            merged = candidate
            if !outcome.actions.isEmpty || outcome.implicitKeep != [] || outcome.stopped || scored {
                decidedBy.append(index)
            }
            if !outcome.duplicateMarks.isEmpty { marks += outcome.duplicateMarks.filter { !marks.contains($0) } }
            if let flags = outcome.implicitKeep {
                keepFlags = flags
            } else {
                implicitKeep = false
            }
            if outcome.stopped {
                stopped = true
                break
            }
        }
        let outcome = SieveOutcome(
            actions: merged.actions, implicitKeep: implicitKeep ? keepFlags : nil, runtimeError: nil,
            duplicateMarks: marks, scoreHits: scoreHits, stopped: stopped)
        return Result(outcome: outcome, errors: errors, decidedBy: decidedBy)
    }
}

extension ActionList {
    /// Adds an action that another run produced, with the same merging and limits as when a script adds it.
    mutating func add(_ action: SieveAction) throws(Failure) {
        switch action {
        case .keep(let flags): try store(mailbox: "INBOX", flags: flags, copy: false, create: false)
        case .fileinto(let mailbox, let flags, let copy, let create):
            try store(mailbox: mailbox, flags: flags, copy: copy, create: create)
        case .redirect(let address, let copy): try redirect(address, copy: copy)
        case .discard: try discard()
        case .reject(let reason, let extended): try reject(reason, extended: extended)
        case .vacation(let reply): try vacation(reply)
        case .notify(let notification): try notify(notification)
        }
    }
}
