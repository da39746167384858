"""``yeplint check --watch``: check, then check again on every change, for a whole session.

One ``watchfiles.watch()`` generator serves many checks. Its Rust thread records changes
while a check runs, so a page saved during a check starts the next one; a watcher opened
after each check would never see it. A watcher is opened, and ready, before the check that
follows it: whatever is saved after that check read the files is queued.

What is watched (a :class:`Plan`, made again after every change, so settings are re-read):
the checked paths, the static folders images are found in, the configuration file and every
schema file it names (with the files their ``$ref``s pull in), wherever they are. A checked
folder that is not there (a branch switch removed it) is watched through its nearest existing
ancestor inside the project until it comes back; the writer is told once.

The watcher is replaced only when the plan's roots change, or when a watched root itself was
removed or replaced: an editor that saves by renaming a new file over the configuration gives
it a new inode, which the old inotify watch never reports on again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
import watchfiles

from yeplint.config.settings import PAGE_SUFFIXES
from yeplint.locale.messages import Message, msg, render
from yeplint.site.files import IMAGE_SUFFIXES

if TYPE_CHECKING:
    from yeplint.config.settings import Settings

WATCHED_SUFFIXES = (*PAGE_SUFFIXES, ".toml", ".json", ".pdf")
"""Besides images: pages, and the TOML and JSON files a page's check may read."""
WANTED = (*WATCHED_SUFFIXES, *IMAGE_SUFFIXES)
DEBOUNCE_MS = 300
"""Changes arriving within this time of each other start one check (a save is several)."""
TICK_MS = 100
"""How long the watcher waits before handing back an empty batch. Opening a watcher waits
one tick, so that it is watching before the check it follows starts."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What one state of the project asks to watch, and which changes count."""

    roots: tuple[Path, ...]
    """Existing files and folders handed to watchfiles, none inside another (sorted)."""
    scopes: tuple[Path, ...]
    """Checked paths and static folders: pages and images under them count."""
    files: frozenset[Path]
    """The configuration and schema files: they count whatever their name."""
    missing: tuple[Path, ...]
    """Checked paths that do not exist now, as the writer gave them."""
    awaited: tuple[Path, ...]
    """The same, absolute: a change to one of them, or to a folder on the way, counts."""
    ignored: frozenset[Path]
    """Files the check itself writes (the ``--output-file`` report): never a reason to check."""
    lang: str

    def relevant(self, change: watchfiles.Change, path: str) -> bool:
        """Whether a change to ``path`` may change the report (or the plan)."""
        changed = Path(path)
        if changed in self.ignored or ".yeplint_cache" in changed.parts:
            return False
        if changed in self.files or changed in self.roots:
            return True
        if any(_within(changed, gone) or _within(gone, changed) for gone in self.awaited):
            return True  # the folder waited for, or one on the way to it, is back
        return changed.name.lower().endswith(WANTED) and any(
            _within(changed, scope) for scope in self.scopes
        )

    def replaced(self, changes: Iterable[tuple[watchfiles.Change, str]]) -> bool:
        """Whether a root was removed or replaced, which ends its watch."""
        return any(
            change != watchfiles.Change.modified and Path(path) in self.roots
            for change, path in changes
        )


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def make_plan(
    paths: Sequence[Path],
    *,
    config: Path | None,
    isolated: bool,
    lang: str | None,
    output: Path | None,
    previous: Plan | None = None,
) -> Plan:
    """The plan for the project as it is now. A configuration or schema that cannot be read
    (it is being edited) keeps the files the previous plan watched besides those found: the
    check reports what is wrong, and the fix must be seen."""
    from yeplint.config.load import load_settings, reader_language
    from yeplint.config.settings import ConfigError, Settings

    checked = list(paths) or [Path()]
    try:
        settings: Settings | None = load_settings(config=config, isolated=isolated, paths=checked)
    except (ConfigError, OSError):
        settings = None
    files, complete = _configuration_files(settings) if settings is not None else (set(), False)
    if not complete:
        files |= previous.files if previous is not None else _config_candidate(config, isolated)
    cwd = Path.cwd().resolve()
    project = settings.root.resolve() if settings is not None and settings.root else cwd
    statics = [
        (project / static).resolve()
        for static in (settings.static_roots if settings is not None else ())
    ]
    here = [(path, path.resolve()) for path in checked]
    gone = [(given, path) for given, path in here if not path.exists()]
    waits = [_existing_ancestor(path, (project, cwd)) for _, path in gone]
    scopes = [path for _, path in here if path.exists()] + [s for s in statics if s.is_dir()]
    watched = [*scopes, *(f for f in files if f.exists()), *(w for w in waits if w is not None)]
    return Plan(
        roots=_outermost(watched),
        scopes=tuple(scopes),
        files=frozenset(files),
        missing=tuple(given for given, _ in gone),
        awaited=tuple(path for _, path in gone),
        ignored=frozenset({output.resolve()} if output is not None else ()),
        lang=reader_language(lang, settings or Settings()),
    )


