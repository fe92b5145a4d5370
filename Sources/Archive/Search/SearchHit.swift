/// One message found: what a result list shows.
public struct SearchHit: Sendable, Codable, Hashable {
    public var id: Int64
    public var account: String
    public var folder: String
    public var date: Int64?
    public var sender: String
    public var recipients: String
    public var subject: String
    public var size: Int
    public var messageID: String?
}
