import Archive
import TestSupport

extension SampleMail {
    /// Sample message `number` as the archive receives it from an account's folder.
    static func incoming(_ number: Int, folder: String = "INBOX") -> IncomingMessage {
        IncomingMessage(
            bytes: message(number), origin: ArchiveOrigin(account: "prof", folder: folder, uid: UInt32(number)))
    }
}
