#ifndef REGIOND_CMEMORY_H
#define REGIOND_CMEMORY_H

#if defined(__linux__)
#include <features.h>  // defines __GLIBC__ (on glibc); nothing is defined before a libc header
#endif

#if defined(__GLIBC__)
#include <malloc.h>
/// 1: the glibc calls below are real (a test checks the shim did not fall back to its stubs).
static inline int regiond_memory_shim_is_glibc(void) { return 1; }
/// Returns freed heap pages to the system (glibc keeps them otherwise); 1 if any were released.
static inline int regiond_release_free_memory(void) { return malloc_trim(0); }
/// Serves allocations of `bytes` and more with their own mappings, returned to the system when
/// freed. Setting it also stops glibc raising the threshold after each large free (up to 32 MiB),
/// which otherwise leaves a parsed catalog's buffers as holes in the heap.
/// The heap's free top is returned past the same size (glibc raised it along with the threshold).
static inline int regiond_map_large_allocations(int bytes) {
    return mallopt(M_MMAP_THRESHOLD, bytes) & mallopt(M_TRIM_THRESHOLD, bytes);
}
#else
static inline int regiond_memory_shim_is_glibc(void) { return 0; }
static inline int regiond_release_free_memory(void) { return 0; }
static inline int regiond_map_large_allocations(int bytes) { (void)bytes; return 0; }
#endif

#endif
