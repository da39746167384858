"""Warm runs (issue 29, item 4): a page whose stamps (modification and change time, size,
inode) are those its cache row was stored with is answered unread, as ruff and rumdl trust a
file's stamp; any write moves its change time, a replacement its inode. Counted (reads,
parses, worker pools), never timed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from yeplint.cli import main


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the pages the engine reads."""
    from yeplint.config.files import read_upto as real

    read: list[str] = []

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        read.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr("yeplint.engine.linter.read_upto", counting)
    return read


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    blog = tmp_path / "content" / "blog"
    blog.mkdir(parents=True)
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    (blog / "een.nl.md").write_text("# Een\n\n### Te diep\n")
    (blog / "twee.nl.md").write_text("# Twee\n\nTekst.\n")
    monkeypatch.chdir(tmp_path)
    return blog


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "content", "--format", "concise", *args])
    return result.exit_code, result.output


def _keep_times(path: Path, text: str) -> None:
    """Write ``text`` (the same length) and put the modification time back as it was."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_an_unchanged_page_is_answered_unread(site: Path, aged: None, reads: list[str]) -> None:
    cold = check("--no-cache")
    assert "YEP" in cold[1]
    assert check() == cold  # fills the cache
    reads.clear()
    assert check() == cold
    assert reads == []


def test_a_young_page_is_read(site: Path, reads: list[str]) -> None:
    """A page written within the clock's granularity may keep its stamp: it is not trusted."""
    cold = check("--no-cache")
    assert check() == cold
    reads.clear()
    assert check() == cold
    assert sorted(reads) == ["een.nl.md", "twee.nl.md"]


def test_a_page_edited_with_its_size_and_mtime_restored_is_seen(site: Path, aged: None) -> None:
    """The modification time and size are as they were; the change time moved."""
    check()
    check()
    page = site / "twee.nl.md"
    _keep_times(page, "# Twee\n\n#### X\n")
    assert check() == check("--no-cache")
    assert "twee.nl.md:3:1" in check()[1]  # YEP201: a level skipped


def test_a_page_replaced_by_another_file_is_seen(site: Path, aged: None) -> None:
    """Another file renamed over the page, its times and size set to the old page's."""
    check()
    check()
    page = site / "een.nl.md"
    before = page.stat()
    other = site.parent / "elders.txt"
    other.write_text("# Een\n\nNooit diep.\n")
    assert other.stat().st_size == before.st_size
    os.utime(other, ns=(before.st_atime_ns, before.st_mtime_ns))
    other.replace(page)
    assert page.stat().st_ino != before.st_ino
    assert check() == check("--no-cache")
    assert "een.nl.md:3:1" not in check()[1]


def test_a_translation_is_seen_again_when_its_primary_page_changes(site: Path, aged: None) -> None:
    """A translation's findings depend on its primary page: that page's stamps count too."""
    primary = "---\ntitle: Een\ndate: 2024-01-01\n---\n# Een\n"
    (site / "drie.nl.md").write_text(primary)
    (site / "drie.en.md").write_text(primary)
    check()
    first = check()
    _keep_times(site / "drie.nl.md", primary.replace("2024-01-01", "2024-01-02"))
    again = check()
    assert again == check("--no-cache")
    assert again != first


