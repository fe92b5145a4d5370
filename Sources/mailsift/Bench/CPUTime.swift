import Glibc

/// CPU time of the calling thread: on a shared machine, steadier than the wall clock for comparing builds.
enum CPUTime {
    static func thread() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
