import Daemon
import Testing

@Suite struct DaemonErrorTests {
    @Test func saysWhereTheProblemIs() {
        #expect(
            DaemonError.stateStore("cannot open /x/state.sqlite").description
                == "state store: cannot open /x/state.sqlite")
        #expect(DaemonError.stateStore("x").isStateStore)
        #expect(!DaemonError.pipeline("x").isStateStore)
    }
}
