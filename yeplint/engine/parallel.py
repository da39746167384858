"""Parallel workers for large trees: contiguous chunks of the sorted targets, so the posts of a
folder (and the images they share) mostly land in the same worker; large chunks first and ever
smaller ones towards the end, so that the workers finish together. The parent does its own
share of the run (the whole-site checks that need no page's findings) while they lint.

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
SHARE = 2
"""Each part is at most ``1 / (jobs * SHARE)`` of the targets not yet handed out."""
CHUNK_MIN = 25
"""The smallest chunk handed out at the end of a run (each costs the worker ~1 ms more)."""
CHUNK_MAX = 500
"""Most files in one chunk: a chunk's results (problems, the lines they point at, new cache
rows) are held by its worker and then by the parent until merged, so large trees are cut
finer (6,250-post chunks of the real Yep pages held ~100 MB more while the cache filled)."""

_worker: Linter | None = None
_targets: list[Target] = []
"""In a forked worker, the run's targets (a chunk is sent as the bounds of its slice: a
5,000-page run pickled and unpickled ~30 ms of targets)."""
_kept: object = None
"""In a forked worker, the parent's cache: dropped, its SQLite connection would be closed in
the worker, which SQLite forbids for a connection made before the fork."""


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init(
    parent: int,
    inherited: tuple[Linter, list[Target]] | None,
    settings: Settings | None = None,
    select: list[str] | None = None,
    ignore: Iterable[str] = (),
    share: SiteShare | None = None,
    extend_select: Iterable[str] = (),
) -> None:
    """Set up a worker: a forked one lints with the parent's own linter as it was at the fork
    (what it knows of the site, the collection of each page, the schemas it read); another
    builds one from the settings and the site index the parent built. A forked worker has the
    run's targets too: its chunks come as the bounds of a slice of them."""
    global _worker, _kept, _targets
    from yeplint.engine.linter import Linter

    _bind_to_parent(parent)
    if inherited is not None:
        _worker, _targets = inherited
        _kept = _worker.cache  # the parent's connection: never closed from here
        return
    assert settings is not None
    _worker = Linter(settings, select=select, ignore=ignore, extend_select=extend_select)
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


def _work(chunk: list[Target] | tuple[int, int], cache: Cache | None) -> Result:
    """Lint one chunk, reading the cache on the worker's own connection; its new rows go
    back to the parent, which writes them. The chunk's files are not sent back: the parent
    has them (:func:`_merge`)."""
    assert _worker is not None
    _worker.cache = cache
    _worker.whole_run = False  # a chunk is never the whole site: the parent looks for orphans
    targets = _targets[chunk[0] : chunk[1]] if isinstance(chunk, tuple) else chunk
    try:
        result = _worker.run(targets)
    finally:
        if cache is not None:
            cache.close()  # a connection is freed only by the cyclic GC otherwise (~1.4 MB)
    if cache is not None:
        result.cache_updates = cache.updates
    result.paths, result.files = [], {}
    if not _worker.frames:
        result.sources = {}  # in the cache's rows all the same: only the report reads them
    flags = _worker.site.templated  # for the parent's orphan check: not kept here
    result.templated = [flags.get(t.path) for t in targets]  # its paths: the parent has them
    _worker.site.templated = {}
    _worker.trim_anchors()
    for resolver in _worker.site.resolvers.values():
        resolver.referenced.clear()  # sent with this chunk: the next one sends only its own
    return result


def _merge(merged: Result, part: Result, chunk: list[Target]) -> None:
    """A worker's result for ``chunk`` into ``merged``, with the chunk's files (which the
    worker leaves out), in the order the worker checked them."""
    part.paths = [t.display for t in chunk]
    part.files = {t.display: t for t in chunk}
    merged.merge(part)


def guided(items: list[T], jobs: int) -> list[list[T]]:
    """``items`` cut into contiguous parts, each a share of what is left (at most
    ``CHUNK_MAX``, at least ``CHUNK_MIN``): the first parts large, the last ones small, so that
    no worker is left with a large part while the others have nothing to do."""
    parts: list[list[T]] = []
    start = 0
    while start < len(items):
        left = len(items) - start
        size = min(CHUNK_MAX, max(CHUNK_MIN, -(-left // (max(jobs, 1) * SHARE))))
        parts.append(items[start : start + size])
        start += size
    return parts


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
    select, ignore, extend_select = linter.selection
    merged = Result()
    share = linter.site_share(targets)  # the site index, built once here
    forked = context.get_start_method() == "fork"
    initargs = (
        (os.getpid(), (linter, targets))  # a fork's arguments are not pickled: it inherits them
        if forked
        else (os.getpid(), None, linter.settings, select, ignore, share, extend_select)
    )
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init, initargs=initargs)
    try:
        parts = guided(targets, jobs)
        cache = linter.cache
        futures = deque(
            (part, pool.submit(_work, bounds if forked else part, _for_worker(cache)))
            for part, bounds in zip(parts, _bounds(parts), strict=True)
        )
        linter.prepare_finish(targets)  # while the workers lint
        while futures:  # each result is let go once merged (a finished future keeps it)
            chunk, future = futures.popleft()
            part = future.result()
            del future
            _merge(merged, part, chunk)
            for target, flag in zip(chunk, part.templated, strict=True):
                if flag is not None:
                    linter.site.templated[target.path] = flag
            if linter.cache is not None:
                linter.cache.merge(part.cache_updates)
            if progress is not None:
                progress(len(chunk))
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


def _bounds(parts: list[list[T]]) -> list[tuple[int, int]]:
    """Where each of ``parts`` starts and stops in the list they were cut from."""
    found, start = [], 0
    for part in parts:
        found.append((start, start + len(part)))
        start += len(part)
    return found


def _for_worker(cache: Cache | None) -> Cache | None:
    return cache.for_worker() if cache is not None else None


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now (Ctrl-C, a broken worker): nothing they would still do matters."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)
