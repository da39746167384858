"""``--fix`` changes nothing but what it targets: checked on generated pages full of traps and
on copies of every real site in ../shared/corpus, by yeplint's own re-parse comparison (no
file refused) and independently by markdown-it-py's rendered HTML (tests/fix_oracle.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import SHARED_SITE, fix_paths
from tests.fix_oracle import generate, render, unexplained

PAGES = int(os.environ.get("YEPLINT_FIX_CORPUS", "300"))
"""Generated pages per run (`YEPLINT_FIX_CORPUS=5000` for the long run)."""


def test_generated_traps_change_only_meant_headings(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    Image.new("RGB", (4, 4)).save(folder / "foto.jpg", "JPEG")
    originals = {}
    for seed in range(PAGES):
        page = folder / f"p{seed:05d}.md"
        text = generate(seed)
        page.write_bytes(text.encode("utf-8"))
        originals[page] = text
    report = fix_paths([folder], tmp_path)
    assert report.refused == []
    assert report.fixed_problems > PAGES // 4  # the meant headings were repaired
    changed = 0
    for page, before in originals.items():
        after = page.read_bytes().decode("utf-8")
        if after != before:
            changed += 1
        problem = unexplained(before, after)
        assert problem is None, f"{page.name}: {problem}\n--- before\n{before}\n--- after\n{after}"
    assert changed == report.fixed_files
    again = fix_paths([folder], tmp_path)
    assert (again.fixed_problems, again.refused) == (0, [])


def test_meant_headings_become_headings(tmp_path: Path) -> None:
    page = tmp_path / "post.md"
    page.write_text(
        "##Doel van de training\n\n##Doel boven tekst\nDe tekst.\n\n- ##Doel in lijst\n- twee\n\n"
        "> ##Doel in citaat\n\n###Doelgroep###\n"
    )
    report = fix_paths([page], tmp_path)
    assert report.refused == []
    assert page.read_text() == (
        "## Doel van de training\n\n## Doel boven tekst\nDe tekst.\n\n- ## Doel in lijst\n"
        "- twee\n\n> ## Doel in citaat\n\n### Doelgroep\n"
    )
    assert render(page.read_text()).count("<h") == 5


CORPUS = SHARED_SITE.parent


@pytest.mark.parametrize(
    "site", ["hugo-docs", "jekyll-docs", "mkdocs-docs", "yep-site", "zola-docs"]
)
def test_real_sites_change_only_what_is_fixed(tmp_path: Path, site: str) -> None:
    source = CORPUS / site
    if not source.is_dir():
        pytest.skip(f"../shared/corpus/{site} is not present")
    copy = tmp_path / site
    shutil.copytree(source, copy, symlinks=True)
    for path in [copy, *copy.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | 0o200)  # shared/ is laid read-only
    pages = {
        p: p.read_bytes()
        for p in copy.rglob("*")
        if p.suffix in (".md", ".markdown") and p.is_file() and not p.is_symlink()
    }
    report = fix_paths([copy], copy)
    assert report.refused == []
    for page, before in pages.items():
        after = page.read_bytes()
        if after == before:
            continue
        problem = unexplained(before.decode("utf-8"), after.decode("utf-8"), meant="")
        assert problem is None, f"{page.relative_to(copy)}: {problem}"


def test_a_run_of_meant_headings_is_fixed_in_one_run(tmp_path: Path) -> None:
    """Found by bench/hostile_probe.py: `##Kop` lines one under the other are one paragraph,
    whose first line alone was fixable; each round of fixes made the next line a paragraph's
    first, so ten rounds fixed ten lines and a second `--fix` run changed the file again."""
    page = tmp_path / "post.md"
    before = "".join(f"##Doel {n}\n" for n in range(15)) + "De tekst.\n\n##Doel *a\n##b* c\n"
    page.write_text(before)
    report = fix_paths([page], tmp_path)
    assert report.refused == []
    after = page.read_text()
    assert after == (
        "".join(f"## Doel {n}\n" for n in range(15)) + "De tekst.\n\n##Doel *a\n##b* c\n"
    )  # emphasis across the line break: no heading is certain there
    assert unexplained(before, after) is None
    again = fix_paths([page], tmp_path)
    assert (again.fixed_problems, again.refused) == (0, [])
