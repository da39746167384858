"""One ``check``, from the options to a result.

:func:`prepare` reads the settings, builds the linter (its rules resolved against the
catalogue), opens the cache and finds what to lint: the standard input as one page, or the
pages discovery finds, narrowed to what a change touches (``--changed-since``, ``--staged``)
and to what the other pre-commit hook of the run did not check. :func:`run` lints them in this
process, or spread over worker processes (:mod:`.parallel`) when there are jobs and files
enough: the run's decision, not the linter's; either way the result is finished once, by the
linter that stands for the whole run (orphan images, notices, the order of the problems).
:func:`conclude` keeps in pages nobody changed only what the change broke, records the pages
checked for the other hook, and saves the cache. What the run has to tell goes through a
callback (the command line prints it in the reader's language); a wrong option or
configuration is a :class:`UsageError`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from yeplint import record
from yeplint.config.settings import ConfigError, Settings
from yeplint.engine.parallel import PARALLEL_MIN, run_parallel

if TYPE_CHECKING:
    from yeplint.config.load import Inline
    from yeplint.engine.changes import Selection
    from yeplint.engine.hookrun import Share
    from yeplint.engine.linter import Linter
    from yeplint.engine.result import Result
    from yeplint.site.discovery import Target

Tell = Callable[[str, Settings], None]
"""How the run tells the writer something (a notice): its text and the run's settings (whose
``lang`` the reader's language may come from)."""


class UsageError(Exception):
    """A check that cannot run as asked: a wrong option, path, ref or configuration (exit 2)."""


class NothingToCheck(Exception):
    """Every file named is one the configuration excludes (``--force-exclude``, as pre-commit
    passes them): nothing to check, and nothing wrong (exit 0; the notice is told first)."""


REFERENCE_RULES = ("YEP3", "YEP4", "YEP5")
"""The rules that resolve a page's images, links and anchors, translations and addresses as
the site serves them: the only ones the generator notices (a computed configuration value, a
link render hook, heading ids yeplint cannot make) speak of."""

_NONE: Mapping[str, Any] = MappingProxyType({})
"""No overrides (a ``NamedTuple`` default is shared: read-only)."""


class Check(NamedTuple):
    """What one ``yeplint check`` is asked to lint."""

    paths: tuple[Path, ...]
    select: list[str] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    """The command line's ``--select``, ``--ignore`` and ``--extend-select``: a layer of
    selection above the configuration's (:mod:`yeplint.rules.select`)."""
    config: Path | None = None
    inline: tuple[Inline, ...] = ()
    """The ``--config 'key = value'`` overrides, applied over the configuration."""
    isolated: bool = False
    changed_since: str | None = None
    staged: bool = False
    stdin_filename: str | None = None
    stdin: bytes | None = None
    cache: bool = False
    share: bool = False
    """Under pre-commit, leave out and record the pages the other yeplint hook checks (only
    for a run that shows every problem)."""
    force_exclude: bool = False
    """A file named on the command line is still excluded by the configuration's ``exclude``."""
    cache_dir: Path | None = None
    """Where the cache lives instead of ``<project>/.yeplint_cache``."""
    overrides: Mapping[str, Any] = _NONE
    """Settings the command line sets instead of the configuration's (``--exclude``), by field."""
    extends: Mapping[str, tuple[Any, ...]] = _NONE
    """Values the command line adds to the configuration's (``--extend-exclude``), by field."""


@record(frozen=False)
class Prepared:
    """A check ready to run: its settings, linter and targets."""

    settings: Settings
    linter: Linter
    targets: list[Target]
    data: bytes | None = None
    """The standard input, standing in for the one target's content."""
    selection: Selection | None = None
    hook: Share | None = None


