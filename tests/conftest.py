from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from yeplint.config.load import preset_settings
from yeplint.config.settings import Settings
from yeplint.diagnostics import Diagnostic
from yeplint.engine.fix import FixReport, fix_files
from yeplint.engine.linter import Linter
from yeplint.site.discovery import discover

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_SITE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "yep-site"
UPDATE = os.environ.get("YEPLINT_UPDATE_SNAPSHOTS") == "1"

for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
    os.environ.pop(_name, None)  # messages in English whatever the developer's locale
os.environ["LC_ALL"] = "C.UTF-8"
YEP = preset_settings("yep-trainingen")
"""The rule fixtures are pages of a Yep-like site: its collections and schemas."""

LintFn = Callable[..., list[Diagnostic]]


def lint_paths(
    paths: list[Path], root: Path, select: list[str] | None = None, settings: Settings | None = None
) -> list[Diagnostic]:
    settings = settings or YEP
    if settings.root is None:
        # As if a config file sat at ``root``: the fixtures live inside this git checkout,
        # whose work tree would otherwise be the content root.
        settings = replace(settings, root=root)
    linter = Linter(settings, select=select)
    targets = discover(paths, settings, cwd=root)
    return linter.run(targets).diagnostics


def fix_paths(
    paths: list[Path],
    root: Path,
    *,
    unsafe: bool = False,
    write: bool = True,
    settings: Settings | None = None,
) -> FixReport:
    """Lint ``paths`` and run the fixer on the result, as ``check --fix`` does."""
    settings = replace(settings or YEP, root=root)
    linter = Linter(settings)
    result = linter.run(discover(paths, settings, cwd=root))
    return fix_files(
        result.diagnostics,
        result.files,
        linter.lint_bytes,
        unsafe=unsafe,
        write=write,
        formats=settings.front_matter,
    )


@pytest.fixture
def lint(tmp_path: Path) -> LintFn:
    """Write ``text`` to ``name`` under a fresh content root and lint it."""

    def run(
        text: str | bytes,
        name: str = "blog/post.nl.md",
        select: list[str] | None = None,
        settings: Settings | None = None,
    ) -> list[Diagnostic]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
        return lint_paths([path], tmp_path, select, settings)

    return run


def shared_site() -> Path:
    content = SHARED_SITE / "content"
    if not content.is_dir():
        pytest.skip("../shared/corpus/yep-site is not present")
    return content


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the pages the engine parses."""
    from yeplint.document.post import load_text as real

    parsed: list[str] = []

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        parsed.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr("yeplint.engine.linter.load_text", counting)
    return parsed


@pytest.fixture
def aged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stamps seconds old are trusted (the racy-stamp rule has its own tests)."""
    monkeypatch.setattr("yeplint.engine.cache.RACY_NS", 0)
    monkeypatch.setattr("yeplint.site.index.RACY_NS", 0)
