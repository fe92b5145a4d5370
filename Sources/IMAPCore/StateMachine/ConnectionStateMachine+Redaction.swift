/// What a connection writes includes LOGIN's password and AUTHENTICATE's base64 credentials (sent after a `+`
/// when the server has no SASL-IR, so they wait in the machine until then). Neither the actions nor the machine
/// print bytes: a write shows its size, the machine its state and how many bytes wait.
extension ConnectionAction: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        switch self {
        case .write(let bytes): return "write(\(bytes.count) bytes)"
        case .greeted(let preauthenticated, let capabilities):
            return "greeted(preauthenticated: \(preauthenticated), capabilities: \(String(describing: capabilities)))"
        case .completed(let completion): return "completed(\(completion))"
        case .unsolicited(let data): return "unsolicited(\(data))"
        case .idling: return "idling"
        case .bye(let state): return "bye(\(state))"
        case .protocolViolation(let text): return "protocolViolation(\(text.debugDescription))"
        case .limitExceeded(let text): return "limitExceeded(\(text.debugDescription))"
        }
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .enum) }
}

extension ConnectionStateMachine: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "state": state, "upcomingTag": upcomingTag, "queuedCommands": queuedCount,
                "bytesWaitingForContinuation": waitingBytes,
            ], displayStyle: .struct)
    }
}
