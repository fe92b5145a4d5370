/// Whether the binary under test can be killed at a fault point (`MAILSIFT_ARCHIVE_FAULT`): debug builds only,
/// which `swift test` makes; a release binary ignores the variable.
let faultPointsExist: Bool = {
    #if DEBUG
        return true
    #else
        return false
    #endif
}()
