import RegistryService
import Testing

/// The C shim must be the real glibc calls, not the fallback: a header that tests `__GLIBC__`
/// before including any libc header silently compiled to the fallback once.
@Suite struct MemoryReleaseTests {
    @Test func largeAllocationsAreMappedOnGlibc() {
        #if os(Linux)
        #expect(MemoryRelease.mapLargeAllocations(), "mallopt was not called: CMemory compiled its non-glibc fallback")
        #endif
    }
}
