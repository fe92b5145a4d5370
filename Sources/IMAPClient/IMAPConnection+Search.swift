import IMAPCore

extension IMAPConnection {
    /// UID SEARCH: the UIDs of the selected mailbox that match `key`, ascending, without duplicates. Where the
    /// server has ESEARCH the answer comes as ranges (`RETURN (ALL)`), which stay short for any mailbox.
    /// At most `IMAPLimits.maxSearchResults` UIDs: a larger answer (or a set such as `1:4294967295`, which is
    /// counted before it is expanded) is an `isLimitExceeded` error.
    public func searchUIDs(_ key: SearchKey) async throws -> [UInt32] {
        let maxResults = limits.maxSearchResults
        func tooMany() -> IMAPClientError {
            IMAPClientError.limit("UID SEARCH matched more than \(maxResults) messages (IMAPLimits.maxSearchResults)")
        }
        var uids: [UInt32] = []
        if hasCapability("ESEARCH") {
            let completion = try await execute(.uidSearch(key, returnOptions: ["ALL"]))
            for case .esearch(let result) in completion.untagged where result.tag == nil || result.tag == completion.tag
            {
                guard let all = result.all else { continue }
                guard all.count <= maxResults - uids.count else { throw tooMany() }
                for range in all.ranges { uids += range }
            }
        } else {
            let completion = try await execute(.uidSearch(key, returnOptions: nil))
            for case .search(let numbers, _) in completion.untagged {
                guard numbers.count <= maxResults - uids.count else { throw tooMany() }
                uids += numbers
            }
        }
        uids.sort()
        return uids.enumerated().compactMap { index, uid in index > 0 && uids[index - 1] == uid ? nil : uid }
    }
}
