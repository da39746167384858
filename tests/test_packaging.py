"""The files other tools read: pre-commit hooks, the built-in schemas."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from yeplint.schemas import builtin_names

ROOT = Path(__file__).resolve().parents[1]


def test_pre_commit_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"yeplint", "yeplint-content"}
    assert hooks["yeplint"]["types_or"] == ["markdown"]
    assert hooks["yeplint"]["require_serial"] is True
    content = hooks["yeplint-content"]
    assert content["pass_filenames"] is False
    for name in ("post.md", "a.jpeg", "b.png", "c.webp", "d.svg", "e.gif", "f.jpg"):
        assert re.search(content["files"], name), name
    assert all("minimum_pre_commit_version" in h for h in hooks.values())


def test_builtin_schemas_are_the_schemas_folder() -> None:
    on_disk = sorted(p.name.removesuffix(".schema.json") for p in (ROOT / "schemas").glob("*.json"))
    assert builtin_names() == on_disk == ["blog", "coaching", "fallback", "team", "trainingen"]
