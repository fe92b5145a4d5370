import Testing

@testable import IMAPCore

/// The untagged data one command collects is bounded in bytes (`IMAPLimits.maxUntaggedBytesPerCommand`, plus
/// what the command expects): a server cannot send FETCH literals nobody asked for until memory runs out.
@Suite struct CommandDataLimitTests {
    private func feed(_ machine: inout ConnectionStateMachine, _ wire: String) throws -> [ConnectionAction] {
        var actions: [ConnectionAction] = []
        for response in try responses(wire) { actions += machine.receive(response) }
        return actions
    }

    private func unrequestedFetches(_ count: Int, bytes: Int) -> String {
        (1...count).map { "* \($0) FETCH (BODY[] {\(bytes)}\r\n" + String(repeating: "x", count: bytes) + ")\r\n" }
            .joined()
    }

    @Test func unrequestedLiteralsPastTheBoundCloseTheConnection() throws {
        var limits = IMAPLimits.default
        limits.maxUntaggedBytesPerCommand = 10_000
        var machine = ConnectionStateMachine(limits: limits)
        _ = try feed(&machine, "* OK ready\r\n")
        _ = machine.enqueue { CommandEncoder().encode(.noop, tag: $0) }
        let actions = try feed(&machine, unrequestedFetches(3, bytes: 4000) + "M1 OK done\r\n")
        guard case .limitExceeded(let text) = actions.last else {
            Issue.record("not refused: \(actions.map { String(describing: $0).prefix(60) })")
            return
        }
        #expect(text.contains("IMAPLimits.maxUntaggedBytesPerCommand"))
        #expect(machine.state == .closed)
        // The OK after the refusal completes nothing.
        #expect(!actions.contains { if case .completed = $0 { true } else { false } })
    }

    @Test func whatTheCommandExpectsComesOnTopOfTheBound() throws {
        var limits = IMAPLimits.default
        limits.maxUntaggedBytesPerCommand = 10_000
        var machine = ConnectionStateMachine(limits: limits)
        _ = try feed(&machine, "* OK ready\r\n")
        _ = machine.enqueue({ CommandEncoder().encode(.noop, tag: $0) }, expectedDataBytes: 12_000)
        let actions = try feed(&machine, unrequestedFetches(3, bytes: 4000) + "M1 OK done\r\n")
        guard case .completed(let completion) = actions.last else {
            Issue.record("not completed: \(actions.map { String(describing: $0).prefix(60) })")
            return
        }
        #expect(completion.untagged.count == 3)
        // The next command starts from zero, with the plain bound.
        _ = machine.enqueue { CommandEncoder().encode(.noop, tag: $0) }
        let second = try feed(&machine, unrequestedFetches(3, bytes: 4000) + "M2 OK done\r\n")
        #expect(second.contains { if case .limitExceeded = $0 { true } else { false } })
    }

    @Test func theSizeOfAResponseCountsItsData() {
        let body = UntaggedResponse.fetch(
            sequence: 1, attributes: [.body(section: "", origin: nil, data: Array(repeating: 0, count: 5000))])
        #expect(body.approximateBytes >= 5000)
        let flags = UntaggedResponse.flags(Array(repeating: "a", count: 1000))
        #expect(flags.approximateBytes >= 16_000)
        #expect(UntaggedResponse.exists(1).approximateBytes > 0)
    }
}
