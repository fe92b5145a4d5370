/// The test Dovecot's `carol` (the one account with a quota, 1 MiB) is one mailbox for every test of the suite
/// that fills her quota: they take turns, since Swift Testing runs tests in parallel.
enum CarolMailbox {
    private static let lock = TurnLock()

    static func exclusively<T>(_ body: () async throws -> T) async throws -> T {
        await lock.acquire()
        do {
            let result = try await body()
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
    }
}

/// One holder at a time; the others wait in order.
private actor TurnLock {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
