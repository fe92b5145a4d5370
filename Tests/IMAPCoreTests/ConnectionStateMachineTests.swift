@testable import IMAPCore
import Testing

@Suite struct ConnectionStateMachineTests {
    private let encoder = CommandEncoder(literals: .synchronizing)

    private func feed(_ machine: inout ConnectionStateMachine, _ wire: String) throws -> [ConnectionAction] {
        var actions: [ConnectionAction] = []
        for response in try responses(wire) { actions += machine.receive(response) }
        return actions
    }

    private func written(_ actions: [ConnectionAction]) -> [String] {
        actions.compactMap { if case .write(let bytes) = $0 { String(decoding: bytes, as: UTF8.self) } else { nil } }
    }

    @Test func commandsWaitForTheGreetingAndRunOneAtATime() throws {
        var machine = ConnectionStateMachine()
        let first = machine.enqueue { encoder.encode(.capability, tag: $0) }
        #expect(first.tag == "M1" && first.actions.isEmpty)
        let second = machine.enqueue { encoder.encode(.noop, tag: $0) }
        #expect(second.actions.isEmpty)
        let greeting = try feed(&machine, "* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n")
        #expect(greeting.first == .greeted(preauthenticated: false, capabilities: ["IMAP4rev1", "IDLE"]))
        #expect(written(greeting) == ["M1 CAPABILITY\r\n"])
        let done = try feed(&machine, "* CAPABILITY IMAP4rev1 IDLE MOVE\r\nM1 OK done\r\n")
        #expect(done.first == .completed(CommandCompletion(tag: "M1", state: ResponseState(kind: .ok, code: nil, text: "done"), untagged: [.capability(["IMAP4rev1", "IDLE", "MOVE"])])))
        #expect(written(done) == ["M2 NOOP\r\n"])
    }

    @Test func aSynchronizingLiteralWaitsForTheContinuationOrStopsAtNo() throws {
        var machine = ConnectionStateMachine()
        _ = try feed(&machine, "* OK ready\r\n")
        let message = Array("Subject: x\r\n\r\nhi\r\n".utf8)
        let start = machine.enqueue { encoder.encode(.append(.inbox, flags: [], internalDate: nil, message: message), tag: $0) }
        #expect(written(start.actions) == ["M1 APPEND INBOX {\(message.count)}\r\n"])
        #expect(written(try feed(&machine, "+ Ready for literal data\r\n")) == [String(decoding: message, as: UTF8.self) + "\r\n"])
        let ok = try feed(&machine, "M1 OK [APPENDUID 7 12] Append completed.\r\n")
        guard case .completed(let completion) = ok.first else { Issue.record("not completed"); return }
        #expect(completion.state.code == .appendUID(uidValidity: 7, uids: UIDSet([12...12])))

        _ = machine.enqueue { encoder.encode(.append(MailboxName("Absent"), flags: [], internalDate: nil, message: message), tag: $0) }
        let refused = try feed(&machine, "M2 NO [TRYCREATE] Mailbox doesn't exist\r\n")
        #expect(refused.count == 1)
        #expect(machine.state == .ready)
        #expect(try feed(&machine, "+ late\r\n") == [.protocolViolation("continuation request while no command waits for one")])
    }

    @Test func idleSurfacesChangesAndEndsWithDone() throws {
        var machine = ConnectionStateMachine()
        _ = try feed(&machine, "* OK ready\r\n")
        let idle = machine.enqueue({ encoder.encode(.idle, tag: $0) }, isIdle: true)
        #expect(written(idle.actions) == ["M1 IDLE\r\n"])
        #expect(try feed(&machine, "+ idling\r\n") == [.idling])
        #expect(try feed(&machine, "* 4 EXISTS\r\n* 2 EXPUNGE\r\n* VANISHED 7\r\n")
            == [.unsolicited(.exists(4)), .unsolicited(.expunge(2)), .unsolicited(.vanished(earlier: false, uids: UIDSet([7...7])))])
        // A command queued during IDLE waits until IDLE has ended.
        #expect(machine.enqueue { encoder.encode(.noop, tag: $0) }.actions.isEmpty)
        #expect(written(machine.endIdle()) == ["DONE\r\n"])
        let end = try feed(&machine, "M1 OK Idle completed.\r\n")
        #expect(written(end) == ["M2 NOOP\r\n"])
    }

    @Test func newMailReportedDuringAnotherCommandIsAlsoAnEvent() throws {
        var machine = ConnectionStateMachine()
        _ = try feed(&machine, "* OK ready\r\n")
        _ = machine.enqueue { encoder.encode(.uidFetch(UIDSet([1...1]), items: [.flags], changedSince: nil), tag: $0) }
        let during = try feed(&machine, "* 1 FETCH (UID 1 FLAGS ())\r\n* 5 EXISTS\r\n* VANISHED (EARLIER) 3\r\nM1 OK done\r\n")
        #expect(during.first == .unsolicited(.exists(5)))
        guard case .completed(let completion) = during.last else { Issue.record("not completed"); return }
        // The command keeps everything it was sent; only the change is repeated as an event.
        #expect(completion.untagged.count == 3)
        #expect(during.count == 2)
    }

    @Test func aSASLErrorChallengeIsAnsweredOnceThenItIsAViolation() throws {
        var machine = ConnectionStateMachine()
        _ = try feed(&machine, "* OK ready\r\n")
        let sasl = CommandEncoder(literals: .synchronizing, saslInitialResponse: true)
        _ = machine.enqueue { sasl.encode(.authenticatePlain(authorizationID: "", user: "u", password: "p"), tag: $0) }
        // PLAIN has no second step: an extra challenge is cancelled with "*".
        #expect(written(try feed(&machine, "+ more?\r\n")) == ["*\r\n"])
        #expect(try feed(&machine, "+ again\r\n") == [.protocolViolation("unexpected continuation request")])
    }

    @Test func violationsCloseTheMachine() throws {
        var machine = ConnectionStateMachine()
        #expect(try feed(&machine, "M1 OK what\r\n") == [.protocolViolation("the server's first response was not a greeting")])
        #expect(machine.state == .closed)

        var other = ConnectionStateMachine()
        _ = try feed(&other, "* OK ready\r\n")
        _ = other.enqueue { encoder.encode(.noop, tag: $0) }
        #expect(try feed(&other, "X9 OK wrong tag\r\n") == [.protocolViolation("answer for tag X9 while M1 runs")])
    }

    @Test func byeAndPreauth() throws {
        var machine = ConnectionStateMachine()
        #expect(try feed(&machine, "* PREAUTH ready\r\n") == [.greeted(preauthenticated: true, capabilities: nil)])
        #expect(try feed(&machine, "* BYE shutting down\r\n") == [.bye(ResponseState(kind: .ok, code: nil, text: "shutting down"))])
        #expect(try feed(&machine, "* 3 EXISTS\r\n") == [.unsolicited(.exists(3))])
    }
}
