"""Golden output, in English and Dutch, of the rules the engine and the fixer report around the
rules (YEP000, YEP012, YEP013, YEP016, YEP501), which have no fixture of their own."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from tests.conftest import UPDATE, fix_paths, lint_paths
from yeplint.config.settings import Settings
from yeplint.diagnostics import Diagnostic, Violation
from yeplint.document.post import Post
from yeplint.rules.context import Context

GOLDEN = Path(__file__).parent / "golden"


def _shown(diagnostics: list[Diagnostic], lang: str) -> str:
    lines = []
    for d in sorted(diagnostics, key=lambda d: d.sort_key):
        d = d.localized(lang)
        lines.append(f"{d.path}:{d.line}:{d.column} {d.code} {d.message}")
        if d.hint:
            lines.append(f"    {d.hint}")
    return "\n".join(lines) + "\n"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks and permissions")
def test_the_engines_own_problems_in_both_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yeplint.rules.catalogue import RULES, all_rules

    all_rules()  # registers the rules

    def crash(post: Post, ctx: Context) -> list[Violation]:
        raise RuntimeError("kapot")

    monkeypatch.setitem(RULES, "YEP210", dataclasses.replace(RULES["YEP210"], check=crash))
    (tmp_path / "groot.md").write_text("x" * 3000 + "\n")  # YEP013
    (tmp_path / "los.jpg").write_bytes(b"\xff\xd8\xff")  # YEP501: no page uses it
    (tmp_path / "weg.md").symlink_to("bestaat-niet.md")  # YEP012: a broken symlink
    (tmp_path / "kop.md").write_text("## Tot slot:\n")  # YEP000: the crashing rule
    (tmp_path / "alleen-lezen.md").write_text("##Kop\n")
    (tmp_path / "alleen-lezen.md").chmod(0o444)  # YEP016: --fix may not write it
    settings = Settings(max_file_size=2000, root=tmp_path)
    found = lint_paths([tmp_path, tmp_path / "weg.md"], tmp_path, settings=settings)
    found = [d for d in found if d.code in ("YEP000", "YEP012", "YEP013", "YEP501")]
    found += fix_paths([tmp_path / "alleen-lezen.md"], tmp_path, settings=settings).refused
    assert sorted({d.code for d in found}) == ["YEP000", "YEP012", "YEP013", "YEP016", "YEP501"]
    for lang in ("en", "nl"):
        actual = _shown(found, lang)
        golden = GOLDEN / f"engine.{lang}.txt"
        if UPDATE or not golden.exists():
            golden.write_text(actual, encoding="utf-8")
        assert actual == golden.read_text(encoding="utf-8")