def site_groups(check: Check) -> list[tuple[Path, ...]]:
    """The named paths in one group per site, for a run that no configuration governs (no
    ``--config``, no ``--isolated``, no ``yeplint.toml`` above the working folder): each group
    is checked with its own site's conventions, so that one site's rules never reach another
    site's pages (``yeplint check hugo-site/ jekyll-site/``; pre-commit in a repository that
    holds two sites). A folder with several sites below it stands for each of them and for
    the pages below it that a site's signature claims (the Yep site's preset), as the one site
    below a folder stands for it (:attr:`Settings.site_below`). One group, the paths as
    named, when they all belong to one site (or to none)."""
    named = check.paths or (Path(),)
    if check.config is not None or check.isolated or check.stdin_filename is not None:
        return [check.paths]
    from yeplint.config.load import find_config, site_root

    if find_config(Path.cwd().resolve()) is not None:
        return [check.paths]
    groups: dict[Path | None, list[Path]] = {}
    roots: dict[tuple[Path, bool], Path | None] = {}
    work = [(path, True) for path in named]
    while work:
        path, given = work.pop(0)
        is_dir = path.is_dir()
        folder = path.resolve() if is_dir else path.resolve().parent
        if (folder, is_dir) not in roots:
            roots[folder, is_dir] = site_root(path)
        root = roots[folder, is_dir]
        if root is None and is_dir and (split := _sites_below(path)):
            sites, rest = split
            for site in sites:
                groups.setdefault(site.resolve(), []).append(site)
            work[:0] = [(page, False) for page in rest]
            continue
        if given or root is not None:
            # a page below the folder outside every site is not checked, as beside the one
            # site below a folder (Settings.site_below); the Yep site's have its preset
            groups.setdefault(root, []).append(path)
    if len(groups) < 2:
        return [check.paths]
    return [tuple(paths) for paths in groups.values()]


def _sites_below(folder: Path) -> tuple[list[Path], list[Path]] | None:
    """A folder with several sites below it: each site's folder (as the folder was named:
    ``corpus/hugo-docs``), and the pages outside every site; ``None`` when fewer than two
    sites are below it."""
    from yeplint.config.generators import detect_below
    from yeplint.config.load import UNCONFIGURED
    from yeplint.site.discovery import discover

    base = folder.resolve()
    found = [site for _, site in detect_below(base)]
    if len(found) < 2:
        return None
    rest = [
        t.path
        for t in discover([folder], Settings(include=UNCONFIGURED))
        if not any(t.path.resolve().is_relative_to(site) for site in found)
    ]
    return [folder / site.relative_to(base) for site in found], rest


def prepare(check: Check, tell: Tell, read_stdin: Callable[[], bytes]) -> Prepared:
    """The settings, the linter and the targets of ``check``; :class:`UsageError` when it
    cannot run."""
    from yeplint.config.load import load_settings
    from yeplint.engine.linter import Linter
    from yeplint.rules.select import UnknownSelector
    from yeplint.site.discovery import (
        DiscoveryError,
        Target,
        discover,
        display_path,
        named_excluded,
    )

    try:
        checked = [Path(check.stdin_filename)] if check.stdin_filename is not None else []
        checked = checked or list(check.paths) or [Path()]
        settings = load_settings(
            config=check.config, isolated=check.isolated, paths=checked, inline=check.inline
        )
        if check.overrides or check.extends:
            added = {k: (*getattr(settings, k), *v) for k, v in check.extends.items()}
            settings = replace(settings, **{**check.overrides, **added})
        linter = Linter(
            settings, select=check.select, ignore=check.ignore, extend_select=check.extend_select
        )
        if settings.detected:
            tell(settings.detected, settings)
        if any(code.startswith(REFERENCE_RULES) for code in linter.enabled):
            # what the site's configuration leaves unjudged concerns its images and links only
            if settings.slug_notice:
                tell(settings.slug_notice, settings)
            from yeplint.site.urls import hugo_notice

            if notice := hugo_notice(settings):
                tell(notice, settings)
            for notice in settings.generator_notices:
                tell(notice, settings)
        linter.check_schemas()
        if check.cache and check.stdin_filename is None:
            from yeplint.engine.cache import Cache

            root = settings.root or Path.cwd()
            linter.cache = Cache.open(root, linter.cache_key(), check.cache_dir)
            if linter.cache.notice:
                tell(linter.cache.notice, settings)
        if check.stdin_filename is not None:
            cwd = Path.cwd()
            path = Path(os.path.normpath(cwd / check.stdin_filename))
            target = Target(path, display_path(path, cwd), settings.root or cwd)
            if check.force_exclude and named_excluded(path, target.root, settings):
                tell(all_excluded([path]), settings)  # an editor's buffer of an excluded page
                raise NothingToCheck
            data = check.stdin if check.stdin is not None else read_stdin()
            return Prepared(settings, linter, [target], data)
        notices: list[str] = []
        excluded: list[Path] = []
        named = list(check.paths) or [Path()]
        targets = linter.stored_targets(named)
        if targets is None:
            targets = discover(
                named,
                settings,
                notices=notices,
                force_exclude=check.force_exclude,
                excluded=excluded,
                unreadable=True,
            )
        for notice in notices:
            tell(notice, settings)
        if not targets and excluded and len(excluded) == len(named):
            tell(all_excluded(excluded), settings)
            raise NothingToCheck
        if not targets:
            raise UsageError(nothing_found(named, settings))
        prepared = Prepared(settings, linter, targets)
        if check.changed_since is not None or check.staged:
            ref = None if check.staged else check.changed_since
            prepared.selection = _changed(targets, ref, settings, tell)
            prepared.targets = prepared.selection.targets
        if check.share:
            prepared.hook = _share_with_the_other_hook(linter)
        if prepared.hook is not None:
            dependents = prepared.selection.dependents if prepared.selection else ()
            prepared.targets = prepared.hook.leave_out(prepared.targets, dependents)
        return prepared
    except (ConfigError, DiscoveryError, UnknownSelector) as exc:
        raise UsageError(str(exc)) from None


