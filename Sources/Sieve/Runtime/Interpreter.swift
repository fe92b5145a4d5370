import MailMessage

/// Runs a compiled script on one message (RFC 5228 section 2.10 for keep and its cancellation).
public final class Interpreter {
    /// The message and its context, shared by the scripts of a sequence: held as one reference, where a copy of
    /// the struct for each script was a retain and a release of each of its references.
    private let shared: SharedInput
    var input: SieveInput { _read { yield shared.input } }
    let limits: SieveLimits
    var budget: StepBudget
    var actions: ActionList
    var implicitKeep = true
    /// The running script's own variables; `globals` are shared with the scripts it includes (RFC 6609).
    var variables: [String: String] = [:]
    var globals: [String: String] = [:]
    /// Includes with `:once` that already ran.
    var includedOnce: Set<String> = []
    var duplicateMarks: [DuplicateKey] = []
    var matchValues: [String] = []
    var flags = FlagSet()
    var scoreHits: [ScoreHit]
    /// The header as the script sees it: the message's, with editheader's changes.
    var header: Header {
        didSet {
            // The shared values were the message's header's: this script's header is its own from now on.
            headerCache = HeaderCache()
            slotValues = Array(repeating: nil, count: slotValues.count)
            headerIsEdited = true
        }
    }
    /// Whether editheader gave the running script a header of its own (the next script of a sequence starts from
    /// the message's again).
    private var headerIsEdited = false
    /// Values of the tests' literal name sets, by the slot the compiler gave them.
    var slotValues: [[String]?]
    /// Decoded values and parsed addresses of header fields: the sequence's (`BodyExtracts.header`, shared
    /// by its scripts) while the header is the message's, a private one once editheader changed it.
    var headerCache: HeaderCache
    /// Body values, links and HTML measure, extracted at the first test that needs them; shared by the
    /// scripts of a sequence.
    let extracts: BodyExtracts
    /// `:regex` patterns built from variables, compiled once per run.
    var runtimeRegexes = RuntimeRegexCache()
    /// Whether the running script required imap4flags (its actions then take the internal flags).
    var usesFlags: Bool
    /// Whether a successful `:matches` or `:regex` test must set the match variables: only when the script can
    /// read them (`CompiledScript.readsMatchVariables`), and not while a test marked
    /// `TestNode.withoutMatchVariables` runs.
    var keepsMatches: Bool

    /// Values longer than this are cut (Pigeonhole's `sieve_variables_max_variable_size`).
    static let maxVariableSize = 4096

    enum Stop: Error {
        case stop
        /// RFC 6609 `return`: ends the running script only.
        case `return`
        case failure(String)
    }

    public static func run(_ script: CompiledScript, input: SieveInput, limits: SieveLimits = .default) -> SieveOutcome
    {
        Interpreter(script: script, input: SharedInput(input), limits: limits).execute(script.commands)
    }

    /// Runs the next script of a sequence, on the input and the body extracts its scripts share (earlier scripts
    /// may have filled the extracts), as a new interpreter would: every value a script leaves is reset first. One
    /// interpreter for the sequence's scripts: making one per script, with its tables, and freeing it was 4 % of
    /// the rule packs' time.
    func run(_ script: CompiledScript, scoreSoFar: [ScoreHit]) -> SieveOutcome {
        budget = StepBudget(limits.maxSteps)
        actions = ActionList(limits: limits)
        implicitKeep = true
        variables.removeAll(keepingCapacity: true)
        globals.removeAll(keepingCapacity: true)
        includedOnce.removeAll(keepingCapacity: true)
        duplicateMarks = []
        matchValues = []
        flags = FlagSet()
        scoreHits = scoreSoFar
        if headerIsEdited {
            header = shared.input.message.header
            headerCache = extracts.header
            headerIsEdited = false
        }
        slotValues.removeAll(keepingCapacity: true)
        slotValues.append(contentsOf: repeatElement(nil, count: script.slotCount))
        runtimeRegexes = RuntimeRegexCache()
        usesFlags = script.usesFlags
        keepsMatches = script.readsMatchVariables
        stopped = false
        lastComparison = nil
        return execute(script.commands)
    }

    /// With `--explain`: every test evaluated, in order, with what it compared and its result.
    var trace: [TraceEntry]?
    /// The values and keys the innermost test compared (for its trace entry).
    var lastComparison: (values: [String], keys: [String])?

