"""The command line: options, exit codes, and calling the engine — nothing else.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage, configuration or
internal error.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

import click

from yeplint import __version__
from yeplint.locale.messages import LANGUAGES

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from yeplint.config.load import Inline
    from yeplint.config.settings import Settings
    from yeplint.engine.baseline import Baseline
    from yeplint.engine.fix import FixReport
    from yeplint.engine.hookrun import Share
    from yeplint.engine.linter import Linter
    from yeplint.engine.result import Result
    from yeplint.engine.session import Check

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C: 128 + SIGINT, as shells report it."""


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> NoReturn:
    click.echo(f"yeplint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _quiet_stdout() -> None:
    """The reader of stdout went away (``| head -1``): send what is left to /dev/null, so that
    neither the report nor the interpreter's final flush raises again."""

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class _Group(click.Group):
    """Turns an unexpected exception anywhere in a command into one line and exit code 2;
    ``--debug`` shows the traceback instead."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("yeplint: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(EXIT_USAGE)
        except Exception as exc:
            if "--debug" in sys.argv:
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (--debug shows the traceback)")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="yeplint")
def main() -> None:
    """A content linter for Markdown sites whose pages carry YAML front matter."""


if TYPE_CHECKING:  # generic in newer click releases; yeplint supports 8.1
    _ConfigType = click.ParamType[Path | Inline]
else:
    _ConfigType = click.ParamType


class _ConfigValue(_ConfigType):
    """A ``--config`` value, as ruff reads it: the configuration file at that path when there
    is one (a pipe too: ``--config <(…)``), else one TOML ``key = value`` line applied over
    the configuration (:func:`yeplint.config.load.parse_inline`)."""

    name = "config"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> Path | Inline:
        from yeplint.config.load import Inline, parse_inline
        from yeplint.config.settings import ConfigError

        if isinstance(value, (Path, Inline)):
            return value
        text = str(value)
        try:
            exists, folder = Path(text).exists(), Path(text).is_dir()
        except (OSError, ValueError):  # a TOML line longer than a file name may be
            exists = folder = False
        if folder:
            self.fail(f"`{text}` is a folder, not a configuration file", param, ctx)
        if exists:
            return Path(text)
        try:
            return parse_inline(text)
        except ConfigError as exc:
            self.fail(str(exc), param, ctx)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        """File names: the shell completes a path; a `key = value` line is typed."""
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type="file")]


def _config_parts(values: tuple[Path | Inline, ...]) -> tuple[Path | None, tuple[Inline, ...]]:
    """The configuration file among the ``--config`` values (at most one) and the inline
    overrides, in the order given."""
    files = [v for v in values if isinstance(v, Path)]
    if len(files) > 1:
        _fail(f"--config names {len(files)} configuration files; give one")
    return (files[0] if files else None), tuple(v for v in values if not isinstance(v, Path))


_SELECTION_KEYS = frozenset(
    ("select", "extend-select", "ignore", "per-file-ignores", "severity", "rule-options")
)


def _check_inline_selection(inline: tuple[Inline, ...]) -> None:
    """Each override that selects rules or sets their options, checked against the catalogue
    on its own, so that a wrong code or option is told as the override's (``--config
    `rule-options.YEP209.nope = 1```), not at a line of the configuration file it joins."""
    from yeplint.config.load import apply_inline
    from yeplint.config.settings import ConfigError, Settings

    for override in inline:
        if not _SELECTION_KEYS & set(override.table):
            continue  # the catalogue is imported only for an override that needs it
        from yeplint.engine.selection import resolve_selection

        try:
            resolve_selection(apply_inline(Settings(), [override]))
        except ConfigError as exc:
            _fail(f"--config `{override.text}`: {str(exc).removeprefix('configuration: ')}")


FORMATS = ["text", "concise", "json", "github", "sarif", "junit", "gitlab"]
PROGRESS_THRESHOLD = 200
"""Show a progress bar on a terminal from this many files on."""


def _selection_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options shared by ``check`` and ``baseline``: what to lint and with which config."""
    for option in reversed(
        [
            click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
            click.option("--select", multiple=True, help="Rules to run: codes, prefixes, names."),
            click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes, names."),
            click.option(
                "--config",
                type=_ConfigValue(),
                multiple=True,
                metavar="FILE | 'KEY = VALUE'",
                help="The configuration file, or one TOML `key = value` setting over the "
                "configuration's (`--config 'max-image-width = 2000'`, "
                "`--config 'rule-options.YEP209.punctuation = \".,;\"'`); repeatable.",
            ),
            click.option("--isolated", is_flag=True, help="Ignore all configuration files."),
            click.option(
                "--force-exclude",
                is_flag=True,
                help="Exclude files named on the command line too, as the configuration's "
                "`exclude` says (the pre-commit hooks use it).",
            ),
            click.option(
                "--extend-select",
                multiple=True,
                help="Rules to run besides those the configuration selects.",
            ),
            click.option(
                "--exclude",
                multiple=True,
                help="Globs of files to skip, instead of the configuration's `exclude`.",
            ),
            click.option(
                "--extend-exclude",
                multiple=True,
                help="Globs of files to skip besides the configuration's `exclude`.",
            ),
            click.option(
                "--per-file-ignores",
                multiple=True,
                metavar="GLOB:CODES",
                help="Rules to skip in matching files, added to the configuration's "
                "(`content/drafts/**:YEP2,YEP301`).",
            ),
            click.option(
                "--respect-gitignore/--no-respect-gitignore",
                default=None,
                help="Skip the files .gitignore ignores (default: the configuration's "
                "`respect-gitignore`).",
            ),
        ]
    ):
        command = option(command)
    return command


