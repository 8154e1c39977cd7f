#ifndef REGIOND_CMEMORY_H
#define REGIOND_CMEMORY_H

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
/// Returns freed heap pages to the system (glibc keeps them otherwise); 1 if any were released.
static inline int regiond_release_free_memory(void) { return malloc_trim(0); }
#else
static inline int regiond_release_free_memory(void) { return 0; }
#endif

#endif
