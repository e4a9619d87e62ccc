"""Give memory that has been freed back to the operating system.

Rendering a certificate PDF (WeasyPrint, Pango, HarfBuzz) allocates and frees
several megabytes. glibc keeps freed memory in its heaps for reuse, so a
long-running task worker's resident size creeps upward although nothing leaks
(bench/RESULTS.md: +10.8 MB over 1,000 renders without this). `malloc_trim`
hands the free pages back. On a C library without it, this does nothing."""

import ctypes
import ctypes.util
import functools


@functools.cache
def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


def release_freed_memory() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
