"""The cache is never stale: an edited post, a changed schema or config, and a deleted, added
or replaced image are checked again; a damaged cache is ignored."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from yeplint.cli import main

POST = "---\ntitle: Netwerken\n---\n\n## Kop\n\n![Twee collega's](foto.jpg)\n"


def check(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", "content", "--format", "concise", *args])
    return result.exit_code, result.output.splitlines()


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    # The images here are seconds old; the racy-stamp rule has its own test.
    monkeypatch.setattr("yeplint.engine.cache.RACY_NS", 0)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text(POST)
    Image.new("RGB", (10, 10)).save(tmp_path / "content" / "foto.jpg", "JPEG")
    return tmp_path


def entries(site: Path) -> dict[str, list[str]]:
    with sqlite3.connect(_cache_file(site)) as db:
        rows = db.execute("SELECT path, digest, payload FROM entries").fetchall()
    return {path: [digest, payload] for path, digest, payload in rows}


def _rewrite(site: Path, payload: str) -> None:
    """Give the only row of the cache another payload (its digest kept)."""
    with sqlite3.connect(_cache_file(site)) as db:
        db.execute("UPDATE entries SET payload = ?", (payload,))
    db.close()


def test_second_run_uses_the_cache(site: Path) -> None:
    assert check() == (0, [])
    assert list(entries(site)) == [str(site / "content" / "post.md")]
    assert (site / ".yeplint_cache" / ".gitignore").read_text().endswith("*\n")
    # A cached result is reused: make the entry say something else and see it come back.
    (_, payload), *_ = entries(site).values()
    entry = json.loads(payload)
    entry["diagnostics"] = [
        [1, 1, 1, 1, "YEP201", "no-space-after-hash", "error", "cached", None, None, ""]
    ]
    _rewrite(site, json.dumps(entry))
    assert check() == (1, ["content/post.md:1:1: YEP201 cached"])
    assert check("--no-cache") == (0, [])


def test_edited_post_is_checked_again(site: Path) -> None:
    assert check() == (0, [])
    (site / "content" / "post.md").write_text(POST + "\n##Nieuw\n")
    code, out = check()
    assert code == 1 and "YEP201" in out[0]


def test_deleted_and_added_image(site: Path) -> None:
    assert check() == (0, [])
    (site / "content" / "foto.jpg").unlink()
    assert check()[1] == ["content/post.md:7:1: YEP301 image `foto.jpg` does not exist"]
    Image.new("RGB", (10, 10)).save(site / "content" / "foto.jpg", "JPEG")
    assert check() == (0, [])


def test_replaced_image(site: Path) -> None:
    assert check() == (0, [])
    Image.new("RGB", (10, 10)).save(site / "content" / "foto.jpg", "PNG")
    code, out = check()
    assert code == 1
    assert out == [
        "content/post.md:7:1: YEP307 image `foto.jpg` is a PNG file, not JPEG as its extension says"
    ]


def test_changed_schema_and_config(site: Path) -> None:
    (site / "schema.json").write_text('{"type": "object"}')
    (site / "yeplint.toml").write_text(
        '[[collections]]\nglob = "**/*.md"\nschema = "schema.json"\n'
    )
    assert check() == (0, [])
    (site / "schema.json").write_text('{"type": "object", "required": ["date"]}')
    assert check()[1] == ["content/post.md:3:1: YEP102 missing required key `date`"]
    assert check("--ignore", "YEP102") == (0, [])


def _cache_file(site: Path) -> Path:
    (file,) = (site / ".yeplint_cache").glob("*.sqlite")
    return file


def _notice(site: Path, reason: str) -> list[str]:
    return [f"yeplint: ignoring the {reason}; it is rebuilt"]


@pytest.mark.parametrize(
    "damage",
    [
        b'"x"\tnot\n{not json',  # not a database
        b"SQLite format 3\x00" + b"\xff" * 200,  # a database's header, then junk
        b"",  # empty: a database without tables
    ],
)
def test_damaged_cache_is_dropped_with_one_notice(site: Path, damage: bytes) -> None:
    assert check() == (0, [])
    file = _cache_file(site)
    file.write_bytes(damage)
    assert check() == (0, _notice(site, f"damaged cache file {file}"))
    assert entries(site)
    assert check() == (0, [])


def test_a_cache_of_another_version_is_not_read(site: Path) -> None:
    assert check() == (0, [])
    with sqlite3.connect(_cache_file(site)) as db:
        db.execute("UPDATE meta SET value = 'another' WHERE key = 'version'")
    db.close()
    assert check()[0] == 0
    assert entries(site)


@pytest.mark.parametrize(
    "row",
    [
        ["1", 1, 1, 1, "YEP201", "no-space-after-hash", "error", "x", None, None],
        [1, 1, 1, 1, "YEP201", "no-space-after-hash", "bad", "x", None, None],
        [1, 1, 1, 1, "YEP201", "no-space-after-hash", "error", "x", None, ["a", [[1]], "s", []]],
        "not a row",
    ],
)
def test_a_wrong_row_is_a_miss_not_a_crash(site: Path, row: object) -> None:
    assert check() == (0, [])
    (_, payload), *_ = entries(site).values()
    entry = json.loads(payload)
    entry["diagnostics"] = [row]
    _rewrite(site, json.dumps(entry))
    assert check() == (0, [])


def test_a_payload_nested_past_the_recursion_limit_is_a_miss(site: Path) -> None:
    assert check() == (0, [])
    _rewrite(site, f"{'[' * 100_000}{']' * 100_000}")
    assert check() == (0, [])


def test_cache_file_that_is_a_fifo_or_a_symlink_is_not_read(site: Path) -> None:
    import os

    assert check() == (0, [])
    file = _cache_file(site)
    file.unlink()
    os.mkfifo(file)
    assert check() == (0, _notice(site, f"cache file {file}: not a regular file"))
    file.unlink()
    file.symlink_to("/dev/zero")
    assert check() == (0, _notice(site, f"cache file {file}: it is a symlink"))


def test_an_image_rewritten_in_place_with_the_same_stamp_is_checked_again(site: Path) -> None:
    """Same size, mtime put back: the change time tells."""
    import os

    image = site / "content" / "foto.jpg"
    os.utime(image, ns=(10**18, 10**18))
    assert check() == (0, [])
    before = image.stat()
    data = bytearray(image.read_bytes())
    image.write_bytes(b"GIF89a" + bytes(data[6:]))  # same size, another format
    os.utime(image, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert image.stat().st_size == before.st_size
    code, lines = check()
    assert code == 1 and "YEP307" in lines[0]


def test_young_stamps_are_not_trusted(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An image written a moment before the run may still change within the same clock tick
    (or be replaced while the run reads it): its verdict is checked again next time."""
    monkeypatch.setattr("yeplint.engine.cache.RACY_NS", 3600 * 10**9)
    (site / "content" / "post.md").write_text(POST + "\n##Nieuw\n")
    assert check()[0] == 1
    entry = next(iter(entries(site).values()))
    assert json.loads(entry[1])["deps"][0][5] is None


