"""The command line: options, exit codes, and calling the engine — nothing else.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage, configuration or
internal error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

import click

from yeplint import __version__

EXIT_USAGE = 2


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> None:
    click.echo(f"yeplint: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="yeplint")
def main() -> None:
    """A content linter for Markdown sites whose pages carry YAML front matter."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "concise", "json", "github", "sarif", "junit", "gitlab"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--select", multiple=True, help="Rules to run: codes, prefixes (YEP2) or names.")
@click.option("--ignore", multiple=True, help="Rules to skip: codes, prefixes or names.")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--output-file", type=click.Path(path_type=Path, dir_okay=False), help="Write here.")
@click.option("--show-source/--no-show-source", default=True, help="Show the offending line.")
@click.option("--statistics", is_flag=True, help="Count problems per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Only the problems, no frames or hints.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    help="Colour the text output.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def check(
    paths: tuple[Path, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config: Path | None,
    isolated: bool,
    output_file: Path | None,
    show_source: bool,
    statistics: bool,
    quiet: bool,
    color: str,
    debug: bool,
) -> None:
    """Check Markdown files (default: the current folder)."""
    from yeplint.config import ConfigError, load_settings
    from yeplint.discovery import DiscoveryError, discover
    from yeplint.engine import Linter, tune_gc
    from yeplint.registry import UnknownSelector
    from yeplint.report import ReportOptions, reporter

    try:
        settings = load_settings(config=config, isolated=isolated)
        linter = Linter(
            settings,
            select=_split(select) or None,
            ignore=_split(ignore),
        )
        linter.check_schemas()
        targets = discover(list(paths) or [Path()], settings)
    except (ConfigError, DiscoveryError, UnknownSelector) as exc:
        _fail(str(exc))
        return
    tune_gc()
    result = linter.run(targets)
    options = ReportOptions(
        show_source=show_source,
        color={"auto": None, "always": True, "never": False}[color],
        quiet=quiet,
        statistics=statistics,
    )
    report = reporter(output_format)
    if output_file is not None:
        try:
            with output_file.open("w", encoding="utf-8") as handle:
                report(result, handle, options)
        except OSError as exc:
            _fail(f"cannot write {output_file}: {exc.strerror}")
    else:
        report(result, _stdout(), options)
    if debug:
        for trace in result.tracebacks:
            click.echo(trace, err=True)
    sys.exit(result.exit_code)


def _stdout() -> TextIO:
    return sys.stdout


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def rules_command(output_format: str) -> None:
    """List every rule: code, name, default severity and summary."""
    import json

    from yeplint.registry import all_rules

    rules = all_rules()
    if output_format == "json":
        data = [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary}
            for r in rules
        ]
        click.echo(json.dumps(data, indent=2))
        return
    for r in rules:
        click.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.summary}")


@main.command("rule")
@click.argument("key")
def rule_command(key: str) -> None:
    """Show the documentation of one rule, by code or name."""
    from yeplint.registry import find

    found = find(key)
    if found is None:
        _fail(f"no rule `{key}`; `yeplint rules` lists them")
        return
    click.echo(f"# {found.code} {found.name} (default: {found.severity.value})\n")
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
    from yeplint.init import InitError, run_init

    try:
        lines = run_init(content, output_dir, force=force)
    except InitError as exc:
        _fail(str(exc))
        return
    for line in lines:
        click.echo(line)
