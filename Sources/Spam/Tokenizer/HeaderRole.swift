import MailMessage

/// What the tokenizer reads in a header field, by its name (without case).
enum HeaderRole {
    case subject
    /// From, Reply-To, Sender.
    case from
    /// To, Cc.
    case to
    case returnPath
    case received
    /// Content-Type, Content-Transfer-Encoding, MIME-Version, Content-Disposition: the parts tell these.
    case structure
    case other

    /// The role of `field`, after adding its lower-cased name as a `hdr:` token to `sink`.
    ///
    /// Both are read from the name's bytes, lower-cased one by one: a lower-cased String per field and a dozen
    /// String compares were 2 % of the tokenizer. Names are ASCII when parsed; another name is lower-cased as a
    /// String, as before (no non-ASCII letter lower-cases to one of the names matched here).
    init(addingNameOf field: HeaderField, into sink: inout TokenSink) {
        var name = field.name
        let role = name.withUTF8 { bytes -> HeaderRole in
            guard bytes.allSatisfy({ $0 < 0x80 }) else {
                sink.add(prefix: .headerName, text: field.name.lowercased())
                return HeaderRole(asciiName: bytes)
            }
            var state = TokenPrefix.headerName.state
            for byte in bytes { state.add(ASCII.lower(byte)) }
            sink.add(state.value, name: TokenPrefix.headerName.rawValue + field.name.lowercased())
            return HeaderRole(asciiName: bytes)
        }
        self = role
    }

    /// The role of a name given as bytes, compared without ASCII case (a byte of 0x80 or more matches nothing).
    init(asciiName name: UnsafeBufferPointer<UInt8>) {
        func spells(_ spelling: StaticString) -> Bool {
            guard name.count == spelling.utf8CodeUnitCount else { return false }
            let expected = UnsafeBufferPointer(start: spelling.utf8Start, count: spelling.utf8CodeUnitCount)
            for offset in 0..<name.count where ASCII.lower(name[offset]) != expected[offset] { return false }
            return true
        }
        switch name.count {
        case 2: self = spells("to") || spells("cc") ? .to : .other
        case 4: self = spells("from") ? .from : .other
        case 6: self = spells("sender") ? .from : .other
        case 7: self = spells("subject") ? .subject : .other
        case 8: self = spells("reply-to") ? .from : spells("received") ? .received : .other
        case 11: self = spells("return-path") ? .returnPath : .other
        case 12: self = spells("content-type") || spells("mime-version") ? .structure : .other
        case 19: self = spells("content-disposition") ? .structure : .other
        case 25: self = spells("content-transfer-encoding") ? .structure : .other
        default: self = .other
        }
    }
}