def conclude(prepared: Prepared, result: Result, tell: Tell) -> Result:
    """What follows the run: in a page nobody changed only what the change broke, the pages
    checked recorded for the other hook, the notices told, the cache saved."""
    if prepared.selection is not None:
        keeps = prepared.selection.keeps
        result.diagnostics = [d for d in result.diagnostics if keeps(d, result.files)]
    if prepared.hook is not None:
        prepared.hook.remember(result.diagnostics)
    for notice in result.notices:
        tell(notice, prepared.settings)
    cache = prepared.linter.cache
    if cache is not None:
        cache.save()
        cache.close()
    return result


def all_excluded(paths: list[Path]) -> str:
    """The notice for a run whose every named file the configuration excludes."""
    from yeplint.locale.messages import msgn

    return msgn(
        "the file named is excluded by the configuration (`exclude`): nothing to check",
        "the {count} files named are excluded by the configuration (`exclude`): nothing to check",
        len(paths),
    )


def nothing_found(paths: list[Path], settings: Settings) -> str:
    """Why a run would check no file (a typo in the path, pages the include does not name):
    CI must not pass on that as if all were well."""
    where = ", ".join(str(p) for p in paths)
    said = f"include = {list(settings.include)}"
    if settings.exclude:
        said += f", exclude = {list(settings.exclude)}"
    return f"no Markdown files found under {where} ({said}); nothing was checked"


def _share_with_the_other_hook(linter: Linter) -> Share | None:
    """Under pre-commit: this run's part in the record of the pages the two yeplint hooks
    check (:mod:`yeplint.engine.hookrun`), kept apart per configuration and resolved rules."""
    if os.environ.get("PRE_COMMIT") != "1":
        return None  # outside pre-commit: no key, so neither the cache module nor hashlib
    from yeplint.engine.hookrun import share

    return share(Path.cwd(), linter.cache_key())


def _changed(targets: list[Target], ref: str | None, settings: Settings, tell: Tell) -> Selection:
    """The pages the change touches (:mod:`yeplint.engine.changes`); a submodule that changed
    but whose pages cannot be seen is named, so that no one takes its pages for checked."""
    from yeplint.engine.changes import ChangesError, select_changed
    from yeplint.locale.messages import msg
    from yeplint.site.discovery import display_path

    cwd = Path.cwd()
    try:
        selection = select_changed(targets, ref, cwd, settings)
    except ChangesError as exc:
        raise UsageError(str(exc)) from None
    for folder in selection.unchecked:
        told = msg(
            "submodule `{path}` changed, but its pages were not checked: it is not checked out at "
            "the commit recorded for it (`git submodule update`)",
            path=display_path(folder, cwd),
        )
        tell(told, settings)
    return selection


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
        # a warm run reads the cache: one process does it faster than starting workers
        changed = len(targets) - linter.unchanged_pages(targets)
        if changed >= PARALLEL_MIN:
            return linter.finish(run_parallel(linter, targets, jobs, progress))
    return linter.run(targets, data=data, progress=progress)