def test_a_warm_run_lints_in_one_process(
    site: Path, aged: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers are started for the pages whose stamps moved, not for a run the cache answers."""
    from yeplint.engine import session

    for number in range(6):
        (site / f"extra-{number}.nl.md").write_text(f"# Extra {number}\n")
    pools: list[int] = []
    from yeplint.engine.parallel import run_parallel as real

    def counting(*args: Any, **kwargs: Any) -> Any:
        pools.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(session, "PARALLEL_MIN", 3)
    monkeypatch.setattr(session, "run_parallel", counting)
    cold = check("--jobs", "2")
    assert pools == [1]
    assert check("--jobs", "2") == cold
    assert pools == [1]
    for number in range(3):
        (site / f"extra-{number}.nl.md").write_text(f"# Extra {number}\n\n### Diep\n")
    assert check("--jobs", "2") == check("--no-cache", "--jobs", "1")
    assert pools == [1, 1]


@pytest.fixture
def resolving(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many cached pages had their image references resolved again (their folders'
    stamps did not vouch for them)."""
    import yeplint.engine.cache as cache

    calls: list[int] = []
    real = cache._still_valid

    def counting(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(cache, "_still_valid", counting)
    return calls


def _warm(resolving: list[int]) -> tuple[int, str]:
    """Runs until the cache answers by stamps alone (the first runs make the cache's folder,
    which moves the root's stamp); the output of the last."""
    for _ in range(4):
        resolving.clear()
        found = check()
        if not resolving:
            return found
    raise AssertionError("never answered by the folders' stamps")


def test_a_folder_gaining_the_missing_image_is_seen(
    site: Path, aged: None, resolving: list[int]
) -> None:
    from PIL import Image

    (site / "fotos").mkdir()
    (site / "fotos" / "ander.jpg").write_bytes(b"")
    (site / "twee.nl.md").write_text("# Twee\n\n![Een foto van het team](fotos/team.jpg)\n")
    missing = _warm(resolving)
    assert "fotos/team.jpg" in missing[1]
    Image.new("RGB", (10, 10)).save(site / "fotos" / "team.jpg")
    found = check()
    assert found == check("--no-cache")
    assert "fotos/team.jpg" not in found[1]


def test_a_close_name_added_beside_a_missing_image_changes_the_suggestion(
    site: Path, aged: None, resolving: list[int]
) -> None:
    from PIL import Image

    (site / "fotos").mkdir()
    (site / "twee.nl.md").write_text("# Twee\n\n![Een foto van het team](fotos/team.jpg)\n")
    _warm(resolving)
    before = check("--format", "json")
    Image.new("RGB", (10, 10)).save(site / "fotos" / "teams.jpg")
    after = check("--format", "json")
    assert after == check("--format", "json", "--no-cache")
    assert after != before and "fotos/teams.jpg" in after[1]


def test_an_image_replaced_in_place_is_seen(site: Path, aged: None, resolving: list[int]) -> None:
    """Same size, modification time put back: no folder's stamp moves, the image's does."""
    from PIL import Image

    image = site / "foto.jpg"
    Image.new("RGB", (10, 10)).save(image, "JPEG")
    (site / "twee.nl.md").write_text("# Twee\n\n![Een foto van het team](foto.jpg)\n")
    clean = _warm(resolving)
    before = image.stat()
    data = image.read_bytes()
    image.write_bytes(b"GIF89a" + data[6:])  # same size, another format
    os.utime(image, ns=(before.st_atime_ns, before.st_mtime_ns))
    found = check()
    assert found == check("--no-cache")
    assert found != clean and "YEP307" in found[1]


@pytest.fixture
def front_matters(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages whose front matter YEP504 reads for their addresses."""
    import yeplint.rules.duplicate_url as duplicate_url

    read: list[str] = []
    real = duplicate_url._front_matter

    def counting(page: Any, *args: Any) -> Any:
        read.append(page.path.name)
        return real(page, *args)

    monkeypatch.setattr(duplicate_url, "_front_matter", counting)
    return read


def test_a_warm_run_reads_the_front_matter_of_a_changed_page_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aged: None, front_matters: list[str]
) -> None:
    """YEP504's addresses of a page are kept with its stamp, and what was reported of a page;
    a page that now takes another's address (its slug edited, size and modification time put
    back) is still seen, and the page it collides with is reported again."""
    from tests.test_duplicate_url import PAGES

    site = tmp_path / "site"
    for name, text in {
        **PAGES,
        "posts/later.md": "---\ntitle: Later\nslug: xxxxx\n---\nL\n",
    }.items():
        (site / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "content" / name).write_text(text)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "t"\n')
    monkeypatch.chdir(site)

    def check_site(*args: str) -> tuple[int, str]:
        done = CliRunner().invoke(main, ["check", ".", "--format", "concise", *args])
        return done.exit_code, done.output

    cold = check_site("--no-cache")
    assert "YEP504" in cold[1]
    for _ in range(3):
        front_matters.clear()
        assert check_site() == cold
    assert front_matters == []  # neither for the addresses nor for what is reported
    _keep_times(site / "content" / "posts" / "later.md", "---\ntitle: Later\nslug: uniek\n---\nL\n")
    front_matters.clear()
    moved = check_site()
    assert moved == check_site("--no-cache")
    assert "content/posts/later.md:3:1: YEP504" in moved[1]
    assert "content/posts/alleen.md:3:1: YEP504" in moved[1]
    assert "later.md" in front_matters


def test_a_hint_shared_by_cached_problems_is_decoded_once() -> None:
    """The same stored hint on many cached problems becomes one message, not one each; a
    message whose values differ is its own."""
    from yeplint.engine.cache import decode, encode
    from yeplint.locale.messages import msg

    def row(name: str) -> list[Any]:
        from yeplint.diagnostics import Diagnostic, Severity

        message = msg("image `{name}` does not exist", name=name)
        made = Diagnostic("a.md", 1, 1, 1, 2, "YEP301", "x", Severity.ERROR, message, msg("fix"))
        return encode(made)

    first, second, other = (decode("a.md", row(n)) for n in ("a.jpg", "a.jpg", "b.jpg"))
    assert first.hint is second.hint is other.hint
    assert first.message is second.message
    assert other.message == "image `b.jpg` does not exist"


def test_the_stored_url_map_keeps_a_redirect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aged: None
) -> None:
    """The URL map read back from the cache has every address the build gave a page: a
    Jekyll page's `redirect_from` (read back from the URLs alone, a link to it was reported
    missing on every warm run)."""
    docs = tmp_path / "docs"
    (docs / "_docs").mkdir(parents=True)
    (docs / "_config.yml").write_text(
        "collections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\n"
    )
    (docs / "_docs" / "a.md").write_text("---\ntitle: A\nredirect_from: /old/\n---\nA.\n")
    (docs / "_docs" / "b.md").write_text("---\ntitle: B\n---\nSee [old](/old/), [x](/nowhere/).\n")
    monkeypatch.chdir(tmp_path)

    def check_docs(*args: str) -> str:
        return CliRunner().invoke(main, ["check", "docs", "--format", "concise", *args]).output

    cold = check_docs("--no-cache")
    assert "/nowhere/" in cold and "/old/" not in cold
    for _ in range(3):
        assert check_docs() == cold


def test_the_orphan_check_reads_no_cached_page_for_template_syntax(
    site: Path, aged: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a page has template syntax (an image beside it may be shown by a shortcode)
    is kept in its row: a warm run does not read the page beside an unused image for it."""
    from PIL import Image

    import yeplint.rules.orphans as orphans

    Image.new("RGB", (4, 4)).save(site / "ongebruikt.png")
    (site / "drie.nl.md").write_text("# Drie\n\n{{< figure src=x.png >}}\n")
    read: list[str] = []
    from yeplint.config.files import read_upto as real

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        read.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(orphans, "read_upto", counting)
    cold = check("--no-cache")
    assert "ongebruikt.png" not in cold[1]  # a page beside it has template syntax
    check()
    check()
    read.clear()
    assert check() == cold
    assert read == []
    (site / "drie.nl.md").write_text("# Drie\n\nGeen sjabloon.\n")
    assert "ongebruikt.png" in check()[1]