def test_another_build_of_the_same_version_does_not_share_rows(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert check() == (0, [])
    monkeypatch.setattr("yeplint.engine.cache.build_key", lambda: "another build")
    assert check() == (0, [])
    assert len(list((site / ".yeplint_cache").glob("*.sqlite"))) == 2


def test_cached_run_prints_the_same_text(site: Path) -> None:
    (site / "content" / "post.md").write_text(POST + "\n##Nieuw\n")
    args = ["check", "content", "--color", "never"]
    first = CliRunner().invoke(main, args).output
    assert "  9 │ ##Nieuw" in first
    assert CliRunner().invoke(main, args).output == first


def test_new_close_name_changes_the_suggestion(site: Path) -> None:
    import time

    (site / "content" / "post.md").write_text("![Team](./tem.png)\n![Een zaal](./foto.jpg)\n")
    assert check("--no-cache") == check()  # fills the cache
    assert check()[1] == ["content/post.md:1:1: YEP301 image `./tem.png` does not exist"]
    time.sleep(0.05)  # a later folder mtime than the one recorded
    Image.new("RGB", (4, 4)).save(site / "content" / "team.png", "PNG")
    result = CliRunner().invoke(main, ["check", "content", "--color", "never", "--no-show-source"])
    assert "hint: did you mean `./team.png`?" in result.output


def test_malformed_entries_are_misses(site: Path) -> None:
    assert check() == (0, [])
    for payload in ('{"deps": [[1, 2]], "diagnostics": []}', '{"deps": [], "diagnostics": [[1]]}'):
        _rewrite(site, payload)
        assert check() == (0, [])


def test_changed_ref_target_is_checked_again(site: Path) -> None:
    (site / "common.json").write_text('{"type": "object"}')
    (site / "schema.json").write_text('{"$ref": "common.json"}')
    (site / "yeplint.toml").write_text(
        '[[collections]]\nglob = "**/*.md"\nschema = "schema.json"\n'
    )
    assert check() == (0, [])
    (site / "common.json").write_text('{"type": "object", "required": ["date"]}')
    assert check()[1] == ["content/post.md:3:1: YEP102 missing required key `date`"]


def test_a_large_run_writes_its_rows_in_batches(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows reach the file as batches fill, not all at the end (a 50,000-post run would
    otherwise hold every result in memory)."""
    from yeplint.engine.cache import Cache, Stamped

    monkeypatch.setattr("yeplint.engine.cache.BATCH", 3)
    cache = Cache.open(site, "batches")
    unstamped = Stamped("", "", "", "")
    cache.merge({"a": ("1", "{}", unstamped), "b": ("2", "{}", unstamped)})
    assert not cache.file.exists()
    cache.merge({"c": ("3", "{}", unstamped)})
    assert (cache.rows(), cache.updates) == (3, {})
    assert Cache.open(site, "batches").rows() == 3


def test_two_runs_merge_their_rows(site: Path) -> None:
    from yeplint.engine.cache import Cache

    first, second = Cache.open(site, "shared"), Cache.open(site, "shared")
    first.store("a", "1", {"deps": [], "diagnostics": []})
    second.store("b", "2", {"deps": [], "diagnostics": []})
    first.save()
    second.save()
    again = Cache.open(site, "shared")
    assert again.rows() == 2
    assert again.lookup("a", "1") == {"deps": [], "diagnostics": []}
