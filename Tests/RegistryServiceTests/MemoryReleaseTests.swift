import RegistryService
import Testing

/// The C shim must be the real glibc calls, not the fallback: a header that tests `__GLIBC__`
/// before including any libc header silently compiled to the fallback once.
@Suite struct MemoryReleaseTests {
    /// Checked without calling mallopt here: retuning the test process's allocator (which the
    /// suite did) is the suspected cause of a Foundation `Process.run()` crash (a read past a
    /// freed mapping) that hit the suite now and then; the daemon itself starts no such process
    /// unless credential_process is configured.
    @Test func theShimCallsGlibcOnLinux() {
        #if os(Linux)
        #expect(MemoryRelease.callsGlibc, "CMemory compiled its non-glibc fallback: mallopt and malloc_trim would never run")
        #endif
    }
}
