/// The bounds a configuration is read within. A configuration is written by an administrator, but it may be
/// generated from a directory of tens of thousands of staff accounts, so nothing in it is read without a bound.
public enum ConfigurationLimits {
    /// The main configuration file, at most.
    public static let mainFileBytes = 1 << 20
    /// One file of `accounts_dir` (it holds one account), at most.
    public static let accountFileBytes = 64 << 10
    /// `[[account]]` tables in the main file, at most.
    public static let accountsPerFile = 10_000
    /// `*.toml` files in `accounts_dir` (and entries looked at there), at most.
    public static let accountFiles = 100_000
    /// Accounts in all, main file and `accounts_dir` together.
    public static let accounts = 100_000
    /// Errors kept and printed; more are counted, not listed.
    public static let problems = 1_000
    /// An account's name: it names a folder under `user_rules`, so it fits in a file name with room to spare.
    public static let accountNameBytes = 64
    /// A host name (DNS allows 253).
    public static let hostBytes = 253
    /// A user name or master user name.
    public static let userBytes = 320
    /// A path (PATH_MAX on Linux).
    public static let pathBytes = 4_096
    /// Watched folders per account.
    public static let foldersPerAccount = 1_000
    /// A watched folder's name.
    public static let folderBytes = 1_000
    /// `password_command`: arguments, and the length of each.
    public static let commandArguments = 64
    public static let commandArgumentBytes = 4_096
    /// A secret read from a file, a credential or a command's output.
    public static let secretBytes = 64 << 10
    /// How long `password_command` may run before it is killed.
    public static let commandTimeout: Duration = .seconds(10)
}
