"""Parallel workers give exactly the in-process result."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from yeplint.config.settings import Settings
from yeplint.engine import session
from yeplint.engine.linter import Linter
from yeplint.engine.parallel import PARALLEL_MIN, chunks
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


def test_chunks_keep_order_and_cover_everything() -> None:
    items = list(range(10))
    parts = chunks(items, 4)
    assert [x for part in parts for x in part] == items
    assert len(parts) == 4


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
