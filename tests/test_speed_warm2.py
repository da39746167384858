"""Warm runs (issue 29, item 4's "Done when"): a run with nothing changed answers every page from
the cache, with as few trips to the cache file as batches of pages, and says exactly what a
cold run says, before and after one file changes. Counted (parses, queries), never timed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

from yeplint.cli import main


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "content", "--format", "concise", *args])
    return result.exit_code, result.output


def test_an_image_in_a_folder_that_is_not_there_is_answered_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: list[str], aged: None
) -> None:
    """The folder a missing image was looked for in does not exist: the nearest folder above
    it that does is what the result depends on (it was never cached, linted on every run)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text("# Kop\n\n![Een foto](fotos/2024/foto.jpg)\n")
    missing = check()
    assert missing[0] == 1
    assert "fotos/2024/foto.jpg" in missing[1]
    assert parses == ["post.md"]
    parses.clear()
    assert check() == missing
    assert parses == []
    (tmp_path / "content" / "fotos" / "2024").mkdir(parents=True)
    Image.new("RGB", (10, 10)).save(tmp_path / "content" / "fotos" / "2024" / "foto.jpg")
    assert check() == (0, "")
    assert parses == ["post.md"]


EXAMPLES = Path(__file__).parent.parent / "examples" / "content"
WEEKPLANNING = "/blog/weekplanning/"


@pytest.fixture
def yep_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aged: None) -> Path:
    """The example site with what only the whole site answers: links to other pages and their
    anchors, a translation, an image nobody shows, and images in missing files and folders."""
    import shutil

    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES, tmp_path / "content")
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    blog = tmp_path / "content" / "blog"
    primary = (blog / "netwerken.nl.md").read_text().replace("intro: Coachend netwerken:", "")
    (blog / "netwerken.nl.md").write_text(primary)
    english = primary.replace("Carreer", "Career").replace("2018-3-26", "2018-3-27")
    (blog / "netwerken.en.md").write_text(english.replace("Netwerken hoeft", "Networking is"))
    Image.new("RGB", (10, 10)).save(blog / "ongebruikt.jpg")
    with (blog / "weekplanning.nl.md").open("a") as page:
        page.write(
            "\n## Links\n\nZie [netwerken](/blog/netwerken/), [weg](/blog/weg/), "
            f"[kop](/blog/netwerken/#geen-kop), [zelf]({WEEKPLANNING}#links) en "
            "[loopbaan](../coaching/loopbaan.nl.md#nergens).\n\n"
            "![Een foto](fotos/2024/foto.jpg) ![Nog een](netwerken-3.jpg)\n"
        )
    return tmp_path


def _json(*args: str, named: str = "content") -> str:
    result = CliRunner().invoke(main, ["check", named, "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_warm_output_is_cold_output_byte_for_byte(yep_site: Path, parses: list[str]) -> None:
    cold = _json("--no-cache")
    codes = {d["code"] for d in json.loads(cold)["diagnostics"]}
    assert {"YEP401", "YEP404", "YEP501", "YEP502"} <= codes  # the site asks what it should
    assert _json() == cold  # fills the cache
    parses.clear()
    assert _json() == cold
    assert parses == []  # every page answered from the cache
    page = yep_site / "content" / "coaching" / "loopbaan.nl.md"
    page.write_text(page.read_text() + "\n## Nergens\n")
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns - 10**10))
    touched = _json("--no-cache")
    assert touched != cold
    assert _json() == touched
    assert _json() == touched
    (yep_site / "content" / "blog" / "nieuw.nl.md").write_text("# Nieuw\n\n[Weg](/blog/weg/)\n")
    added = _json("--no-cache")
    assert added != touched
    assert _json() == added
    assert _json() == added
    whole = _json("--no-cache", named=".")
    assert _json(named=".") == whole
    assert _json(named=".") == whole


def test_a_warm_run_reads_the_cache_in_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aged: None
) -> None:
    """A warm run of 30 pages asks the cache file for their rows in one query, not 30."""
    import sqlite3

    from yeplint.engine.cache import Cache

    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    for n in range(30):
        (tmp_path / "content" / f"page-{n}.md").write_text(f"# Pagina {n}\n\nTekst.\n")
    assert check() == (0, "")
    queries: list[str] = []
    real = Cache._connect

    def traced(self: Cache) -> sqlite3.Connection:
        db = real(self)
        db.set_trace_callback(queries.append)
        return db

    monkeypatch.setattr(Cache, "_connect", traced)
    assert check("--jobs", "1") == (0, "")
    assert len([q for q in queries if "FROM entries" in q]) == 1


def test_a_parallel_warm_run_trusts_the_stored_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aged: None
) -> None:
    """With no link rule on, the parallel run's parent still keeps the site's walk in the
    cache: the next run takes the pages of the folder named and the orphan check's list of
    the site from it, and walks nothing (it walked the site twice on every run)."""
    from yeplint.site import discovery

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("yeplint.engine.session.PARALLEL_MIN", 2)
    (tmp_path / "yeplint.toml").write_text('select = ["YEP501", "YEP201"]\n')
    (tmp_path / "content").mkdir()
    for n in range(6):
        (tmp_path / "content" / f"page-{n}.md").write_text(f"# Pagina {n}\n\n![Foto](f{n}.png)\n")
        Image.new("RGB", (4, 4)).save(tmp_path / "content" / f"f{n}.png")
    Image.new("RGB", (4, 4)).save(tmp_path / "content" / "ongebruikt.png")
    (tmp_path / ".yeplint_cache").mkdir()  # made by the first run, it changes the root's stamp
    walks: list[list[Path]] = []
    real = discovery.discover

    def counting(paths: list[Path], *args: Any, **kwargs: Any) -> Any:
        walks.append(list(paths))
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(discovery, "discover", counting)
    cold = check("--jobs", "2")
    assert "YEP501" in cold[1]
    walks.clear()
    assert check("--jobs", "2") == cold
    assert walks == []  # the pages named, too, come from the stored walk
    (tmp_path / "content" / "nieuw.md").write_text("#Nieuw\n")
    added = check("--jobs", "2")
    assert "content/nieuw.md" in added[1]
    assert walks  # a folder's stamp changed: walked again


def test_a_warm_run_stats_each_image_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, aged: None
) -> None:
    """Five cached pages show the same image: its stamp is taken once in the run, not once
    per page; a second run takes it again (an image edited between runs is seen)."""
    import yeplint.engine.cache as cache

    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    Image.new("RGB", (4, 4)).save(tmp_path / "content" / "foto.png")
    for n in range(5):
        (tmp_path / "content" / f"page-{n}.md").write_text(
            f"# Pagina {n}\n\n![Twee collega's op de trap](foto.png)\n"
        )
    assert check() == (0, "")
    stamped: list[str] = []
    real = cache._stamp

    def counting(path: Path | None) -> Any:
        stamped.append(path.name if path is not None else "")
        return real(path)

    real_text = cache._stamp_text

    def counting_text(text: str) -> Any:  # the re-check by folder stamps (test_speed_warm3)
        stamped.append(Path(text).name)
        return real_text(text)

    monkeypatch.setattr(cache, "_stamp", counting)
    monkeypatch.setattr(cache, "_stamp_text", counting_text)
    assert check("--jobs", "1") == (0, "")
    assert stamped.count("foto.png") == 1
    Image.new("RGB", (8, 4)).save(tmp_path / "content" / "foto.png")
    os.utime(tmp_path / "content" / "foto.png", ns=(0, 10**18))
    stamped.clear()
    assert check("--jobs", "1") == (0, "")
    assert stamped.count("foto.png") >= 1
