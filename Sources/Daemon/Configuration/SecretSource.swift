import IMAPCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where an account's password or token comes from: exactly one of `password_file`, `password_credential`,
/// `password_command`. Never the configuration itself, never the command line (DESIGN.md, invariant 5). The
/// value is read when connecting, not at load: a token expires, a file is rotated.
public enum SecretSource: Sendable, Hashable {
    /// `password_file`: a file only its owner may open (mode `0600` or stricter), a regular file.
    case file(String)
    /// `password_credential`: a systemd credential (`LoadCredential=NAME:…`), read from
    /// `$CREDENTIALS_DIRECTORY/NAME`. `directory` is `$CREDENTIALS_DIRECTORY` as it was at load (nil: unset).
    case credential(name: String, directory: String?)
    /// `password_command`: a program and its arguments, run without a shell; its standard output is the secret.
    case command([String])

    /// The key that configured it, for messages.
    public var key: String {
        switch self {
        case .file: "password_file"
        case .credential: "password_credential"
        case .command: "password_command"
        }
    }

    /// Reads the secret now. Blocking (a command may run up to `timeout`): call it off the cooperative thread
    /// pool, e.g. through `AccountConfiguration.credentials(on:)`. One trailing newline (LF or CRLF) is removed.
    public func read(timeout: Duration = ConfigurationLimits.commandTimeout) throws(SecretError) -> Secret {
        switch self {
        case .file(let path):
            return try SecretFile.load(path, key: key, ownerOnly: true)
        case .credential(let name, let directory):
            guard let directory else {
                throw SecretError(
                    "password_credential \(name): $CREDENTIALS_DIRECTORY is not set (run as a systemd service with "
                        + "LoadCredential=\(name):…)")
            }
            return try SecretFile.load(directory + "/" + name, key: key, ownerOnly: false)
        case .command(let arguments):
            return try PasswordCommand.run(arguments, timeout: timeout)
        }
    }
}

/// A secret could not be read. Says where and why, never the secret, never what a command printed.
public struct SecretError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Reading a secret from a file (`password_file`, or a systemd credential).
enum SecretFile {
    /// What is wrong with a `password_file` for the loader (nil: fine): missing, not a regular file, or open to
    /// its group or others. The same checks are made again, on the open file, when it is read.
    static func problem(path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return "\(path): \(errnoText())" }
        return problem(path: path, info: info, ownerOnly: true)
            ?? (access(path, R_OK) == 0 ? nil : "\(path): \(errnoText())")
    }

    static func problem(path: String, info: stat, ownerOnly: Bool) -> String? {
        guard info.st_mode & S_IFMT == S_IFREG else { return "\(path) is not a regular file" }
        let mode = info.st_mode & 0o777
        if ownerOnly && mode & 0o077 != 0 {
            return
                "\(path) can be opened by its group or others (mode \(String(mode, radix: 8))); a password file must "
                + "be private to its owner: chmod 600 \(path)"
        }
        return nil
    }

    static func load(_ path: String, key: String, ownerOnly: Bool) throws(SecretError) -> Secret {
        // O_NONBLOCK: a FIFO put in the file's place must not hang the open; it is refused below.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw SecretError("\(key) \(path): \(errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SecretError("\(key) \(path): \(errnoText())") }
        if let problem = problem(path: path, info: info, ownerOnly: ownerOnly) {
            throw SecretError("\(key): \(problem)")
        }
        var bytes = [UInt8](repeating: 0, count: ConfigurationLimits.secretBytes + 1)
        defer { wipe(&bytes) }
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw SecretError("\(key) \(path): \(errnoText())") }
            if n == 0 { break }
            count += n
        }
        guard count <= ConfigurationLimits.secretBytes else {
            throw SecretError("\(key) \(path) is larger than \(ConfigurationLimits.secretBytes / 1024) KiB")
        }
        return try secret(from: bytes[..<count], what: "\(key) \(path)")
    }

    /// The secret in `bytes`: UTF-8, one trailing newline removed, not empty.
    static func secret(from bytes: ArraySlice<UInt8>, what: String) throws(SecretError) -> Secret {
        var end = bytes.endIndex
        if end > bytes.startIndex && bytes[end - 1] == 0x0A {
            end -= 1
            if end > bytes.startIndex && bytes[end - 1] == 0x0D { end -= 1 }
        }
        guard end > bytes.startIndex else { throw SecretError("\(what) is empty") }
        guard let text = String(validating: bytes[..<end], as: UTF8.self) else {
            throw SecretError("\(what) is not UTF-8 text")
        }
        return Secret(text)
    }

    /// Overwrites a buffer that held a secret before it is released.
    static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            for index in buffer.indices { buffer[index] = 0 }
        }
    }
}

func errnoText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
