"""A region of memory that the web process and one query worker both map, for the answers' bodies.

Through a pipe (64 KiB), a body of 1.7 MB crossed in 27 pieces, each a hand-over
from the worker to the request thread and back; on a busy machine each waits for
a core (README, "Performance"). Through this region it crosses in one copy on each
side and one small message. The region is an anonymous file (`memfd_create`), made
by the web process for each worker it starts and handed to the worker with the
other arguments (its descriptor travels as the pipes' do); it has no name, so
nothing is left behind when both processes end. Its pages are allocated as they
are first written and stay (shared by both processes): at most `ANSWER_BYTES`.
Larger bodies take the pipe, as before; so does everything where `memfd_create`
is missing.

Only one query runs on a worker at a time, and the request thread reads the body
before the worker can get its next query, so the two never use the region at once.
"""

from __future__ import annotations

import mmap
import os
from multiprocessing import reduction
from typing import Any

ANSWER_BYTES = 4 * 1024 * 1024
"""Bodies up to this size cross through shared memory (every answer of the bench's 10^5 mix: 1.7 MB at most)."""


class SharedAnswers:
    """One worker's region for answer bodies, mapped in the process that holds this object."""

    def __init__(self, fd: int, size: int) -> None:
        self.fd = fd
        self.size = size
        self._map = mmap.mmap(fd, size)

    @classmethod
    def create(cls, size: int | None = None) -> SharedAnswers | None:
        """A new region (of `ANSWER_BYTES` unless told), or None where the system has no anonymous shared files."""
        size = ANSWER_BYTES if size is None else size
        make = getattr(os, "memfd_create", None)
        if make is None:
            return None
        try:
            fd = make("councilgraph-answers", getattr(os, "MFD_CLOEXEC", 0))
        except OSError:
            return None
        try:
            os.ftruncate(fd, size)
            return cls(fd, size)
        except (OSError, ValueError):
            os.close(fd)
            return None

    def put(self, body: bytes) -> bool:
        """Write `body` at the start of the region; False when it does not fit (send it otherwise)."""
        if len(body) > self.size:
            return False
        self._map[: len(body)] = body
        return True

    def take(self, length: int) -> bytes:
        """A copy of the first `length` bytes, the body the worker put there."""
        if not 0 <= length <= self.size:
            raise ValueError(f"an answer of {length} bytes cannot be in a region of {self.size}")
        return self._map[:length]

    def close(self) -> None:
        self._map.close()
        os.close(self.fd)

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled as a process's argument at its start: the descriptor is duplicated into the child
        return (_attach, (reduction.DupFd(self.fd), self.size))


def _attach(fd: Any, size: int) -> SharedAnswers:
    return SharedAnswers(fd.detach(), size)
