"""--fix applies the safe fixes, keeps every other byte (line endings, BOM), and reports what
is left."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from yeplint.cli import main

POST = (
    "---\ntitle: Netwerken\nimg: Foto.JPG\nalt: Twee collega's\ndate: '2018-3-26'\n"
    "intro: Over netwerken.\ncategories:\n  - Effectiviteit\nenglish_title: Networking\n---\n\n"
    "##Waarom netwerken?\n\n##   Hoe begin je\n\n![Een zaal](beelden\\zaal.jpg)\n\n"
    "![Het team](./TEAM.png)\n\n##Kop##\n"
)
FIXED = (
    "---\ntitle: Netwerken\nimg: foto.jpg\nalt: Twee collega's\ndate: '2018-03-26'\n"
    "intro: Over netwerken.\ncategories:\n  - Effectiviteit\nenglish_title: Networking\n---\n\n"
    "## Waarom netwerken?\n\n## Hoe begin je\n\n![Een zaal](beelden/zaal.jpg)\n\n"
    "![Het team](./team.png)\n\n## Kop\n"
)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\n', encoding="utf-8")
    blog = tmp_path / "content" / "blog"
    (blog / "beelden").mkdir(parents=True)
    Image.new("RGB", (4, 4)).save(blog / "foto.jpg", "JPEG")
    Image.new("RGB", (4, 4)).save(blog / "beelden" / "zaal.jpg", "JPEG")
    Image.new("RGB", (4, 4)).save(blog / "team.png", "PNG")
    return blog


@pytest.mark.parametrize(("newline", "bom"), [("\n", b""), ("\r\n", b""), ("\n", b"\xef\xbb\xbf")])
def test_fix_applies_safe_fixes_and_keeps_bytes(site: Path, newline: str, bom: bytes) -> None:
    page = site / "post.nl.md"
    page.write_bytes(bom + POST.replace("\n", newline).encode("utf-8"))
    result = CliRunner().invoke(main, ["check", "content", "--format", "concise", "--fix"])
    assert result.exit_code == 0, result.output
    assert "yeplint: fixed 7 problems in 1 file" in result.output
    assert page.read_bytes() == bom + FIXED.replace("\n", newline).encode("utf-8")
    again = CliRunner().invoke(main, ["check", "content", "--format", "concise", "--fix"])
    assert (again.exit_code, again.output) == (0, "")


def test_without_fix_nothing_changes_and_json_shows_the_edits(site: Path) -> None:
    import json

    page = site / "post.nl.md"
    page.write_text(POST)
    result = CliRunner().invoke(main, ["check", "content", "--format", "json"])
    assert result.exit_code == 1
    assert page.read_text() == POST
    fixes = [d["fix"] for d in json.loads(result.output)["diagnostics"] if d["fix"]]
    assert {
        "description": "write `2018-03-26`",
        "applicability": "safe",
        "edits": [
            {"line": 5, "column": 8, "end_line": 5, "end_column": 17, "replacement": "2018-03-26"}
        ],
    } in fixes


def test_problems_without_fix_are_still_reported(site: Path) -> None:
    page = site / "post.nl.md"
    page.write_text(POST.replace("alt: Twee collega's\n", ""))
    result = CliRunner().invoke(main, ["check", "content", "--format", "concise", "--fix"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "content/blog/post.nl.md:9:1: YEP302 missing required key `alt` when `img` is set"
    )
    assert "## Waarom netwerken?" in page.read_text()


def test_rules_lists_fixable(site: Path) -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert "YEP201  no-space-after-hash          error    safe   " in result.output
    assert "YEP103  unknown-key                  error    unsafe " in result.output
    assert "YEP301  missing-image                error    -      " in result.output