def _check_selectors(option: str, selectors: Iterable[str]) -> None:
    """Each selector given with ``option`` names a rule, a code prefix or ``ALL``, else a
    usage error that says where it was written (with the closest rule)."""
    from yeplint.rules.select import UnknownSelector, expand

    for selector in selectors:
        try:
            list(expand(selector))
        except UnknownSelector as exc:
            _fail(f"{option}: {exc}")


_cache_dir_option = click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="YEPLINT_CACHE_DIR",
    help="The cache's folder instead of .yeplint_cache/ in the project (also YEPLINT_CACHE_DIR).",
)


class Linted(NamedTuple):
    """What :func:`_lint` did: the run's result, the linter of its first site, the record of
    the pages checked for the other pre-commit hook, and per site its result and linter (the
    fixes of a page are checked by its own site's linter)."""

    result: Result
    linter: Linter
    hook: Share | None
    parts: list[tuple[Result, Linter]]


def _lint(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: tuple[Path | Inline, ...],
    isolated: bool,
    *,
    extend_select: tuple[str, ...] = (),
    changed_since: str | None = None,
    staged: bool = False,
    stdin_filename: str | None = None,
    stdin: bytes | None = None,
    progress: bool = False,
    jobs: int = 1,
    cache: bool = False,
    lang: str | None = None,
    share: bool = False,
    force_exclude: bool = False,
    overrides: tuple[dict[str, Any], dict[str, tuple[Any, ...]]] = ({}, {}),
    cache_dir: Path | None = None,
    frames: bool = True,
    echo_stdin: bool = False,
) -> Linted:
    """Lint what the options name (:mod:`yeplint.engine.session`), telling its notices on
    stderr in the reader's language, with a progress bar on a terminal for a large run; the
    paths of several sites each with its own site's settings (:func:`session.site_groups`).
    ``echo_stdin``: standard input is printed back when there is nothing to check (``--fix``
    on an excluded buffer, whose caller replaces the buffer with what it reads, as ruff)."""
    from yeplint.config.load import reader_language
    from yeplint.engine import session
    from yeplint.locale.messages import render

    def tell(notice: str, settings: Settings) -> None:
        click.echo(f"yeplint: {render(notice, reader_language(lang, settings))}", err=True)

    file, inline = _config_parts(config)
    _check_inline_selection(inline)
    _check_selectors("--select", _split(select))
    _check_selectors("--extend-select", _split(extend_select))
    _check_selectors("--ignore", _split(ignore))
    check = session.Check(
        paths,
        select=_split(select) or None,
        ignore=tuple(_split(ignore)),
        extend_select=tuple(_split(extend_select)),
        config=file,
        inline=inline,
        isolated=isolated,
        changed_since=changed_since,
        staged=staged,
        stdin_filename=stdin_filename,
        stdin=stdin,
        cache=cache,
        share=share,
        force_exclude=force_exclude,
        overrides=overrides[0],
        extends=overrides[1],
        cache_dir=cache_dir,
    )
    groups = session.site_groups(check)
    if len(groups) == 1:
        one = _lint_one(check, tell, progress, jobs, frames, echo_stdin, stdin)
        assert one is not None  # alone: nothing to check exits
        result, linter, hook = one
        return Linted(result, linter, hook, [(result, linter)])
    # several sites: each checked with its own conventions, one report (no hook record: the
    # other hook's run may group the pages otherwise)
    parts = [
        done[:2]
        for group in groups
        if (
            done := _lint_one(
                check._replace(paths=group, share=False), tell, progress, jobs, frames, alone=False
            )
        )
    ]
    if not parts:
        sys.exit(0)  # every page named is excluded (each site has told so)
    from yeplint.engine.result import Result

    merged = Result()
    for part, _ in parts:
        merged.merge(part)
    merged.diagnostics.sort(key=lambda d: d.sort_key)
    merged.finished = True
    return Linted(merged, parts[0][1], None, parts)


