import IMAPCore
import NIOConcurrencyHelpers
import NIOCore

/// The untagged responses that belong to no command (EXISTS, EXPUNGE, FETCH, VANISHED…, and BYE), in the order
/// they came, until the connection closes.
///
/// Bounded by count and by bytes (`IMAPLimits.maxBufferedEvents`, `maxBufferedEventBytes`): when nobody reads,
/// or a server floods events that carry data, the oldest are dropped and counted in `droppedCount` (a watcher
/// that sees it grow has missed changes and should resynchronize). One event larger than the whole byte bound is
/// dropped as it comes. An event bound for a waiting reader is handed over without being buffered.
public struct IMAPEvents: AsyncSequence, Sendable {
    public typealias Element = UntaggedResponse
    public typealias Failure = Never

    let buffer: IMAPEventBuffer

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer) }

    /// Events dropped so far because the buffer was full.
    public var droppedCount: Int { buffer.droppedCount }
    /// Events waiting to be read, and their size (`UntaggedResponse.approximateBytes`).
    public var bufferedCount: Int { buffer.buffered.count }
    public var bufferedBytes: Int { buffer.buffered.bytes }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let buffer: IMAPEventBuffer

        public mutating func next() async -> UntaggedResponse? { await buffer.next() }
    }
}

/// The storage behind `IMAPEvents`: written on the event loop, read by any task.
final class IMAPEventBuffer: Sendable {
    private struct State {
        var events = CircularBuffer<(event: UntaggedResponse, bytes: Int)>()
        var bytes = 0
        var dropped = 0
        var finished = false
        var nextReader: UInt64 = 0
        var readers: [(id: UInt64, continuation: CheckedContinuation<UntaggedResponse?, Never>)] = []
        /// Readers cancelled before they started waiting.
        var cancelled: Set<UInt64> = []
    }

    private let maxCount: Int
    private let maxBytes: Int
    private let state = NIOLockedValueBox(State())

    init(limits: IMAPLimits) {
        maxCount = max(1, limits.maxBufferedEvents)
        maxBytes = limits.maxBufferedEventBytes
    }

    var droppedCount: Int { state.withLockedValue { $0.dropped } }
    var buffered: (count: Int, bytes: Int) { state.withLockedValue { ($0.events.count, $0.bytes) } }
    /// Readers waiting for an event (tests look at it).
    var waitingReaders: Int { state.withLockedValue { $0.readers.count } }

    func yield(_ event: UntaggedResponse) {
        let size = event.approximateBytes
        let reader = state.withLockedValue { state -> CheckedContinuation<UntaggedResponse?, Never>? in
            guard !state.finished else { return nil }
            if !state.readers.isEmpty { return state.readers.removeFirst().continuation }
            state.events.append((event, size))
            state.bytes += size
            while !state.events.isEmpty && (state.events.count > maxCount || state.bytes > maxBytes) {
                state.bytes -= state.events.removeFirst().bytes
                state.dropped += 1
            }
            return nil
        }
        reader?.resume(returning: event)
    }

    /// No more events: readers get what is buffered, then nil.
    func finish() {
        let readers = state.withLockedValue { state in
            state.finished = true
            defer { state.readers = [] }
            return state.readers
        }
        for reader in readers { reader.continuation.resume(returning: nil) }
    }

    func next() async -> UntaggedResponse? {
        let id = state.withLockedValue { state in
            state.nextReader += 1
            return state.nextReader
        }
        defer { _ = state.withLockedValue { $0.cancelled.remove(id) } }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<UntaggedResponse?, Never>) in
                let now = state.withLockedValue { state -> UntaggedResponse?? in
                    if let first = state.events.popFirst() {
                        state.bytes -= first.bytes
                        return .some(first.event)
                    }
                    if state.finished || state.cancelled.contains(id) { return .some(nil) }
                    state.readers.append((id, continuation))
                    return nil
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            let reader = state.withLockedValue { state -> CheckedContinuation<UntaggedResponse?, Never>? in
                if let index = state.readers.firstIndex(where: { $0.id == id }) {
                    return state.readers.remove(at: index).continuation
                }
                state.cancelled.insert(id)
                return nil
            }
            reader?.resume(returning: nil)
        }
    }
}
