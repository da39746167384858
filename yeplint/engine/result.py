"""What a run found: the problems, the files checked, what the report and the next steps need;
:meth:`Result.merge` joins the parts of a parallel run."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any

from yeplint import record
from yeplint.diagnostics import Diagnostic, Severity
from yeplint.site.discovery import Target


@record(frozen=False)
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    internal_errors: int = 0
    tracebacks: list[str] = field(default_factory=list)
    sources: dict[str, dict[int, str]] = field(default_factory=dict)
    """Per file with problems, the source lines they point at (by 1-based number), for the
    text report's code frames; only those lines, so a large run's memory stays flat."""
    """The lines of each file that has diagnostics, for code frames."""
    cache_updates: dict[str, Any] = field(default_factory=dict)
    """New cache entries made by a worker, for the parent to save."""
    baselined: int = 0
    """Problems hidden because the baseline records them."""
    paths: list[str] = field(default_factory=list)
    """Every file checked, in order (for per-file reports such as JUnit)."""
    files: dict[str, Target] = field(default_factory=dict)
    """The target behind each display path (for ``--fix``)."""
    notices: list[str] = field(default_factory=list)
    """Things the run had to do differently, for the command line to tell (on stderr)."""
    referenced: set[Path | str] = field(default_factory=set)
    """Every file a checked page references (for the orphan check): its path, or the path's
    text (a cached page's, re-checked by stamps, makes no ``Path``)."""
    shown: set[str] = field(default_factory=set)
    """Every image file a checked page shows (for YEP402's last pass)."""
    linked: list[tuple[str, Diagnostic]] = field(default_factory=list)
    """The text links to an image file, with that file: reported when no page shows it."""
    templated: list[bool | None] = field(default_factory=list)
    """A worker's chunk: whether each of its pages, in order, has template syntax (``None``:
    not known), for the parent's orphan check (:attr:`yeplint.site.index.SiteIndex.templated`);
    not merged, the parent puts it in its site index under its own paths."""
    finished: bool = False

    def __init__(
        self,
        diagnostics: list[Diagnostic] | None = None,
        files_checked: int = 0,
        internal_errors: int = 0,
        tracebacks: list[str] | None = None,
        sources: dict[str, dict[int, str]] | None = None,
        cache_updates: dict[str, Any] | None = None,
        baselined: int = 0,
        paths: list[str] | None = None,
        files: dict[str, Target] | None = None,
        notices: list[str] | None = None,
        referenced: set[Path | str] | None = None,
        shown: set[str] | None = None,
        linked: list[tuple[str, Diagnostic]] | None = None,
        templated: list[bool | None] | None = None,
        finished: bool = False,
    ) -> None:
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.files_checked = files_checked
        self.internal_errors = internal_errors
        self.tracebacks = [] if tracebacks is None else tracebacks
        self.sources = {} if sources is None else sources
        self.cache_updates = {} if cache_updates is None else cache_updates
        self.baselined = baselined
        self.paths = [] if paths is None else paths
        self.files = {} if files is None else files
        self.notices = [] if notices is None else notices
        self.referenced = set() if referenced is None else referenced
        self.shown = set() if shown is None else shown
        self.linked = [] if linked is None else linked
        self.templated = [] if templated is None else templated
        self.finished = finished

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def exit_code(self) -> int:
        if self.internal_errors:
            return 2
        return 1 if self.errors else 0

    def merge(self, part: Result) -> None:
        """Add the result of another part of the same run (a parallel worker's chunk): its
        problems, files and notices; the run's order is restored by the one who finishes it."""
        self.diagnostics.extend(part.diagnostics)
        self.files_checked += part.files_checked
        self.internal_errors += part.internal_errors
        self.tracebacks.extend(part.tracebacks)
        self.sources.update(part.sources)
        self.paths.extend(part.paths)
        self.files.update(part.files)
        self.notices += [n for n in part.notices if n not in self.notices]
        self.referenced |= part.referenced
        self.shown |= part.shown
        self.linked.extend(part.linked)
