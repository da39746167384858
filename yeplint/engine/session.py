"""One run from a list of targets to a result: in this process, or spread over worker processes
(:mod:`.parallel`) when there are jobs and files enough; that is the run's decision, not the
linter's. Either way the result is finished once, by the linter that stands for the whole run
(orphan images, notices, the order of the problems)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from yeplint.engine.parallel import PARALLEL_MIN, run_parallel

if TYPE_CHECKING:
    from yeplint.engine.linter import Linter
    from yeplint.engine.result import Result
    from yeplint.site.discovery import Target


def run(
    linter: Linter,
    targets: Iterable[Target],
    *,
    data: bytes | None = None,
    progress: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> Result:
    """Lint every target; ``data`` stands in for the content of a single target (stdin)."""
    targets = list(targets)
    if jobs > 1 and data is None and len(targets) >= PARALLEL_MIN:
        return linter.finish(run_parallel(linter, targets, jobs, progress))
    return linter.run(targets, data=data, progress=progress)
