"""Defects injected into copies of the real Hugo and Jekyll documentation sites are each caught
at their line and column, after `yeplint init` (skips without ../shared)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED_SITE
from yeplint.cli import main


def copy(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch, content: str) -> Path:
    source = SHARED_SITE.parent / name
    if not source.is_dir():
        pytest.skip(f"../shared/corpus/{name} is not present")
    site = tmp_path / name
    shutil.copytree(source, site)
    for path in site.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["init", content])
    assert result.exit_code == 0, result.output
    return site


def findings(*paths: str) -> set[str]:
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--no-cache", *paths])
    assert result.exit_code == 1, result.output
    return {line.split(": ", 1)[0] + " " + line.split()[1] for line in result.stdout.splitlines()}


def append(path: Path, text: str) -> int:
    """Append ``text`` on lines of its own; the 1-based line it starts on."""
    old = path.read_text(encoding="utf-8")
    if not old.endswith("\n"):
        old += "\n"
    path.write_text(old + "\n" + text, encoding="utf-8")
    return old.count("\n") + 2


def test_hugo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy(tmp_path, "hugo-docs", monkeypatch, "content")
    en = site / "content" / "en"
    shortcode = en / "getting-started" / "external-learning-resources" / "index.md"
    text = shortcode.read_text(encoding="utf-8")
    shortcode.write_text(text.replace('src="hugo-in-action.png"', 'src="hugo-in-actoin.png"'))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "hugo-in-action.png" in t)
    column = text.splitlines()[line - 1].index("{{<") + 1
    bundle = en / "content-management" / "image-processing" / "index.md"
    bundle_line = append(bundle, "![A sunset](sunset-missing.jpg)\n")
    heading = en / "functions" / "images" / "Mask.md"
    heading_line = append(heading, "##Kop\n")
    toml = en / "functions" / "images" / "Grayscale.md"
    body = toml.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    toml.write_text('+++\ntitle = 5\ndescription = "Gray."\n+++\n' + body, encoding="utf-8")
    found = findings("content")
    assert (
        f"content/en/getting-started/external-learning-resources/index.md:{line}:{column} YEP301"
        in found
    )
    assert (
        f"content/en/content-management/image-processing/index.md:{bundle_line}:1 YEP301" in found
    )
    assert f"content/en/functions/images/Mask.md:{heading_line}:1 YEP201" in found
    assert "content/en/functions/images/Grayscale.md:2:9 YEP101" in found


def test_jekyll(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = copy(tmp_path, "jekyll-docs", monkeypatch, "docs")
    docs = site / "docs"
    page = docs / "_docs" / "installation.md"
    case_line = append(page, "![The footer logo](/img/Footer-logo.png)\n")
    templated_line = append(
        page, "![The footer logo]({{ '/img/Footer-Logo.png' | relative_url }})\n"
    )
    heading_line = append(page, "##Kop\n")
    posts = sorted((docs / "_posts").glob("*.md"))
    moved = posts[0].with_name("2023-02-29-" + posts[0].name[11:])
    posts[0].rename(moved)
    found = findings("docs")
    assert f"docs/_docs/installation.md:{case_line}:1 YEP303" in found
    assert f"docs/_docs/installation.md:{templated_line}:1 YEP303" in found
    assert f"docs/_docs/installation.md:{heading_line}:1 YEP201" in found
    assert f"docs/_posts/{moved.name}:1:1 YEP601" in found