    /// Runs like `run`, and returns the trace of every test too. The script must have been compiled with
    /// `explainable: true`; otherwise the trace is empty.
    public static func explain(_ script: CompiledScript, input: SieveInput, limits: SieveLimits = .default)
        -> (SieveOutcome, [TraceEntry])
    {
        let interpreter = Interpreter(script: script, input: SharedInput(input), limits: limits)
        interpreter.trace = []
        let outcome = interpreter.execute(script.commands)
        return (outcome, interpreter.trace ?? [])
    }

    /// Whether the last run ended with `stop` (a sequence of scripts ends there).
    private(set) var stopped = false

    init(
        script: CompiledScript, input: SharedInput, limits: SieveLimits, extracts: BodyExtracts = BodyExtracts(),
        scoreSoFar: [ScoreHit]? = nil
    ) {
        self.extracts = extracts
        shared = input
        self.limits = limits
        budget = StepBudget(limits.maxSteps)
        actions = ActionList(limits: limits)
        usesFlags = script.usesFlags
        keepsMatches = script.readsMatchVariables
        scoreHits = scoreSoFar ?? input.input.scoreSoFar
        header = input.input.message.header
        slotValues = Array(repeating: nil, count: script.slotCount)
        headerCache = extracts.header
    }

    func execute(_ commands: [CommandNode]) -> SieveOutcome {
        do throws(Stop) {
            try run(commands)
        } catch {
            switch error {
            case .stop:
                stopped = true  // the actions so far stand
            case .return:
                break  // `return` in the top script ends it, like the end of the script
            case .failure(let message):
                return SieveOutcome(actions: [], implicitKeep: nil, runtimeError: message, scoreHits: scoreHits)
            }
        }
        return SieveOutcome(
            actions: actions.actions, implicitKeep: implicitKeep ? flags.flags : nil, runtimeError: nil,
            duplicateMarks: duplicateMarks, scoreHits: scoreHits, stopped: stopped)
    }

    private func run(_ commands: [CommandNode]) throws(Stop) {
        for command in commands {
            try spend()
            switch command {
            case .ifChain(let branches, let otherwise):
                var taken = false
                for (test, block) in branches where try evaluate(test) {
                    try run(block)
                    taken = true
                    break
                }
                if !taken, let otherwise { try run(otherwise) }
            case .stop:
                throw .stop
            case .keep(let flagList):
                let flagValues = actionFlags(flagList)
                try perform { (list: inout ActionList) throws(ActionList.Failure) in
                    try list.store(mailbox: "INBOX", flags: flagValues, copy: false, create: false)
                }
                implicitKeep = false
            case .discard:
                try perform { (list: inout ActionList) throws(ActionList.Failure) in try list.discard() }
                implicitKeep = false
            case .fileinto(let mailbox, let flagList, let copy, let create):
                let name = expand(mailbox)
                let flagValues = actionFlags(flagList)
                try perform { (list: inout ActionList) throws(ActionList.Failure) in
                    try list.store(mailbox: name, flags: flagValues, copy: copy, create: create)
                }
                if !copy { implicitKeep = false }
            case .redirect(let address, let copy):
                let target = expand(address)
                guard Self.isPlausibleAddress(target) else {
                    throw .failure("redirect: \"\(target)\" is not a valid address")
                }
                try perform { (list: inout ActionList) throws(ActionList.Failure) in
                    try list.redirect(target, copy: copy)
                }
                if !copy { implicitKeep = false }
            case .reject(let reason, let extended):
                let text = expand(reason)
                try perform { (list: inout ActionList) throws(ActionList.Failure) in
                    try list.reject(text, extended: extended)
                }
                implicitKeep = false
            case .setFlags(let operation, let variable, let list):
                let values = list.map(expand)
                if let variable {
                    let name = expand(variable).lowercased()
                    var set = FlagSet(text: variables[name] ?? "")
                    Self.apply(operation, values, to: &set)
                    assign(name, set.text)
                } else {
                    Self.apply(operation, values, to: &flags)
                }
            case .set(let name, let global, let value, let modifiers):
                let text = SetModifiers.apply(modifiers, to: expand(value))
                if global { globals[name] = Self.cut(text) } else { assign(name, text) }
            case .include(let script):
                try include(script)
            case .return:
                throw .return
            case .notify(let method, let from, let importance, let options, let message):
                let uri = expand(method)
                guard uri.lowercased().hasPrefix("mailto:") else {
                    throw .failure("notify: the method of \"\(uri)\" is not supported (only mailto)")
                }
                let parsed: MailtoURI
                switch MailtoURI.parse(uri) {
                case .success(let value): parsed = value
                case .failure(let problem): throw .failure("notify: \(problem.message) in \"\(uri)\"")
                }
                let notification = Notification(
                    method: "mailto", from: from.map(expand), importance: importance, options: options.map(expand),
                    recipients: parsed.recipients, subject: message.map(expand) ?? parsed.subject, body: parsed.body,
                    headers: parsed.headers)
                try perform { (list: inout ActionList) throws(ActionList.Failure) in try list.notify(notification) }
            case .vacation(let vacation):
                let reply = VacationReply(
                    seconds: vacation.seconds, subject: vacation.subject.map(expand), from: vacation.from.map(expand),
                    addresses: vacation.addresses.map(expand), mime: vacation.mime, handle: vacation.handle.map(expand),
                    reason: expand(vacation.reason))
                try perform { (list: inout ActionList) throws(ActionList.Failure) in try list.vacation(reply) }
            case .addHeader(let name, let value, let last):
                let fieldName = expand(name)
                guard Validator.isFieldName(fieldName) else {
                    throw .failure("addheader: \"\(fieldName)\" is not a valid field name")
                }
                let raw = Array((" " + expand(value)).utf8)
                let field = HeaderField(name: fieldName, rawValue: raw[...], offset: -1)
                header = Header(fields: last ? header.fields + [field] : [field] + header.fields)
            case .deleteHeader(let name, let index, let patterns, let match):
                try deleteHeader(expand(name), index: index, patterns: patterns, match: match)
            case .addScore(let points, let name):
                scoreHits.append(ScoreHit(name: expand(name), points: points))
            }
        }
    }

