import Foundation
import Synchronization
import Testing

@testable import Archive

#if DEBUG
    /// The crash tests' fault trigger counts every reach, from any number of threads.
    @Suite struct FaultPointTests {
        @Test func aTriggerFiresExactlyOnceOnTheNthReachAcrossThreads() {
            let threads = 8
            let reachesEach = 500_000
            let trigger = FaultPoint.Trigger(name: "block-written", count: threads * reachesEach)
            let fired = Mutex(0)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                for _ in 0..<reachesEach where trigger.fires(at: .blockWritten) { fired.withLock { $0 += 1 } }
                #expect(!trigger.fires(at: .committed))
            }
            #expect(fired.withLock { $0 } == 1)
            #expect(!trigger.fires(at: .blockWritten))
        }

        @Test func theVariableIsReadAsNameAndCount() {
            let trigger = FaultPoint.Trigger("committed:3")
            #expect(trigger?.name == "committed" && trigger?.count == 3)
            #expect(FaultPoint.Trigger("block-synced")?.count == 1)
        }
    }
#endif
