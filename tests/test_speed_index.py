"""A run over a few files does no work proportional to the site (issue 29, item 2): the site is
walked only when a checked page links to another page, and then from the walk stored in the
cache while no folder changed. Counted, never timed."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from yeplint.cli import main

PAGES = 30


def _age(root: Path) -> None:
    """Make every folder's stamp a minute old (stamps younger than two seconds are not
    trusted, and the tree was just written)."""
    old = time.time() - 60
    for folder, _, _ in os.walk(root):
        os.utime(folder, (old, old))


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    for name in ("blog", "trainingen"):
        (root / "content" / name).mkdir(parents=True)
    for n in range(PAGES):
        (root / "content" / "trainingen" / f"training-{n}.nl.md").write_text(f"# Training {n}\n")
    (root / "content" / "blog" / "alleen.nl.md").write_text("# Alleen\n\nGeen link.\n")
    (root / "content" / "blog" / "links.nl.md").write_text(
        "# Links\n\nZie [de training](/trainingen/training-3) en [nog een](/trainingen/nieuw).\n"
    )
    (root / "yeplint.toml").write_text('preset = "yep-trainingen"\nselect = ["YEP4", "YEP5"]\n')
    _age(root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The sites walked whole: discovery of every page under a site's root (the index's
    walk), not of the files named on the command line."""
    import yeplint.site.discovery as discovery

    walked: list[Path] = []
    real = discovery.discover

    def counting(paths: list[Path], *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("cwd") is not None and paths == [kwargs["cwd"]]:
            walked.extend(paths)
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(discovery, "discover", counting)
    return walked


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--format", "concise", *args])
    return result.exit_code, result.output


def test_a_page_without_a_link_to_a_page_never_walks_the_site(
    site: Path, walks: list[Path]
) -> None:
    assert check("--no-cache", "content/blog/alleen.nl.md") == (0, "")
    assert walks == []


def test_a_partial_run_sees_it_is_partial_beside_an_unchecked_page(
    site: Path, walks: list[Path]
) -> None:
    """Orphan images and collection notices need the whole site checked: a page beside a
    checked one that was not checked says it was not, without a walk."""
    trainingen = site / "content" / "trainingen"
    assert check("--no-cache", "--select", "YEP501", str(trainingen / "training-1.nl.md"))[0] == 0
    assert walks == []


def test_a_link_to_a_page_walks_once_then_the_walk_is_stored(site: Path, walks: list[Path]) -> None:
    page = "content/blog/links.nl.md"
    missing = (
        "content/blog/links.nl.md:3:46: YEP401 link to `/trainingen/nieuw`: no page at "
        "`/trainingen/nieuw`\n"
    )
    assert check("--no-cache", page) == (1, missing)
    assert walks == [site]
    assert check(page) == (1, missing)  # the cache folder appears: the root's stamp changes
    assert walks == [site, site]
    _age(site)
    assert check(page) == (1, missing)  # the walk stored, with stamps old enough to trust
    assert walks == [site, site, site]
    (site / "content" / "blog" / "links.nl.md").write_text(
        "# Links\n\nZie [de training](/trainingen/training-3) en [nog een](/trainingen/nieuw).\n\n"
    )  # the page changed: linted again, the site not walked again
    assert check(page) == (1, missing)
    assert walks == [site, site, site]
    # a page added: its folder's stamp changed, so the site is walked again and the link holds
    (site / "content" / "trainingen" / "nieuw.nl.md").write_text("# Nieuw\n")
    assert check(page) == (0, "")
    assert walks == [site, site, site, site]


def test_the_stored_walk_gives_the_same_findings_as_a_walk(site: Path, walks: list[Path]) -> None:
    """The URL map read back from the cache answers as the one built: every page of the site
    checked with the walk stored (a cold cache entry for each page: changed bytes) and without
    a cache."""
    assert check("content")[0] == 1  # makes the cache folder
    _age(site)
    assert check("content")[0] == 1  # fills the cache, stores the walk
    for page in (site / "content").rglob("*.md"):
        page.write_text(page.read_text() + "\n")
    walks.clear()
    stored = check("content")
    assert walks == []
    assert stored == check("--no-cache", "content")
