"""Warm runs (issue 29, item 4's "Done when"): a run with nothing changed answers every page from
the cache, with as few trips to the cache file as batches of pages, and says exactly what a
cold run says, before and after one file changes. Counted (parses, queries), never timed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

from yeplint.cli import main


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


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "content", "--format", "concise", *args])
    return result.exit_code, result.output


def test_an_image_in_a_folder_that_is_not_there_is_answered_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str], aged: None
) -> None:
    """The folder a missing image was looked for in does not exist: the nearest folder above
    it that does is what the result depends on (it was never cached, linted on every run)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text("# Kop\n\n![Een foto](fotos/2024/foto.jpg)\n")
    missing = check()
    assert missing[0] == 1
    assert "fotos/2024/foto.jpg" in missing[1]
    assert parses == ["post.md"]
    parses.clear()
    assert check() == missing
    assert parses == []
    (tmp_path / "content" / "fotos" / "2024").mkdir(parents=True)
    Image.new("RGB", (10, 10)).save(tmp_path / "content" / "fotos" / "2024" / "foto.jpg")
    assert check() == (0, "")
    assert parses == ["post.md"]