    /// Runs an included script with its own local variables; `return` inside it comes back here.
    private func include(_ script: IncludedScript) throws(Stop) {
        guard let commands = script.commands else { return }  // :optional and missing
        if script.once {
            guard !includedOnce.contains(script.key) else { return }
            includedOnce.insert(script.key)
        }
        let savedLocals = variables
        let savedMatches = matchValues
        let savedUsesFlags = usesFlags
        variables = [:]
        matchValues = []
        usesFlags = script.usesFlags
        defer {
            variables = savedLocals
            matchValues = savedMatches
            usesFlags = savedUsesFlags
        }
        do {
            try run(commands)
        } catch Stop.return {
            return
        }
    }

    private func perform(_ body: (inout ActionList) throws(ActionList.Failure) -> Void) throws(Stop) {
        do {
            try body(&actions)
        } catch {
            throw .failure(error.message)
        }
    }

    func spend(_ steps: Int = 1) throws(Stop) {
        do { try budget.spend(steps) } catch { throw .failure(Self.budgetMessage(limits)) }
    }

    static func budgetMessage(_ limits: SieveLimits) -> String {
        "the script used more than its \(limits.maxSteps) steps for this message"
    }

    /// The flags an action gets: its `:flags`, else the internal variable (RFC 5232 5).
    private func actionFlags(_ list: [StringValue]?) -> [String] {
        if let list { return FlagSet.parse(list.map(expand)) }
        return usesFlags ? flags.flags : []
    }

    private static func apply(_ operation: FlagOperation, _ values: [String], to set: inout FlagSet) {
        switch operation {
        case .set: set.set(values)
        case .add: set.add(values)
        case .remove: set.remove(values)
        }
    }

    func assign(_ name: String, _ value: String) {
        variables[name] = Self.cut(value)
    }

    static func cut(_ value: String) -> String {
        guard value.utf8.count > maxVariableSize else { return value }
        var end = value.utf8.index(value.utf8.startIndex, offsetBy: maxVariableSize)
        while !value.unicodeScalars.indices.contains(end) { end = value.utf8.index(before: end) }
        return String(value[..<end])
    }

    func expand(_ value: StringValue) -> String {
        // Most strings are one literal: hand it out as it is (no copy, no allocation).
        if value.segments.count == 1, case .text(let piece) = value.segments[0] { return piece }
        if value.segments.isEmpty { return "" }
        var text = ""
        for segment in value.segments {
            switch segment {
            case .text(let piece): text += piece
            case .variable(let name): text += variables[name] ?? ""
            case .globalVariable(let name): text += globals[name] ?? ""
            case .matchVariable(let index): text += index < matchValues.count ? matchValues[index] : ""
            }
        }
        return text
    }

    static func isPlausibleAddress(_ address: String) -> Bool {
        let trimmed = address.trimmingWhitespace()
        guard let at = trimmed.lastIndex(of: "@") else { return false }
        return at != trimmed.startIndex && trimmed.index(after: at) != trimmed.endIndex && !trimmed.contains(" ")
    }
}