def _configuration_files(settings: Settings) -> tuple[set[Path], bool]:
    """The configuration file and every schema file its collections name, with the local
    files their ``$ref``s pull in (a built-in schema is none of the project's files); and
    whether every schema could be read, so that none of them is missing from the list."""
    from yeplint.config.page_schemas import load_schema
    from yeplint.config.settings import ConfigError

    found = {settings.config_file.resolve()} if settings.config_file is not None else set()
    complete = True
    for collection in settings.collections:
        if collection.schema is None:
            continue
        try:
            schema = load_schema(collection)
        except ConfigError:  # not there, or not JSON yet: the check says so
            found.add((Path(collection.base or ".") / collection.schema).resolve())
            complete = False
            continue
        if schema.source.startswith("built-in:"):
            continue
        source = Path(schema.source).resolve()
        found.add(source)
        found.update((source.parent / linked).resolve() for linked in schema.linked)
    return found, complete


def _config_candidate(config: Path | None, isolated: bool) -> frozenset[Path]:
    """With no readable settings and no earlier plan: the configuration file the run would
    read, found as :func:`yeplint.config.load.find_config` finds it but without reading it."""
    if isolated:
        return frozenset()
    if config is not None:
        return frozenset({config.resolve()})
    start = Path.cwd().resolve()
    for folder in (start, *start.parents):
        for name in ("yeplint.toml", "pyproject.toml"):
            if (folder / name).is_file():
                return frozenset({folder / name})
    return frozenset()


def _existing_ancestor(path: Path, projects: Sequence[Path]) -> Path | None:
    """The nearest folder above ``path`` that exists, if it is inside one of ``projects``:
    never a watch on the whole disk for a path that is gone."""
    for folder in path.parents:
        if not any(_within(folder, project) for project in projects):
            return None
        if folder.is_dir():
            return folder
    return None


def _outermost(paths: Iterable[Path]) -> tuple[Path, ...]:
    """``paths`` less those inside another one (watchfiles watches folders recursively)."""
    kept: list[Path] = []
    for path in sorted(set(paths), key=lambda p: len(p.parts)):
        if not any(_within(path, outer) for outer in kept):
            kept.append(path)
    return tuple(sorted(kept))


class Watcher:
    """One ``watchfiles.watch()`` generator, kept across checks. Its filter asks the current
    plan, so a plan with other files or scopes but the same roots needs no new watcher."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.roots = plan.roots
        self._batches = watchfiles.watch(
            *plan.roots,
            watch_filter=lambda change, path: self.plan.relevant(change, path),
            debounce=DEBOUNCE_MS,
            rust_timeout=TICK_MS,
            yield_on_timeout=True,
        )
        next(self._batches)  # the generator opens its watch on the first request; a batch
        # this early is older than the check that follows, which reads the files anyway

    def changes(self) -> set[tuple[watchfiles.Change, str]]:
        """The next batch of relevant changes (waits for one)."""
        return next(batch for batch in self._batches if batch)

    def close(self) -> None:
        self._batches.close()


def run(
    paths: tuple[Path, ...],
    options: Mapping[str, Any],
    check_once: Callable[[], None],
    fail: Callable[[str], NoReturn],
) -> None:
    """Check (``check_once``, whose exit is caught), wait for a change, check again, until
    Ctrl-C (which ends the run as anywhere else in yeplint: exit code 130). ``options`` are the
    check's: ``config``, ``isolated``, ``lang`` and ``output_file`` decide what is watched."""

    def plan_now(previous: Plan | None = None) -> Plan:
        return make_plan(
            paths,
            config=options["config"],
            isolated=options["isolated"],
            lang=options["lang"],
            output=options["output_file"],
            previous=previous,
        )

    plan = plan_now()
    if not plan.roots:
        fail(f"cannot watch {', '.join(map(str, plan.missing))}: not there, nor a folder above")
    watcher = Watcher(plan)
    announced: set[Path] = set()
    try:
        while True:
            if plan.missing:
                new = [path for path in plan.missing if path not in announced]
                if new:  # once per disappearance: the report on screen is of files now gone
                    click.clear()
                for path in new:
                    _say(
                        msg("waiting for {folder} (it does not exist now)", folder=str(path)), plan
                    )
                announced = set(plan.missing)
            else:
                announced = set()
                click.clear()
                with contextlib.suppress(SystemExit):  # each check's exit code: keep watching
                    check_once()
                _say(msg("watching for changes (Ctrl-C stops)"), plan)
            changes = watcher.changes()
            plan = plan_now(plan)
            if plan.roots != watcher.roots or watcher.plan.replaced(changes):
                watcher.close()
                watcher = Watcher(plan)
            watcher.plan = plan
    finally:
        watcher.close()


def _say(told: Message, plan: Plan) -> None:
    click.echo(f"yeplint: {render(told, plan.lang)}", err=True)
