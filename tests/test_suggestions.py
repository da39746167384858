"""A "did you mean" travels as data: a display-only fix on the diagnostic
(:mod:`yeplint.rules.suggest`), which the language server offers as a quick fix instead of
reading it back out of the hint's text. ``--fix`` never applies it, and the machine reports
leave it out (their output is what it was)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from tests.conftest import LintFn
from yeplint.cli import main
from yeplint.diagnostics import Edit, Span

LINE = "Zie [waarom](#waarom-grenze) en ![Groep](./groep-foto.jpg)."
PAGE = f"---\ntitle: Grenzen\n---\n\n{LINE}\n\n## Waarom grenzen\n"


def _at(written: str) -> Span:
    """Where ``written`` stands on line 5."""
    column = LINE.index(written) + 1
    return Span(5, column, 5, column + len(written))


def _site(tmp_path: Path) -> Path:
    blog = tmp_path / "blog"
    blog.mkdir(parents=True)
    Image.new("RGB", (4, 4)).save(blog / "groepsfoto.jpg", "JPEG")
    return blog


def test_a_did_you_mean_is_a_display_only_fix(tmp_path: Path, lint: LintFn) -> None:
    _site(tmp_path)
    found = {d.code: d for d in lint(PAGE, select=["YEP301", "YEP404"])}
    image, anchor = found["YEP301"], found["YEP404"]
    assert image.suggestion is not None and image.suggestion.applicability == "display"
    assert image.suggestion.edits == (Edit(_at("./groep-foto.jpg"), "./groepsfoto.jpg"),)
    assert anchor.suggestion is not None
    assert anchor.suggestion.edits == (Edit(_at("#waarom-grenze"), "#waarom-grenzen"),)
    assert image.fix is None and anchor.fix is None  # a guess is never a fix


def test_fix_leaves_suggestions_alone_and_reports_leave_them_out(
    tmp_path: Path,
) -> None:
    blog = _site(tmp_path)
    page = blog / "grenzen.nl.md"
    page.write_text(PAGE)
    runner = CliRunner()
    args = ["check", str(tmp_path), "--isolated", "--no-cache", "--select", "YEP301,YEP404"]
    fixed = runner.invoke(main, [*args, "--fix", "--unsafe-fixes"])
    assert fixed.exit_code == 1, fixed.output
    assert page.read_text() == PAGE
    report = runner.invoke(main, [*args, "--output-format", "json"])
    problems = json.loads(report.stdout)["diagnostics"]
    assert [p["code"] for p in problems] == ["YEP404", "YEP301"]
    assert all(p["fix"] is None and "suggestion" not in p for p in problems)
