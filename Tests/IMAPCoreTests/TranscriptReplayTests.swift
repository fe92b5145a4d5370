@testable import IMAPCore
import Foundation
import Testing

/// Replays what the project's test Dovecot sent in a scripted session (`Transcripts/capture.py` says which
/// commands): every response parses, whole and byte by byte, and the interesting ones mean what they should.
@Suite struct TranscriptReplayTests {
    private var transcript: [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts/dovecot-session.server")
        return [UInt8](FileManager.default.contents(atPath: url.path) ?? Data())
    }

    @Test func everyResponseOfADovecotSessionParses() throws {
        let all = try responses(transcript)
        #expect(all.count == 58)
        let tagged = all.compactMap { response -> TaggedResponse? in
            if case .tagged(let tagged) = response { return tagged } else { return nil }
        }
        #expect(tagged.map(\.tag) == (1...21).map { "a\($0)" })
        #expect(tagged.allSatisfy { $0.state.kind == .ok })
        #expect(tagged[5].state.code == .appendUID(uidValidity: 1_795_721_309, uids: UIDSet([1...1])))

        let untagged = all.compactMap { response -> UntaggedResponse? in
            if case .untagged(let data) = response { return data } else { return nil }
        }
        #expect(untagged.contains(.quota(root: "User quota", resources: [QuotaResource(name: "STORAGE", usage: 1, limit: 1_048_576)])))
        #expect(untagged.contains(.vanished(earlier: false, uids: UIDSet([1...1]))))
        #expect(untagged.contains(.state(ResponseState(kind: .ok, code: .copyUID(uidValidity: 1_795_721_313, source: UIDSet([1...1]), destination: UIDSet([1...1])), text: "Moved UIDs."))))
        #expect(untagged.contains(.bye(ResponseState(kind: .ok, code: nil, text: "Logging out"))))
        #expect(untagged.contains { if case .list(let entry) = $0 { entry.attributes.contains("\\Junk") } else { false } })

        let bodies = untagged.flatMap { data -> [FetchAttribute] in
            if case .fetch(_, let attributes) = data { return attributes } else { return [] }
        }
        guard case .body(_, _, let message?) = bodies.first(where: { if case .body("", _, _) = $0 { true } else { false } }) else {
            Issue.record("no BODY[] in the transcript")
            return
        }
        #expect(message.count == 246)
        #expect(String(decoding: message, as: UTF8.self).hasSuffix("Ordre du jour : les évaluations.\r\n"))
        #expect(bodies.contains(.binarySize(section: "1", size: 35)))
        #expect(all.contains(.continuation("idling")))
    }
}
