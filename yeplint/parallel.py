"""Parallel workers for large trees: contiguous chunks of the sorted targets, so the posts of a
folder (and the images they share) mostly land in the same worker.

Small runs (pre-commit's 1-3 files) never start a worker: below ``PARALLEL_MIN`` files the
linter runs in-process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from yeplint.cache import Cache
    from yeplint.config import Settings
    from yeplint.discovery import Target
    from yeplint.engine import Linter, Result

T = TypeVar("T")

PARALLEL_MIN = 200
"""Fewer files than this are linted in-process: starting workers costs ~50 ms."""
CHUNKS_PER_JOB = 4

_worker: Linter | None = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init(settings: Settings, select: list[str] | None, ignore: list[str]) -> None:
    global _worker
    from yeplint.engine import Linter

    _worker = Linter(settings, select=select, ignore=ignore)


def _work(chunk: list[Target], cache: Cache | None) -> Result:
    """Lint one chunk with the cache entries of its files only (not the whole cache)."""
    assert _worker is not None
    _worker.cache = cache
    result = _worker.run(chunk)
    if cache is not None:
        result.cache_updates = cache.updates
    return result


def chunks(items: list[T], count: int) -> list[list[T]]:
    """``items`` cut into at most ``count`` contiguous parts of near-equal size."""
    size = max(1, -(-len(items) // max(count, 1)))
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_parallel(
    linter: Linter,
    targets: list[Target],
    jobs: int,
    progress: Callable[[int], None] | None = None,
) -> Result:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from yeplint.engine import Result

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    select, ignore = linter.selection
    merged = Result()
    with ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_init,
        initargs=(linter.settings, select, ignore),
    ) as pool:
        parts: Iterable[list[Target]] = chunks(targets, jobs * CHUNKS_PER_JOB)
        cache = linter.cache
        futures = [
            (
                len(part),
                pool.submit(
                    _work, part, cache.subset([str(t.path) for t in part]) if cache else None
                ),
            )
            for part in parts
        ]
        for size, future in futures:
            part = future.result()
            merged.diagnostics.extend(part.diagnostics)
            merged.files_checked += part.files_checked
            merged.internal_errors += part.internal_errors
            merged.tracebacks.extend(part.tracebacks)
            merged.sources.update(part.sources)
            merged.paths.extend(part.paths)
            merged.files.update(part.files)
            if linter.cache is not None:
                linter.cache.updates.update(part.cache_updates)
            if progress is not None:
                progress(size)
    merged.diagnostics.sort(key=lambda d: d.sort_key)
    return merged
