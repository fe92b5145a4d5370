/// The tag names and markers the HTML scanner acts on, in one value that each scanner reads once and keeps.
///
/// As static lets (globals with lazy initialisation) every read in the scan loop, for every tag and every run of
/// text, was a `swift_once` check: 2 % of the spam tokenizer's time in `perf`. Names are packed by
/// `HTMLText.key`; arrays, not sets: a few compares of integers cost less than hashing one.
struct HTMLTags: Sendable {
    static let shared = HTMLTags()

    /// Elements that end a line.
    let line: [UInt64] = [
        "br", "tr", "li", "div", "ul", "ol", "pre", "hr", "dt", "dd",
        "section", "article", "header", "footer", "title", "blockquote",
    ].map { HTMLText.key($0) }
    /// Elements that end a paragraph (a blank line).
    let paragraph: [UInt64] = ["p", "table", "h1", "h2", "h3", "h4", "h5", "h6"].map { HTMLText.key($0) }
    /// Table cells: a space.
    let cell: [UInt64] = ["td", "th"].map { HTMLText.key($0) }
    /// Elements whose content is not text a reader sees.
    let hidden: [UInt64] = ["script", "style", "head", "template", "noscript"].map { HTMLText.key($0) }
    /// Elements that never have content, so they never open a hidden region.
    let void: [UInt64] = [
        "br", "img", "hr", "meta", "input", "link", "wbr", "col", "area", "base", "source", "param", "embed",
    ].map { HTMLText.key($0) }
    let anchor = HTMLText.key("a")
    let font = HTMLText.key("font")
    let blockquoteKey = HTMLText.key("blockquote")

    /// Made once: an array literal per tag was an allocation per tag.
    let commentClose = Array("-->".utf8)
    let blockquote = Array("blockquote".utf8)
}
