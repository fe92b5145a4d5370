import Glibc

/// What a child process started with posix_spawn inherits: only its standard input, output and error.
///
/// SwiftNIO's sockets are not close-on-exec, so without this a password_command helper would be handed every
/// IMAP connection the daemon holds (and one that lingers, a token agent say, would hold them open after the
/// daemon closed them). glibc 2.34 and later have `posix_spawn_file_actions_addclosefrom_np`; Swift's Glibc
/// module does not show it, so it is looked up by name.
enum ChildDescriptors {
    private typealias AddCloseFrom =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    private static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: AddCloseFrom.self)
    }

    /// Adds, after the actions already there, the closing of every descriptor from 3 up in the child. False
    /// where the C library cannot (glibc before 2.34): the child then inherits what is not close-on-exec.
    @discardableResult
    static func closeAllButStandard(_ actions: inout posix_spawn_file_actions_t) -> Bool {
        guard let addCloseFrom else { return false }
        return addCloseFrom(&actions, 3) == 0
    }
}
