"""`yeplint init` then `yeplint check` on the real foreign sites of ../shared/corpus, copied to a
temporary folder: no crash, and none of the classes that were yeplint's own mistakes (schema
findings on the site's own pages, TOML reported as unsupported, template front matter, pages
without front matter). The findings that remain were reviewed (see the issue notes)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED_SITE
from yeplint.cli import main

SITES: dict[str, str | None] = {
    "hugo-docs": "content",
    "jekyll-docs": "docs",
    "mkdocs-docs": "docs",
    "zola-docs": "docs/content",
    "eleventy-site": None,
    "docusaurus-site": None,
    "vitepress-site": None,
    "starlight-site": None,
}
"""Each site and the content folder `yeplint init` is given (``None``: the site's own, as a
new user runs it)."""
NEVER = {"YEP000", "YEP006", "YEP009", "YEP017", "YEP100", "YEP101", "YEP102", "YEP103", "YEP104"}
"""On a site's own pages, an inferred schema has nothing to report; the site's formats are read."""


@pytest.mark.parametrize("name", sorted(SITES))
def test_init_then_check_reports_only_the_reviewed_classes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    source = SHARED_SITE.parent / name
    if not source.is_dir():
        pytest.skip(f"../shared/corpus/{name} is not present")
    site = tmp_path / name
    shutil.copytree(source, site)
    monkeypatch.chdir(site)
    content = SITES[name]
    init = CliRunner().invoke(main, ["init", *([content] if content else [])])
    assert init.exit_code == 0, init.output
    # a site below the folder init ran in is named from there: `next: cd docs && yeplint check .`
    assert any(
        line.startswith("next: ") and "yeplint check" in line and str(tmp_path) not in line
        for line in init.output.splitlines()
    ), init.output
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    codes = Counter(line.split()[1] for line in result.stdout.splitlines() if line)
    assert not (set(codes) & NEVER), codes


FIXED = {
    "jekyll-docs": [
        "docs/_tutorials/navigation.md:33:1:",
        "docs/_tutorials/convert-site-to-jekyll.md:38:1:",
    ],
    "eleventy-site": [
        "src/blog/2022-09-30-four-million.md:9:1:",
        "src/blog/2023-07-04-six-million.md:11:1:",
        "src/docs/filters/slugify.md:12:207:",
    ],
    "docusaurus-site": [
        "docs/using-changesets.md:60:1:",
        "static/img/features/fast-pumpkin.png:1:1:",
    ],
}
"""One finding of each false class fixed after reading the nine sites (bench/nine_sites.md): a
code sample's caption, an aside in parentheses, an image Eleventy Image resizes, an address
the host redirects, an image a React page shows."""


@pytest.mark.parametrize("name", sorted(FIXED))
def test_the_false_classes_read_on_the_shared_sites_stay_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    source = SHARED_SITE.parent / name
    if not source.is_dir():
        pytest.skip(f"../shared/corpus/{name} is not present")
    site = tmp_path / name
    shutil.copytree(source, site)
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["check", ".", "--format", "concise", "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    reported = {line.split(" ")[0] for line in result.stdout.splitlines()}
    assert reported, result.output  # the site's real findings are still there
    assert not reported & set(FIXED[name])