def _lint_one(
    check: Check,
    tell: Callable[[str, Settings], None],
    progress: bool,
    jobs: int,
    frames: bool,
    echo_stdin: bool = False,
    stdin: bytes | None = None,
    *,
    alone: bool = True,
) -> tuple[Result, Linter, Share | None] | None:
    """One group of :func:`_lint`: its settings, targets, run and conclusion; ``None`` for a
    site whose every page named is excluded when other sites are checked (not ``alone``)."""
    from yeplint.config.settings import ConfigError
    from yeplint.engine import session
    from yeplint.engine.linter import tune_gc

    try:
        prepared = session.prepare(check, tell, sys.stdin.buffer.read)
    except session.UsageError as exc:
        _fail(str(exc))
    except session.NothingToCheck:
        if not alone:
            return None
        if echo_stdin and stdin is not None:
            sys.stdout.buffer.write(stdin)  # `--fix` on an excluded buffer: it stays as it is
            sys.stdout.flush()
        sys.exit(0)
    linter, targets = prepared.linter, prepared.targets
    linter.frames = frames
    tune_gc()
    try:
        if progress and len(targets) >= PROGRESS_THRESHOLD and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            with Progress(console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task("Checking", total=len(targets))
                result = session.run(
                    linter, targets, progress=lambda n: bar.advance(task, n), jobs=jobs
                )
        else:
            result = session.run(linter, targets, data=prepared.data, jobs=jobs)
    except ConfigError as exc:
        _fail(str(exc))
    return session.conclude(prepared, result, tell), linter, prepared.hook


def _overrides(
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    per_file_ignores: tuple[str, ...],
    respect_gitignore: bool | None,
) -> tuple[dict[str, Any], dict[str, tuple[Any, ...]]]:
    """The settings the selection options set instead of the configuration's, and those they
    add to it, checked as the configuration's own values are (a bad glob, a `!` pattern, a
    `GLOB:CODES` without codes or with a code that names no rule is a usage error)."""
    from yeplint.config.load import check_excludes, check_glob
    from yeplint.config.settings import ConfigError

    instead: dict[str, Any] = {}
    added: dict[str, tuple[Any, ...]] = {}
    try:
        check_excludes((*_split(exclude), *_split(extend_exclude)), "--exclude")
        for item in per_file_ignores:
            check_glob(item.rpartition(":")[0] or item, "--per-file-ignores")
    except ConfigError as exc:
        _fail(str(exc))
    if exclude:
        instead["exclude"] = tuple(_split(exclude))
    if respect_gitignore is not None:
        instead["respect_gitignore"] = respect_gitignore
    if extend_exclude:
        added["exclude"] = tuple(_split(extend_exclude))
    pairs = []
    for item in per_file_ignores:
        glob, _, codes = item.rpartition(":")
        if not glob or not _split((codes,)):
            _fail(f"--per-file-ignores: `{item}` is not GLOB:CODES (`content/drafts/**:YEP2`)")
        pairs.append((glob, tuple(_split((codes,)))))
        _check_selectors("--per-file-ignores", pairs[-1][1])
    if pairs:
        added["per_file_ignores"] = tuple(pairs)
    return instead, added


def _say_what_ran(result: Result, linter: Linter, seconds: float) -> None:
    """``-v``: the configuration used, how many files and rules, how long it took."""
    settings = linter.settings
    source = settings.config_file or settings.detected or "no configuration file: the defaults"
    click.echo(f"yeplint: configuration: {source}", err=True)
    click.echo(
        f"yeplint: {result.files_checked} files checked with {len(linter.rules)} rules"
        f" in {seconds:.2f} s{' (cache on)' if linter.cache is not None else ''}",
        err=True,
    )


def _load_baseline(path: Path) -> Baseline:
    from yeplint.engine.baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as exc:
        _fail(str(exc))


def _show_settings(
    paths: tuple[Path, ...], config: tuple[Path | Inline, ...], isolated: bool
) -> None:
    """``--show-settings``: the configuration the run would use, as TOML."""
    from yeplint.config.load import describe, load_settings
    from yeplint.config.settings import ConfigError

    try:
        checked = list(paths) or [Path()]
        file, inline = _config_parts(config)
        settings = load_settings(config=file, isolated=isolated, paths=checked, inline=inline)
        lines = describe(settings, inline)
    except ConfigError as exc:
        _fail(str(exc))
    click.echo("\n".join(lines))


def _show_files(paths: tuple[Path, ...], config: tuple[Path | Inline, ...], isolated: bool) -> None:
    """``--show-files``: each file discovery finds, with the collection (and schema) that the
    collection globs give it, as ``path<TAB>collection<TAB>schema``."""
    from yeplint.config.load import load_settings
    from yeplint.config.settings import ConfigError
    from yeplint.engine.linter import Linter
    from yeplint.engine.session import nothing_found
    from yeplint.site.discovery import DiscoveryError, discover

    try:
        checked = list(paths) or [Path()]
        file, inline = _config_parts(config)
        settings = load_settings(config=file, isolated=isolated, paths=checked, inline=inline)
        targets = discover(list(paths) or [Path()], settings)
    except (ConfigError, DiscoveryError) as exc:
        _fail(str(exc))
    if not targets:
        _fail(nothing_found(list(paths) or [Path()], settings))
    linter = Linter(settings)
    for target in targets:
        collection = linter.collection_for(target)
        name = collection.name if collection else "-"
        schema = (collection.schema if collection else None) or "-"
        click.echo(f"{target.display}\t{name}\t{schema}")


def _tell_left_out(hook: Share | None, lang: str) -> int:
    """Name the pages left to the other hook that have errors: this hook fails on them too
    (exit 1), without printing them again. The exit code they call for."""
    from yeplint.locale.messages import msgn, render

    if hook is None:
        return 0
    for path, count in sorted(hook.errors_elsewhere.items()):
        told = msgn(
            "{path}: {count} error, reported by the other yeplint hook (not repeated here)",
            "{path}: {count} errors, reported by the other yeplint hook (not repeated here)",
            count,
            path=path,
        )
        click.echo(f"yeplint: {render(told, lang)}", err=True)
    return 1 if hook.errors_elsewhere else 0


@main.command()
@_selection_options
@click.option(
    "--output-format",
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    envvar="YEPLINT_OUTPUT_FORMAT",
    help="Output format (`--format` is the same; also YEPLINT_OUTPUT_FORMAT).",
)
@click.option(
    "-o",
    "--output-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option(
    "--severity",
    "shown_severity",
    type=click.Choice(["error", "warning"]),
    default="warning",
    help="The least severe problems shown: `error` shows only errors.",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only problems not recorded in this file (see `yeplint baseline`).",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Only pages changed since a git ref, and the image, link and translation problems "
    "of pages referencing images or pages changed or deleted since then.",
)
@click.option(
    "--staged",
    is_flag=True,
    help="Like --changed-since, for what is staged for the next commit (the pre-commit hook).",
)
@click.option("--stdin-filename", metavar="PATH", help="Lint standard input as this file.")
@click.option("--warnings-as-errors", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes, then report what is left.")
@click.option(
    "--unsafe-fixes", is_flag=True, help="With --fix or --diff: also the fixes that change content."
)
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a diff; write nothing.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write .yeplint_cache/ (see docs).")
@_cache_dir_option
@click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="With --fix: exit 1 when a file was changed, even if no problem is left.",
)
@click.option(
    "-v", "--verbose", is_flag=True, help="Say what the run does (settings, files, time)."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for large trees (default: the number of CPUs).",
)
@click.option("--show-source/--no-show-source", default=True, help="Show the offending line.")
@click.option("--statistics", is_flag=True, help="Count problems per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Only the problems, no frames or hints.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    help="Colour the text output (NO_COLOR and FORCE_COLOR are honoured).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of messages and hints (default: `lang` in the configuration, else the locale).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the resolved configuration and where each value came from; check nothing.",
)
@click.option(
    "--show-files",
    is_flag=True,
    help="List the files that would be checked, each with its collection and schema; check none.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Check again on every change to a page, image or configuration file (the `watch` extra).",
)
def check(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: tuple[Path | Inline, ...],
    isolated: bool,
    force_exclude: bool,
    extend_select: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    per_file_ignores: tuple[str, ...],
    respect_gitignore: bool | None,
    output_format: str,
    output_file: Path | None,
    baseline_file: Path | None,
    changed_since: str | None,
    staged: bool,
    stdin_filename: str | None,
    warnings_as_errors: bool,
    exit_zero: bool,
    shown_severity: str,
    fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    no_cache: bool,
    cache_dir: Path | None,
    exit_non_zero_on_fix: bool,
    verbose: bool,
    jobs: int | None,
    show_source: bool,
    statistics: bool,
    quiet: bool,
    color: str,
    lang: str | None,
    debug: bool,
    show_settings: bool,
    show_files: bool,
    watch: bool,
) -> None:
    """Check Markdown files (default: the current folder; `-` reads standard input)."""
    started = time.perf_counter()
    if paths == (Path("-"),):
        paths = ()
        stdin_filename = stdin_filename or "stdin.md"
    elif Path("-") in paths:
        _fail("`-` (standard input) is checked alone")
    elif paths and stdin_filename is not None and not watch:
        for path in paths:  # as ruff: the paths are not checked, and the writer is told so
            click.echo(f"yeplint: ignoring {path} in favour of standard input", err=True)
        paths = ()
    if watch:
        if stdin_filename is not None:
            _fail("--watch and --stdin-filename cannot be used together")
        _watch(click.get_current_context(), paths)
        return
    if show_settings:
        _show_settings(paths, config, isolated)
        return
    if show_files:
        _show_files(paths, config, isolated)
        return
    from yeplint.config.load import reader_language
    from yeplint.engine.parallel import default_jobs
    from yeplint.report import ReportOptions, reporter

    if staged and changed_since is not None:
        _fail("--staged and --changed-since cannot be used together")
    known = _load_baseline(baseline_file) if baseline_file is not None else None

    stdin = sys.stdin.buffer.read() if stdin_filename is not None else None
    shows_all = not (
        select
        or ignore
        or exit_zero
        or shown_severity != "warning"
        or baseline_file
        or output_file
        or warnings_as_errors
        or fix
        or show_diff
        or statistics
        or stdin_filename is not None
    )  # a run that shows less (or changes pages) may not vouch for a page to the other hook
    result, linter, hook, parts = _lint(
        paths,
        select,
        ignore,
        config,
        isolated,
        changed_since=changed_since,
        staged=staged,
        stdin_filename=stdin_filename,
        stdin=stdin,
        progress=output_file is not None or output_format == "text",
        jobs=jobs or default_jobs(),
        cache=not no_cache,
        lang=lang,
        share=shows_all,
        force_exclude=force_exclude,
        extend_select=extend_select,
        overrides=_overrides(exclude, extend_exclude, per_file_ignores, respect_gitignore),
        cache_dir=cache_dir,
        frames=output_format == "text" and show_source and not quiet and not statistics,
        echo_stdin=fix and not show_diff,
    )
    if verbose:
        _say_what_ran(result, linter, time.perf_counter() - started)
    lang = reader_language(lang, linter.settings)
    changed = False

    def verdict(code: int, warnings: int) -> int:
        """The exit code once the flags that judge problems have spoken."""
        if code == 0 and warnings_as_errors and warnings:
            code = 1
        if code == 0 and exit_non_zero_on_fix and changed:
            code = 1  # a file was changed: the commit a hook guards must be made again
        if exit_zero and code == 1:
            code = 0  # problems are reported, not fatal; usage and internal errors still are
        return code

    if (fix or show_diff) and stdin is not None:
        code, changed, warnings = _fix_stdin(
            result, linter, stdin, unsafe=unsafe_fixes, diff=show_diff, lang=lang
        )
        sys.exit(verdict(code, warnings))
    elif show_diff:
        code = _print_diff(_run_fixes(parts, unsafe=unsafe_fixes, write=False), lang)
        sys.exit(code if code == 2 or not exit_zero else 0)
    elif fix:
        fixed = _run_fixes(parts, unsafe=unsafe_fixes, write=True)
        _merge_fixes(result, fixed)
        _tell_fixed(fixed, lang)
        changed = fixed.fixed_files > 0
    if known is not None:
        from yeplint.engine.baseline import apply

        result.diagnostics, result.baselined = apply(result.diagnostics, known)
    if shown_severity == "error":
        result.diagnostics = [d for d in result.diagnostics if d.severity.value == "error"]
    result.diagnostics = [d.localized(lang) for d in result.diagnostics]
    options = ReportOptions(
        show_source=show_source,
        # a report file is never coloured unless asked (FORCE_COLOR is for the terminal, as ruff)
        color={"auto": None if output_file is None else False, "always": True, "never": False}[
            color
        ],
        quiet=quiet,
        statistics=statistics,
        lang=lang,
    )
    report = reporter(output_format)
    if output_file is not None:
        try:
            with output_file.open("w", encoding="utf-8") as handle:
                report(result, handle, options)
        except OSError as exc:
            _fail(f"cannot write {output_file}: {exc.strerror}")
    else:
        try:
            report(result, sys.stdout, options)
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_stdout()  # `yeplint check | head -1`: the verdict still is the exit code
    if debug:
        for trace in result.tracebacks:
            click.echo(trace, err=True)
    sys.exit(verdict(max(result.exit_code, _tell_left_out(hook, lang)), result.warnings))


def _watch(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check, then check again each time a page, an image or a configuration file changes
    (the cache makes that re-lint only the changed files and the pages depending on them);
    :mod:`yeplint.engine.watch`."""
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        _fail("--watch needs watchfiles: pip install 'yeplint[watch]'")
    from yeplint.engine.watch import run

    options = {**ctx.params, "watch": False}
    planned = {**options, "config": _config_parts(options["config"])[0]}  # the file to watch
    run(paths, planned, lambda: ctx.invoke(check, **options), _fail)


def _run_fixes(parts: list[tuple[Result, Linter]], *, unsafe: bool, write: bool) -> FixReport:
    """The fixes of every site's pages, each checked again by its own site's linter."""
    from yeplint.engine.fix import FixReport, fix_files

    report = FixReport()
    for result, linter in parts:
        part = fix_files(
            result.diagnostics,
            result.files,
            linter.lint_bytes,
            unsafe=unsafe,
            write=write,
            limit=linter.settings.max_file_size,
            formats=linter.settings.front_matter,
        )
        report.fixed_files += part.fixed_files
        report.fixed_problems += part.fixed_problems
        report.changes += part.changes
        report.diagnostics.update(part.diagnostics)
        report.refused += part.refused
    return report


def _merge_fixes(result: Result, fixed: FixReport) -> None:
    """The run's diagnostics with those of every file the fixer read replaced by what is left
    after its fixes, and a diagnostic for each file whose fixes were not applied."""
    if not fixed.diagnostics and not fixed.refused:
        return
    kept = [d for d in result.diagnostics if d.path not in fixed.diagnostics]
    for diagnostics in fixed.diagnostics.values():
        kept.extend(diagnostics)
    kept.extend(fixed.refused)
    result.diagnostics = sorted(kept, key=lambda d: d.sort_key)
    from yeplint.document.source import split_lines
    from yeplint.engine.linter import pointed_at

    for change in fixed.changes:
        text = change.after.decode("utf-8", "replace").removeprefix("\ufeff")
        pointing = [*fixed.diagnostics.get(change.display, []), *fixed.refused]
        result.sources[change.display] = pointed_at(
            split_lines(text), [d for d in pointing if d.path == change.display]
        )


def _print_diff(fixed: FixReport, lang: str) -> int:
    """``--diff``: the changes on stdout; the exit code: 1 when anything would change or
    cannot be."""
    from yeplint.engine.fix import unified_diff

    for change in fixed.changes:
        click.echo(unified_diff(change), nl=False)
    for refused in fixed.refused:
        click.echo(f"{refused.path}: {refused.localized(lang).message}", err=True)
    _tell_fixed(fixed, lang, would=True)
    return 1 if fixed.changes or fixed.refused else 0


def _tell_fixed(fixed: FixReport, lang: str, *, would: bool = False) -> None:
    """``yeplint: fixed 3 problems in 2 files`` on stderr, when anything was (or would be)."""
    from yeplint.locale.messages import msgn, render

    if not fixed.fixed_problems:
        return
    files = msgn("{count} file", "{count} files", fixed.fixed_files)
    if would:
        told = msgn(
            "would apply {count} fix in {files}",
            "would apply {count} fixes in {files}",
            fixed.fixed_problems,
            files=files,
        )
    else:
        told = msgn(
            "fixed {count} problem in {files}",
            "fixed {count} problems in {files}",
            fixed.fixed_problems,
            files=files,
        )
    click.echo(f"yeplint: {render(told, lang)}", err=True)


def _fix_stdin(
    result: Result, linter: Linter, original: bytes, *, unsafe: bool, diff: bool, lang: str
) -> tuple[int, bool, int]:
    """``--fix`` on standard input prints the fixed text (``--diff``: the diff) to stdout and
    the problems left to stderr, as ruff does; the file itself is never written. The exit
    code before the flags that judge problems, whether the text changed, and the warnings
    left (none counted for ``--diff``)."""
    from yeplint.engine.fix import FileChange, fix_bytes, unified_diff
    from yeplint.report import ReportOptions, reporter

    display, target = next(iter(result.files.items()))
    fixed, diagnostics, _, problem = fix_bytes(
        target, original, linter.lint_bytes, unsafe, linter.settings.front_matter
    )
    result.diagnostics = [d.localized(lang) for d in diagnostics]
    if problem is not None:
        click.echo(f"yeplint: {display}: fix skipped: {problem}", err=True)
    if diff:
        change = FileChange(display, original, fixed)
        click.echo(unified_diff(change), nl=False)
        return (1 if fixed != original or problem else 0), False, 0
    sys.stdout.buffer.write(fixed)
    sys.stdout.flush()
    reporter("concise")(result, sys.stderr, ReportOptions(show_source=False))
    if problem is None and result.internal_errors:
        return 2, fixed != original, result.warnings
    return (1 if result.errors or problem else 0), fixed != original, result.warnings


@main.command("baseline")
@_selection_options
@click.option(
    "-o",
    "--output-file",
    "--output",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=".yeplint-baseline.json",
    show_default=True,
    help="The baseline file to write (`--output` is the same).",
)
def baseline_command(
    paths: tuple[Path, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: tuple[Path | Inline, ...],
    isolated: bool,
    force_exclude: bool,
    extend_select: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    per_file_ignores: tuple[str, ...],
    respect_gitignore: bool | None,
    output: Path,
) -> None:
    """Record today's problems, so that `check --baseline` fails only on new ones."""
    from yeplint.engine import baseline
    from yeplint.engine.parallel import default_jobs

    overrides = _overrides(exclude, extend_exclude, per_file_ignores, respect_gitignore)
    result = _lint(
        paths,
        select,
        ignore,
        config,
        isolated,
        extend_select=extend_select,
        jobs=default_jobs(),
        force_exclude=force_exclude,
        overrides=overrides,
    ).result
    try:
        baseline.write(output, result.diagnostics)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror}")
    click.echo(
        f"Recorded {len(result.diagnostics)} problems in {result.files_checked} files to {output}."
    )
    sys.exit(2 if result.internal_errors else 0)


@main.command("clean")
@click.argument("path", required=False, type=click.Path(path_type=Path, file_okay=False))
@_cache_dir_option
def clean_command(path: Path | None, cache_dir: Path | None) -> None:
    """Remove the cache (`.yeplint_cache/` in the project, or --cache-dir)."""
    import shutil

    from yeplint.config.load import load_settings
    from yeplint.config.settings import ConfigError
    from yeplint.engine.cache import DIRECTORY

    if cache_dir is None:
        try:
            settings = load_settings(paths=[path or Path()])
        except ConfigError as exc:
            _fail(str(exc))
        cache_dir = (settings.root or path or Path()) / DIRECTORY
    if not (cache_dir / ".gitignore").is_file() and not any(cache_dir.glob("*.sqlite")):
        click.echo(f"yeplint: no cache at {cache_dir}", err=True)
        return
    shutil.rmtree(cache_dir)
    click.echo(f"yeplint: removed {cache_dir}", err=True)


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def rules_command(output_format: str) -> None:
    """List every rule: code, name, default severity and summary."""
    import json

    from yeplint.rules.catalogue import all_rules

    rules = all_rules()
    if output_format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity.value,
                "fixable": r.fixable,
                "fix": r.fix_kind,
                "summary": r.summary,
            }
            for r in rules
        ]
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{'code':6}  {'name':<28} {'default':<8} {'fix':<6} summary")
    for r in rules:
        click.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.fix_kind:<6} {r.summary}")


