"""Warm runs (issue 29, item 4), the last stretch: the orphan check's list of the site's code
files kept with the stamps of the folders it listed, and cached problems decoded with their
checks spelled out. Each shortcut with a case where it must not be trusted; counted, never
timed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from yeplint.cli import main


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The roots the orphan check walks for code files."""
    import yeplint.rules.orphans as orphans

    walked: list[Path] = []
    real = orphans._code_files

    def counting(root: Path, *args: Any) -> Any:
        walked.append(root)
        return real(root, *args)

    monkeypatch.setattr(orphans, "_code_files", counting)
    return walked


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from PIL import Image

    blog = tmp_path / "content" / "blog"
    blog.mkdir(parents=True)
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    (blog / "een.nl.md").write_text("# Een\n\nTekst.\n")
    Image.new("RGB", (4, 4)).save(blog / "los.png")
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "basis.html").write_text("<p>geen beeld</p>\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> str:
    return CliRunner().invoke(main, ["check", ".", "--format", "concise", *args]).output


def warm(cold: str) -> None:
    for _ in range(3):
        assert check() == cold


def test_a_warm_run_does_not_walk_the_root_for_code_files(
    site: Path, aged: None, walks: list[Path]
) -> None:
    cold = check("--no-cache")
    assert "los.png" in cold
    warm(cold)
    walks.clear()
    assert check() == cold
    assert walks == []


def test_a_code_file_edited_in_place_is_read_again(
    site: Path, aged: None, walks: list[Path]
) -> None:
    """No folder changes when a template is edited: its text is read on every run."""
    warm(check("--no-cache"))
    (site / "layouts" / "basis.html").write_text('<img src="/blog/los.png">\n')
    walks.clear()
    assert "los.png" not in check()
    assert walks == []
    assert check() == check("--no-cache")


def test_a_code_file_added_in_a_new_folder_is_found(site: Path, aged: None) -> None:
    """A folder made (and a file in it) changes the stamp of the folder above: walked again."""
    warm(check("--no-cache"))
    (site / "src" / "pages").mkdir(parents=True)
    (site / "src" / "pages" / "index.js").write_text('const beeld = "los.png";\n')
    assert "los.png" not in check()
    assert check() == check("--no-cache")


def test_a_code_file_removed_is_not_searched_any_more(site: Path, aged: None) -> None:
    (site / "layouts" / "basis.html").write_text('<img src="/blog/los.png">\n')
    cold = check("--no-cache")
    assert "los.png" not in cold
    warm(cold)
    (site / "layouts" / "basis.html").unlink()
    assert "los.png" in check()


def test_a_young_folder_is_not_kept(site: Path, walks: list[Path]) -> None:
    """Folder stamps younger than two seconds are not trusted: the root is walked again."""
    cold = check("--no-cache")
    walks.clear()
    warm(cold)
    assert len(walks) == 3


@pytest.mark.parametrize(
    "change",
    [
        {0: "1"},  # a line that is no number
        {6: "fatal"},  # no severity yeplint has
        {6: ["error"]},  # not even a value
        {4: 301},  # a code that is no text
        {10: None},  # no snippet
    ],
)
def test_a_malformed_cached_problem_is_refused(change: dict[int, Any]) -> None:
    from yeplint.diagnostics import Diagnostic, Severity
    from yeplint.engine.cache import decode, encode
    from yeplint.locale.messages import msg

    made = Diagnostic("a.md", 1, 1, 1, 2, "YEP301", "x", Severity.ERROR, msg("m"), msg("h"))
    row = encode(made)
    assert decode("a.md", row) == made
    for index, value in change.items():
        row[index] = value
    with pytest.raises((ValueError, TypeError)):
        decode("a.md", row)


def test_a_message_with_a_nested_value_is_decoded_whole() -> None:
    """A value that is itself a message is not shared by its stored form: decoded as before."""
    from yeplint.diagnostics import Diagnostic, Severity
    from yeplint.engine.cache import decode, encode
    from yeplint.locale.messages import Message, msg

    inner = msg("image `{name}` does not exist", name="a.jpg")
    outer = msg("{reason}; skipped", reason=inner)
    made = Diagnostic("a.md", 1, 1, 1, 2, "YEP301", "x", Severity.WARNING, outer)
    back = decode("a.md", encode(made))
    assert back == made
    assert isinstance(back.message, Message)
    assert back.message.render("nl") == outer.render("nl")


@pytest.mark.parametrize("primary_there", [True, False])
def test_a_translation_follows_its_primary_page_appearing_or_going(
    site: Path, aged: None, primary_there: bool
) -> None:
    """A translation's row holds by its primary page's stamp, taken in one stat without
    asking first whether the page is there: a primary page added or removed (the folder's
    other pages untouched) is seen, and a folder by the primary page's name is no page."""
    blog = site / "content" / "blog"
    page = "---\ntitle: Drie\ndate: 2024-01-01\n---\n# Drie\n"
    (blog / "drie.en.md").write_text(page)
    primary = blog / "drie.nl.md"
    if primary_there:
        primary.write_text(page)
    cold = check("--no-cache")
    warm(cold)
    if primary_there:
        primary.unlink()
        primary.mkdir()
    else:
        primary.write_text(page)
    changed = check("--no-cache")
    assert changed != cold
    assert check() == changed
    assert check() == changed


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders the orphan check lists."""
    import yeplint.rules.orphans as orphans

    folders: list[str] = []
    real = orphans._list

    def counting(folder: str) -> Any:
        folders.append(folder)
        return real(folder)

    monkeypatch.setattr(orphans, "_list", counting)
    return folders


def test_a_warm_run_lists_no_page_folder_for_orphans(
    site: Path, aged: None, listed: list[str]
) -> None:
    cold = check("--no-cache")
    warm(cold)
    listed.clear()
    assert check() == cold
    assert listed == []


def test_an_image_added_beside_the_pages_is_an_orphan_at_once(
    site: Path, aged: None, listed: list[str]
) -> None:
    """A file added changes its folder's stamp: that folder is listed again."""
    from PIL import Image

    cold = check("--no-cache")
    warm(cold)
    Image.new("RGB", (4, 4)).save(site / "content" / "blog" / "nieuw.png")
    listed.clear()
    found = check()
    assert listed == [str(site / "content" / "blog")]
    assert "nieuw.png" in found
    assert found == check("--no-cache")


def test_an_image_removed_is_no_orphan_any_more(site: Path, aged: None) -> None:
    warm(check("--no-cache"))
    (site / "content" / "blog" / "los.png").unlink()
    assert "los.png" not in check()
    assert check() == check("--no-cache")


def test_a_folder_with_a_symlink_is_listed_every_time(
    site: Path, aged: None, listed: list[str]
) -> None:
    """What a symlink names may turn from a file into a folder with no stamp moving."""
    from PIL import Image

    Image.new("RGB", (4, 4)).save(site / "elders.png")
    (site / "content" / "blog" / "link.png").symlink_to(site / "elders.png")
    cold = check("--no-cache")
    assert "link.png" in cold
    warm(cold)
    listed.clear()
    (site / "elders.png").unlink()
    (site / "elders.png").mkdir()
    found = check()
    assert "link.png" not in found
    assert found == check("--no-cache")
    assert str(site / "content" / "blog") in listed
