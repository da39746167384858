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

SITES = {
    "hugo-docs": "content",
    "jekyll-docs": "docs",
    "mkdocs-docs": "docs",
    "zola-docs": "docs/content",
}
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
    init = CliRunner().invoke(main, ["init", SITES[name]])
    assert init.exit_code == 0, init.output
    assert "next: yeplint check" in init.output
    result = CliRunner().invoke(main, ["check", "--format", "concise", "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    codes = Counter(line.split()[1] for line in result.stdout.splitlines() if line)
    assert not (set(codes) & NEVER), codes