@main.command("rule")
@click.argument("key")
def rule_command(key: str) -> None:
    """Show the documentation of one rule, by code or name."""
    from yeplint.rules.catalogue import find

    found = find(key)
    if found is None:
        from yeplint.rules.select import close_selector

        close = close_selector(key)
        _fail(
            f"no rule `{key}`"
            + (f"; did you mean `{close}`?" if close else "; `yeplint rules` lists them")
        )
    fixable = ""
    if found.fixable:
        fixable = (
            ", fixable with --fix --unsafe-fixes" if found.unsafe_fix else ", fixable with --fix"
        )
    click.echo(f"# {found.code} {found.name} (default: {found.severity.value}{fixable})\n")
    click.echo(found.doc)


@main.command("init")
@click.argument(
    "content", type=click.Path(path_type=Path, file_okay=False, exists=True), default="."
)
@click.option(
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    help="Where yeplint.toml and schemas/ are written.",
)
@click.option("--force", is_flag=True, help="Overwrite files that differ.")
def init_command(content: Path, output_dir: Path, force: bool) -> None:
    """Infer yeplint.toml and JSON Schemas from an existing content tree."""
    from yeplint.site.infer import InitError, run_init

    try:
        lines = run_init(content, output_dir, force=force)
    except InitError as exc:
        _fail(str(exc))
    for line in lines:
        click.echo(line)


@main.command("server")
def server_command() -> None:
    """Run the language server on stdio (needs the `lsp` extra: pip install 'yeplint[lsp]')."""
    try:
        from yeplint.server.main import main as serve
    except ImportError as exc:
        _fail(
            f"the language server needs pygls and lsprotocol ({exc.name} is missing): "
            "pip install 'yeplint[lsp]'"
        )
    serve()
