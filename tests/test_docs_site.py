"""The documentation site builds with ``mkdocs build --strict`` (a broken link or anchor, a
page missing from the nav fails it), and has a page at each rule's link."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from yeplint.rules.catalogue import all_rules
from yeplint.rules.rule import RULE_URL

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_every_rule_link_has_its_page(site: Path) -> None:
    base = urlparse(RULE_URL.format(code="X")).path.removesuffix("rules/X/")
    for rule in all_rules():
        page = urlparse(rule.url).path.removeprefix(base)
        built = site / page / "index.html"
        assert built.is_file(), f"{rule.url}: no {built}"
        assert rule.name in built.read_text(encoding="utf-8")


def test_the_site_has_the_getting_started_configuration_and_ci_pages(site: Path) -> None:
    for page in ("index.html", "configuration/index.html", "ci/index.html", "rules/index.html"):
        assert (site / page).is_file(), page
    assert "First run" in (site / "index.html").read_text(encoding="utf-8")


def test_the_site_url_is_where_the_rule_links_point() -> None:
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert RULE_URL.startswith(config["site_url"])
