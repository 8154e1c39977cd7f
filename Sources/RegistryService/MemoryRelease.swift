import CMemory

/// Keeps a long-running daemon's resident memory near what it holds. glibc keeps freed heap pages
/// for reuse, and after each large free raises the size it serves from mappings instead of the
/// heap, so parsing and diffing a large catalog leaves tens of megabytes of holes. Measured at
/// 60,000 routes, anonymous memory at rest: 55 MiB with glibc's defaults, 17 MiB with large
/// allocations mapped and the heap trimmed after each refresh (the live heap is ~15 MiB).
public enum MemoryRelease {
    /// True where the glibc calls are real, not the shim's fallbacks (for tests, which must not
    /// change their own process's allocator to find out).
    public static var callsGlibc: Bool { regiond_memory_shim_is_glibc() == 1 }

    /// Allocations of 128 KiB and more get mappings of their own, returned when freed; the daemon
    /// calls it first thing. Returns false where that is not glibc (then nothing changes).
    @discardableResult
    public static func mapLargeAllocations() -> Bool {
        regiond_map_large_allocations(128 << 10) == 1
    }

    /// Returns the heap's free pages to the system (after a refresh: its snapshot and diff are gone).
    static func afterLargeWork() {
        _ = regiond_release_free_memory()
    }
}
