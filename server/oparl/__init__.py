"""The graph as a read-only OParl 1.1 API under `/oparl/v1.1/` (see `server.oparl.api`)."""

from server.oparl.api import blueprint

__all__ = ["blueprint"]
