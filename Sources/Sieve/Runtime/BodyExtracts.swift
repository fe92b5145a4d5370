/// What runs extract from a message's body — the values of each `body` transform, the links and the HTML
/// measure — kept for every script of one sequence. The body is the same for all of them (editheader
/// changes the header only), and extracting it is most of what body and link rules cost: once per message,
/// not once per script. One sequence runs on one thread; the object is never shared between runs.
final class BodyExtracts {
    var values: [BodyTransform: [String]] = [:]
    var links: MessageLinks?
}
