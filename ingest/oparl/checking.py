"""SHACL validation of a page's graphs, in worker processes once pages are large enough to pay for them."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat

from ingest.oparl.objects import ObjectOutcome, mark_invalid, violations_in
from ingest.validation import warm_validation

PARALLEL_FROM = 16
"""Graphs in one page from which validation runs in worker processes (each worker first loads the shapes)."""


class PageValidation:
    """Validates the graphs of one page after another; nothing invalid is stored."""

    def __init__(self, base: str, workers: int) -> None:
        self.base = base
        self.workers = min(workers, os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None

    def check(self, outcomes: list[ObjectOutcome]) -> None:
        todo = [o for o in outcomes if o.ntriples and o.error is None]
        if not todo:
            return
        texts, names = [o.ntriples for o in todo], [o.oparl_id for o in todo]
        if self._pool is None and (len(todo) < PARALLEL_FROM or self.workers < 2):
            reports = [violations_in(text, self.base, name) for text, name in zip(texts, names, strict=True)]
        else:
            reports = list(self._started().map(violations_in, texts, repeat(self.base), names, chunksize=4))
        for outcome, report in zip(todo, reports, strict=True):
            if report is not None:
                mark_invalid(outcome, report)

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: this process holds the store's database open
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=warm_validation, initargs=(self.base,)
            )
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
