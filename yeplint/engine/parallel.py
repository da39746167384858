"""Parallel workers for large trees: contiguous chunks of the sorted targets, so the posts of a
folder (and the images they share) mostly land in the same worker.

Small runs (pre-commit's 1-3 files) never start a worker: below ``PARALLEL_MIN`` files the
linter runs in-process.
"""

from __future__ import annotations

import errno
import os
from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from yeplint.config.settings import Settings
    from yeplint.engine.cache import Cache
    from yeplint.engine.linter import Linter
    from yeplint.engine.result import Result
    from yeplint.site.discovery import Target
    from yeplint.site.index import SiteShare

T = TypeVar("T")

PARALLEL_MIN = 200
"""Fewer files than this are linted in-process: starting workers costs ~50 ms."""
CHUNKS_PER_JOB = 4
CHUNK_MAX = 500
"""Most files in one chunk: a chunk's results (problems, the lines they point at, new cache
rows) are held by its worker and then by the parent until merged, so large trees are cut
finer (6,250-post chunks of the real Yep pages held ~100 MB more while the cache filled)."""

_worker: Linter | None = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init(
    settings: Settings,
    select: list[str] | None,
    ignore: list[str],
    parent: int,
    share: SiteShare | None = None,
) -> None:
    global _worker
    from yeplint.engine.linter import Linter

    _bind_to_parent(parent)
    _worker = Linter(settings, select=select, ignore=ignore)
    if share is not None:
        _worker.site.adopt(share)


def _bind_to_parent(parent: int) -> None:
    """A worker never outlives the run: it dies with its parent (Linux's parent-death signal,
    and a watchdog thread everywhere, for a parent killed with SIGKILL), and leaves Ctrl-C to
    the parent, which stops the pool and exits 130."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the signal was set up
        os._exit(1)

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="yeplint-parent-watch", daemon=True).start()


def _work(chunk: list[Target], cache: Cache | None) -> Result:
    """Lint one chunk, reading the cache on the worker's own connection; its new rows go
    back to the parent, which writes them."""
    assert _worker is not None
    _worker.cache = cache
    _worker.whole_run = False  # a chunk is never the whole site: the parent looks for orphans
    try:
        result = _worker.run(chunk)
    finally:
        if cache is not None:
            cache.close()  # a connection is freed only by the cyclic GC otherwise (~1.4 MB)
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

    from yeplint.engine.result import Result

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    select, ignore = linter.selection
    merged = Result()
    pool = ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_init,
        # the site index, built once here: forked workers inherit it as it is
        initargs=(linter.settings, select, ignore, os.getpid(), linter.site_share(targets)),
    )
    try:
        count = max(jobs * CHUNKS_PER_JOB, -(-len(targets) // CHUNK_MAX))
        parts: Iterable[list[Target]] = chunks(targets, count)
        cache = linter.cache
        futures = deque(
            (len(part), pool.submit(_work, part, cache.for_worker() if cache else None))
            for part in parts
        )
        while futures:  # each result is let go once merged (a finished future keeps it)
            size, future = futures.popleft()
            part = future.result()
            del future
            merged.merge(part)
            if linter.cache is not None:
                linter.cache.merge(part.cache_updates)
            if progress is not None:
                progress(size)
    except OSError as exc:
        _stop(pool)
        if exc.errno not in (errno.EMFILE, errno.ENFILE, errno.EAGAIN, errno.ENOMEM):
            raise
        result = linter.run(targets, progress=progress)
        result.notices.append(
            f"cannot start {jobs} worker processes ({exc.strerror}); checked in one process"
        )
        return result
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()
    merged.diagnostics.sort(key=lambda d: d.sort_key)
    return merged


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now (Ctrl-C, a broken worker): nothing they would still do matters."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
