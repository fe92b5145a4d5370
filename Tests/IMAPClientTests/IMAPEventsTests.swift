import IMAPCore
import Testing

@testable import IMAPClient

/// The event buffer on its own: handing events to waiting readers, cancellation, the end of the stream.
@Suite struct IMAPEventsTests {
    @Test func aWaitingReaderGetsTheNextEventAndTheEndComesAfterWhatIsBuffered() async {
        let buffer = IMAPEventBuffer(limits: .default)
        let events = IMAPEvents(buffer: buffer)
        let reader = Task {
            var iterator = events.makeAsyncIterator()
            return await iterator.next()
        }
        // Wait (bounded) until the reader waits, so the event goes straight to it.
        for _ in 0..<1000 where buffer.waitingReaders == 0 { await Task.yield() }
        buffer.yield(.exists(1))
        #expect(await reader.value == .exists(1))
        #expect(events.bufferedCount == 0)

        buffer.yield(.exists(2))
        buffer.finish()
        buffer.yield(.exists(3))
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == .exists(2))
        #expect(await iterator.next() == nil)
    }

    @Test func aCancelledReaderEndsWithNilAndTheNextReaderStillGetsEvents() async {
        let buffer = IMAPEventBuffer(limits: .default)
        let events = IMAPEvents(buffer: buffer)
        let reader = Task {
            var iterator = events.makeAsyncIterator()
            return await iterator.next()
        }
        reader.cancel()
        #expect(await reader.value == nil)
        buffer.yield(.exists(7))
        var iterator = events.makeAsyncIterator()
        #expect(await iterator.next() == .exists(7))
        #expect(buffer.waitingReaders == 0)
    }
}
