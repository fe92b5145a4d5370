import Archive
import Foundation
import TestSupport
import Testing

/// A search's size is bounded: terms, prefix terms and their length, and text.
@Suite struct SearchBoundsTests {
    private func refusal(_ store: ArchiveStore, _ query: SearchQuery) -> ArchiveError? {
        do { _ = try store.search(query) } catch { return error }
        return nil
    }

    @Test func oversizedQueriesAreRefusedNamingTheBound() throws {
        let root = TemporaryFolder()
        defer { root.remove() }
        let store = try ArchiveStore(
            directory: root.path, options: ArchiveOptions(blockSize: 4096, compressionLevel: 3))
        _ = try store.archive((1...5).map { SampleMail.incoming($0) })

        let review = refusal(store, SearchQuery(words: Array(repeating: "a*", count: 2000).joined(separator: " ")))
        #expect(
            review?.isBadInput == true && review?.message.contains("at most 1024 bytes") == true,
            "\(String(describing: review))")
        let prefixes = refusal(store, SearchQuery(words: "ra* se* ét* bo* co*"))
        #expect(prefixes?.message == "the search has 5 prefix words (word*); at most 4 are allowed")
        let short = refusal(store, SearchQuery(words: "rapport a*"))
        #expect(short?.message.contains("\"a*\" is too short") == true, "\(String(describing: short))")
        let many = refusal(store, SearchQuery(words: (1...33).map { "w\($0)" }.joined(separator: " ")))
        #expect(many?.message == "the search has 33 words; at most 32 are allowed")
        // Words in the sender, recipient and subject conditions and inside phrases count too.
        let spread = refusal(
            store,
            SearchQuery(
                words: "\"" + (1...20).map { "p\($0)" }.joined(separator: " ") + "\"",
                subject: (1...13).map { "s\($0)" }.joined(separator: " ")))
        #expect(spread?.message == "the search has 33 words; at most 32 are allowed")

        // At the bounds, a search runs.
        #expect(try store.search(SearchQuery(words: "ra* se* ét* bo*")).count == 5)
        #expect(
            try store.search(SearchQuery(words: "rapport semaine", from: "informatique2@ecoles.example.fr")).count == 1)
        #expect(try store.search(SearchQuery(words: (1...32).map { "w\($0)" }.joined(separator: " "))).isEmpty)
    }
}
