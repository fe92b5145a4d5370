import ServiceLifecycle

/// A job the daemon runs beside filing, defined in a module the daemon cannot see (the archiver's schedule):
/// it runs as a service of the daemon's group, and is told of each configuration reload (SIGHUP) the daemon
/// accepts.
public protocol DaemonCompanion: Service {
    func apply(_ setup: DaemonSetup) async
}
