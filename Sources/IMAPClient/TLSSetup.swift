import NIOSSL

/// The TLS side of a configuration: certificates verified (the system's trust store, or the configured CA
/// file), TLS 1.2 at least, and the name checked. For an IP address no name is sent (SNI cannot carry one)
/// and NIOSSL checks the address against the certificate's IP entries instead.
struct TLSSetup: Sendable {
    let context: NIOSSLContext
    let serverName: String?

    init(_ configuration: IMAPClientConfiguration) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let file = configuration.trustedCAFile { tls.trustRoots = .file(file) }
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw IMAPClientError.tls("cannot set up TLS: \(error)")
        }
        let name = configuration.serverName ?? configuration.host
        serverName = Self.isIPAddress(name) ? nil : name
    }

    func handler() throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: serverName)
    }

    static func isIPAddress(_ text: String) -> Bool {
        text.contains(":") || text.split(separator: ".").count == 4 && text.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }
}
