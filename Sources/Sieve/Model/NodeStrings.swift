/// The strings a node expands when it runs, for analyses of what a script reads (`MatchVariableLiveness`).
/// The switches name every case: a new command or test does not compile until it says what it reads.
extension CommandNode {
    /// The command's own strings; an `if`'s tests and blocks, and an included script, are not its own.
    var strings: [StringValue] {
        switch self {
        case .ifChain, .stop, .discard, .include, .return: []
        case .keep(let flags): flags ?? []
        case .fileinto(let mailbox, let flags, _, _): [mailbox] + (flags ?? [])
        case .redirect(let address, _): [address]
        case .reject(let reason, _): [reason]
        case .setFlags(_, let variable, let flags): (variable.map { [$0] } ?? []) + flags
        case .set(_, _, let value, _): [value]
        case .addHeader(let name, let value, _): [name, value]
        case .deleteHeader(let name, _, let patterns, _): [name] + (patterns?.values ?? [])
        case .notify(let method, let from, _, let options, let message):
            [method] + (from.map { [$0] } ?? []) + options + (message.map { [$0] } ?? [])
        case .vacation(let vacation):
            [vacation.subject, vacation.from, vacation.handle].compactMap { $0 } + vacation.addresses
                + [vacation.reason]
        case .addScore(_, let name): [name]
        }
    }
}

extension TestNode {
    /// The test's own strings; the tests inside `not`, `allof` and `anyof` are not its own.
    var strings: [StringValue] {
        switch self {
        case .located, .withoutMatchVariables, .constant, .not, .allOf, .anyOf, .size, .externalOrigin,
            .linkAnomaly:
            []
        case .header(let names, _, let keys, _, _): names + keys.values
        case .address(_, let headers, _, let keys, _, _): headers + keys.values
        case .envelope(_, let parts, let keys, _): parts + keys.values
        case .exists(let names), .mailboxExists(let names), .validNotifyMethod(let names): names
        case .string(let sources, let keys, _): sources + keys.values
        case .hasFlag(let variables, let keys, _): (variables ?? []) + keys.values
        case .spamtest(_, let value, _), .virustest(let value, _): [value]
        case .date(let header, _, _, _, let keys, _): [header] + keys.values
        case .currentDate(_, _, let keys, _), .body(_, let keys, _), .links(_, let keys, _),
            .htmlCharacters(_, let keys, _):
            keys.values
        case .notifyMethodCapability(let uri, let capability, let keys, _): [uri, capability] + keys.values
        case .duplicate(let handle, let source, _, _):
            switch source {
            case .messageID: handle.map { [$0] } ?? []
            case .header(let value), .uniqueID(let value): (handle.map { [$0] } ?? []) + [value]
            }
        case .localDomain(let values), .lookalikeDomain(let values): values
        }
    }
}
