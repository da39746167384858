"""``--staged`` (and ``--changed-since``): which untouched pages a change makes dependents,
and what is reported in them (yeplint/engine/changes.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def staged(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(
        main, ["check", "content", "--staged", "--format", "concise", *args]
    )
    return result.exit_code, result.output.splitlines()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pages with old problems, committed: one mentions `t` everywhere, one links to `t.md` and
    shows an image that has long been missing, one links to `ut.md`."""
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    content.mkdir()
    (content / "tekst.md").write_text("Het team is absoluut t.md-proof.\n\n![Oud](oud-team.jpg)\n")
    (content / "links.md").write_text("[Zie t](t.md#kop) en [ook](./t)\n\n![Oud](weg.jpg)\n")
    (content / "ander.md").write_text("[Ander](ut.md)\n\n[t](https://example.org/t.md)\n")
    (content / "ut.md").write_text("# Ut\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "start")
    return tmp_path


def test_a_new_page_does_not_make_every_page_that_holds_its_name_a_dependent(site: Path) -> None:
    """`t.md` (slug `t`) is in nearly every page's text; only links.md links to it, and of
    links.md only what the new page can break is reported: its old missing image is not."""
    (site / "content" / "t.md").write_text("# T\n\n## Kop\n")
    git(site, "add", "content/t.md")
    assert staged() == (0, [])
    result = CliRunner().invoke(main, ["check", "content", "--staged", "--format", "json"])
    assert '"files_checked": 2' in result.output  # t.md and links.md


def test_in_a_dependent_only_the_problems_of_references_to_the_change_count(site: Path) -> None:
    (site / "content" / "t.md").write_text("# T\n")  # no heading `kop`
    git(site, "add", "content/t.md")
    assert staged() == (
        1,
        ["content/links.md:1:1: YEP404 `t.md` has no heading with the anchor `#kop`"],
    )
    git(site, "commit", "-qm", "t")
    git(site, "rm", "-q", "content/t.md")  # the link to it breaks; `ut.md` and URLs are others
    assert staged() == (
        1,
        ["content/links.md:1:1: YEP401 link target `t.md` does not exist"],
    )


def test_a_reference_matches_whole_segments_only(site: Path) -> None:
    """Deleting `ut.md` breaks ander.md's link; not links.md's to `t.md`, nor tekst.md, whose
    text holds `ut` (`absoluut`) and `t.md`."""
    git(site, "rm", "-q", "content/ut.md")
    code, lines = staged()
    assert (code, lines) == (1, ["content/ander.md:1:1: YEP401 link target `ut.md` does not exist"])


def test_a_reference_in_another_case_or_encoded_is_one_too(site: Path) -> None:
    content = site / "content"
    (content / "foto's.md").write_text("![Mijn foto](Mijn%20Foto.JPG)\n")
    (content / "Mijn Foto.JPG").write_bytes(b"")
    git(site, "add", ".")
    git(site, "commit", "-qm", "foto")
    git(site, "rm", "-q", "content/Mijn Foto.JPG")
    assert staged("--select", "YEP301") == (
        1,
        ["content/foto's.md:1:1: YEP301 image `Mijn%20Foto.JPG` does not exist"],
    )


def test_a_translation_of_a_changed_page_reports_its_disagreement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import shared_site

    shutil.copytree(shared_site(), tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "start")
    page = tmp_path / "content" / "coaching" / "andere-themas.nl.md"
    page.write_text(page.read_text().replace("img: andere-themas-1.jpg", "img: andere-themas.jpg"))
    git(tmp_path, "add", ".")
    code, lines = staged()
    assert (code, [line for line in lines if not line.startswith("yeplint: ")]) == (
        1,
        [
            "content/coaching/andere-themas.en.md:3:6: YEP502 `img` is `andere-themas-1.jpg`; "
            "the nl page has `andere-themas.jpg`",
            "content/coaching/andere-themas.nl.md:3:6: YEP301 image `andere-themas.jpg` "
            "(front matter) does not exist",
        ],
    )
