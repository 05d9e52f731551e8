"""Free loopback ports that parallel test workers never share.

A port found free by binding port 0 is released before the server that will
use it starts, so another process may be handed the same port in between.
Under pytest-xdist the ports are shared out among the workers by a hash of
the port number, and each worker only takes its own: two workers of one run
can never pick the same port. (A server that still cannot bind exits, and
`conftest.running_server` fails at once instead of talking to another server.)
"""

from __future__ import annotations

import os
import socket


def _worker_slot() -> tuple[int, int]:
    """(this worker's index, number of workers); (0, 1) outside pytest-xdist."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "")
    count = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1)
    if not name.startswith("gw") or count <= 1:
        return 0, 1
    return int(name[2:]) % count, count


def free_port() -> int:
    """A loopback port that is free now and belongs to this test worker's share of ports."""
    index, count = _worker_slot()
    for _ in range(1000):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        # the kernel hands out ports of one parity first, so the share is decided by a hash of the port
        if (port * 2654435761 >> 8) % count == index:
            return port
    raise RuntimeError(f"no free loopback port for test worker {index} of {count}")
