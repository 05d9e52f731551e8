"""Process memory: give freed memory back to the system (glibc), limit a process's address space.

A query worker or the web process may build a result of many megabytes, then
free it. glibc keeps freed memory for reuse and, by default, raises its
threshold for serving big blocks with `mmap` after each one is freed, so one
large result leaves the process's resident size high for good. Serving every
block of 1 MiB or more with `mmap` returns it at once when it is freed;
`trim()` hands back what is left free in the heap. On other C libraries these
calls do nothing.
"""

from __future__ import annotations

import ctypes
import functools
import resource
import time
from typing import Any

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
LARGE_BLOCK_BYTES = 1 << 20


@functools.cache
def _glibc() -> Any | None:
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt  # noqa: B018 - present only in glibc
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def return_large_blocks() -> None:
    """Serve blocks of `LARGE_BLOCK_BYTES` and more with `mmap`, so freeing them returns them."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK_BYTES)
        libc.mallopt(_M_TRIM_THRESHOLD, 4 * LARGE_BLOCK_BYTES)


def trim() -> None:
    """Give the free memory at the top and inside of the heap back to the system."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


SLOW_WORK_SECONDS = 0.05
"""Work that ran longer than this has usually allocated much; trimming costs about a millisecond."""


def trim_after_slow_work(started: float) -> None:
    """`trim()` if the work begun at `started` (`time.monotonic()`) ran longer than `SLOW_WORK_SECONDS`."""
    if time.monotonic() - started > SLOW_WORK_SECONDS:
        trim()


def limit_address_space(megabytes: int, *, adjustable: bool = False) -> None:
    """Limit this process's address space (`RLIMIT_AS`); 0 or less leaves it unlimited.

    With `adjustable`, only the soft limit is set, so that the process may later move it
    (`set_address_space_limit`) as it loads or drops data it keeps."""
    if megabytes <= 0:
        return
    libc = _glibc()
    if libc is not None:
        # glibc reserves 64 MB of address space per thread arena, which counts against
        # RLIMIT_AS although it is never used: the store's threads would eat the limit
        libc.mallopt(_M_ARENA_MAX, 2)
    limit = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard if adjustable else limit))


def set_address_space_limit(limit_bytes: int) -> None:
    """Move the soft address-space limit (within the hard one); 0 or less: no limit."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = resource.RLIM_INFINITY if limit_bytes <= 0 else limit_bytes
    if hard != resource.RLIM_INFINITY:
        soft = hard if soft == resource.RLIM_INFINITY else min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def available_bytes() -> int | None:
    """Memory the system can give without swapping (`MemAvailable`), or None where it is not known."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None
