"""Parallel workers give exactly the in-process result."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from yeplint.config.settings import Settings
from yeplint.engine import session
from yeplint.engine.linter import Linter
from yeplint.engine.parallel import CHUNK_MAX, CHUNK_MIN, PARALLEL_MIN, guided
from yeplint.site.discovery import discover


def test_parallel_equals_serial(tmp_path: Path) -> None:
    for i in range(PARALLEL_MIN + 10):
        folder = tmp_path / f"d{i % 7}"
        folder.mkdir(exist_ok=True)
        body = "##Kop\n" if i % 3 == 0 else f"## Kop {i}\n\n![Foto](weg-{i}.jpg)\n"
        (folder / f"p{i:03d}.md").write_text(body)
    settings = Settings()
    targets = discover([tmp_path], settings, cwd=tmp_path)
    linter = Linter(settings, select=["YEP2", "YEP301"])
    serial = linter.run(targets)
    parallel = session.run(linter, targets, jobs=2)
    assert parallel.diagnostics == serial.diagnostics
    assert parallel.files_checked == serial.files_checked == PARALLEL_MIN + 10
    assert parallel.paths == serial.paths
    assert parallel.sources.keys() == serial.sources.keys()
    assert parallel.files == serial.files
    # the parent's own targets, not a copy of each unpickled from the workers (issue 29)
    assert all(parallel.files[t.display] is t for t in targets)


def test_chunks_keep_order_cover_everything_and_shrink_towards_the_end() -> None:
    items = list(range(5000))
    parts = guided(items, 2)
    assert [x for part in parts for x in part] == items
    sizes = [len(p) for p in parts]
    assert sizes[0] == CHUNK_MAX and max(sizes) <= CHUNK_MAX
    assert sizes == sorted(sizes, reverse=True)
    assert min(sizes[:-1]) == CHUNK_MIN  # the last part takes what is left
    assert guided(list(range(10)), 4) == [list(range(10))]


def test_parallel_with_cache(tmp_path: Path) -> None:
    from yeplint.engine.cache import Cache

    for i in range(PARALLEL_MIN + 5):
        (tmp_path / f"p{i:03d}.md").write_text("##Kop\n" if i % 4 == 0 else "## Kop\n")
    settings = Settings()
    targets = discover([tmp_path], settings, cwd=tmp_path)
    linter = Linter(settings, select=["YEP2"])
    cold = linter.run(targets)
    linter.cache = Cache.open(tmp_path, linter.cache_key())
    first = session.run(linter, targets, jobs=2)
    assert len(linter.cache.updates) == PARALLEL_MIN + 5
    linter.cache.save()
    linter.cache = Cache.open(tmp_path, linter.cache_key())
    assert linter.cache.rows() == PARALLEL_MIN + 5
    warm = session.run(linter, targets, jobs=2)
    assert linter.cache.updates == {}  # every file came from the cache
    assert cold.diagnostics == first.diagnostics == warm.diagnostics


def test_workers_share_the_site_index_built_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import YEP

    blog = tmp_path / "content" / "blog"
    blog.mkdir(parents=True)
    for i in range(PARALLEL_MIN + 10):
        link = f"[vorige](./p{i - 1:03d}#kop-{i - 1}) [weg](./weg-{i})" if i else ""
        (blog / f"p{i:03d}.nl.md").write_text(f"## Kop {i}\n\n{link}\n")
    settings = replace(YEP, root=tmp_path)
    targets = discover([tmp_path / "content"], settings, cwd=tmp_path)
    serial = Linter(settings, select=["YEP401", "YEP404"]).run(targets)
    assert len(serial.diagnostics) == PARALLEL_MIN + 9  # each `weg-N` link, no anchor

    linter = Linter(settings, select=["YEP401", "YEP404"])
    share = linter.site_share(targets)
    assert share is not None and list(share.sites) == [tmp_path]

    def no_walk(*args: object, **kwargs: object) -> None:
        raise AssertionError("a worker walked the site again")

    monkeypatch.setattr("yeplint.site.discovery.discover", no_walk)  # forked workers inherit it
    parallel = session.run(linter, targets, jobs=2)
    assert parallel.internal_errors == 0
    assert parallel.diagnostics == serial.diagnostics


def test_the_parent_finds_the_whole_site_problems_while_the_workers_lint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """YEP504 (three pages at one address, one of them suppressed) and YEP501 (an unused
    image): a parallel run reports what a serial one does, and looks for YEP504 once."""
    import json

    from click.testing import CliRunner

    from yeplint.cli import main

    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "t"\n')
    for i in range(PARALLEL_MIN + 10):
        (posts / f"p{i:03d}.md").write_text(f"---\ntitle: P{i}\n---\n## Kop {i}\n")
    (posts / "een.md").write_text("---\ntitle: Een\nslug: welkom\n---\nEEN\n")
    (posts / "twee.md").write_text("---\ntitle: Twee\nslug: welkom\n---\nTWEE\n")
    (posts / "drie.md").write_text(
        "---\ntitle: Drie\nslug: welkom\n---\n<!-- yeplint-disable-file YEP504 -->\nDRIE\n"
    )
    (posts / "weg.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.chdir(tmp_path)
    looked = []
    found = Linter._duplicate_urls

    def counted(self: Linter, result: object) -> object:
        looked.append(len(result.files))  # type: ignore[attr-defined]
        return found(self, result)  # type: ignore[arg-type]

    monkeypatch.setattr(Linter, "_duplicate_urls", counted)

    def report(jobs: str) -> tuple[list[dict[str, object]], str]:
        done = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "-j", jobs])
        assert done.exit_code == 1, done.output
        return json.loads(done.stdout)["diagnostics"], done.stderr

    serial, parallel = report("1"), report("2")
    assert parallel == serial
    codes = [d["code"] for d in serial[0]]
    assert codes.count("YEP504") == 2 and "YEP501" in codes
    assert looked == [PARALLEL_MIN + 13, PARALLEL_MIN + 13]  # once a run


def test_workers_that_are_not_forked_build_their_own_linter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where processes are spawned (macOS, Windows), a worker builds its linter from the
    settings and the parent's site index, as a forked one inherits the parent's."""
    import multiprocessing

    for i in range(PARALLEL_MIN + 10):
        (tmp_path / f"p{i:03d}.md").write_text("##Kop\n" if i % 3 == 0 else f"## Kop {i}\n")
    settings = Settings()
    targets = discover([tmp_path], settings, cwd=tmp_path)
    serial = Linter(settings, select=["YEP2"]).run(targets)
    spawn = multiprocessing.get_context("spawn")
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: spawn)
    parallel = session.run(Linter(settings, select=["YEP2"]), targets, jobs=2)
    assert parallel.diagnostics == serial.diagnostics
    assert parallel.paths == serial.paths


def test_a_chunk_sends_only_the_files_its_own_pages_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker lints many chunks with one linter: each chunk's result names the files its
    own pages reference, not every file since the worker started (which the parent received,
    unpickled and merged again with every chunk: 50,000 generated posts took 17x the time of
    10,000 and their workers ~60 MB more each, issue 29)."""
    from PIL import Image

    from yeplint.engine import parallel

    for i in range(4):
        (tmp_path / f"p{i}.md").write_text(f"# Kop\n\n![Foto {i}](foto-{i}.jpg)\n")
        Image.new("RGB", (4, 4)).save(tmp_path / f"foto-{i}.jpg", "JPEG")
    settings = Settings()
    targets = discover([tmp_path], settings, cwd=tmp_path)
    monkeypatch.setattr(parallel, "_worker", Linter(settings, select=["YEP301"]))
    first = parallel._work(targets[:2], None)
    second = parallel._work(targets[2:], None)
    assert {Path(p).name for p in first.referenced} == {"foto-0.jpg", "foto-1.jpg"}
    assert {Path(p).name for p in second.referenced} == {"foto-2.jpg", "foto-3.jpg"}
