"""A run leaves no reference cycles behind: every post's objects are freed as soon as it is
checked, not when the cyclic GC gets round to them (yeplint raises the GC's thresholds, so
cycles would pile up: a closure that referred to itself kept each post's front matter alive
and a 50,000-post run's workers grew by ~60 MB each)."""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import FIXTURES, YEP, lint_paths
from yeplint.config.settings import Settings
from yeplint.engine import session
from yeplint.engine.linter import Linter
from yeplint.engine.parallel import PARALLEL_MIN
from yeplint.site.discovery import discover

POST = """---
title: Teamgevoel {n}
date: 2024-03-0{d}
categories: [Leiderschap]
img: ./foto-{n}.jpg
alt: Twee collega's
broken: [1, .nan]
---

##Kop {n}

Tekst met ![beeld](./foto-{n}.jpg) en <img src="weg-{n}.png"> en een [link](/elders/).

> ## Citaat
> met **nadruk**

- [ ] taak
"""


def _garbage(run: object) -> list[object]:
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        run()  # type: ignore[operator]
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_checking_posts_makes_no_reference_cycles(tmp_path: Path) -> None:
    for n in range(20):
        (tmp_path / f"p{n}.md").write_text(POST.format(n=n, d=n % 9 + 1))
        Image.new("RGB", (4, 4)).save(tmp_path / f"foto-{n}.jpg", "JPEG")
    pages = sorted(tmp_path.glob("*.md"))
    lint_paths(pages[:1], tmp_path)  # first use: imports, compiled schemas
    garbage = _garbage(lambda: lint_paths(pages, tmp_path))
    assert not garbage, sorted({type(o).__name__ for o in garbage})


def test_the_fixtures_make_no_reference_cycles() -> None:
    pages = sorted(p for p in FIXTURES.rglob("*.md") if "YEP0" not in str(p))
    lint_paths(pages[:1], FIXTURES)
    garbage = _garbage(lambda: lint_paths(pages, FIXTURES))
    assert not garbage, sorted({type(o).__name__ for o in garbage})


def test_yaml_11_readings_keep_no_nodes() -> None:
    """PyYAML's constructor remembers every node it built until told to forget: read for each
    plain scalar of every page, it grew a worker by ~160 bytes a page for the whole run."""
    from yeplint.document.front_matter import yaml as front_yaml

    for text in ("yes", "1_000", "2024-01-05", "0x1f", "~", "1e3", "9:30"):
        front_yaml.yaml11_reading(text)
    constructor = front_yaml._constructor11
    assert not constructor.constructed_objects
    assert not constructor.recursive_objects


def test_unpickled_messages_are_shared_when_equal() -> None:
    """A parallel run's parent unpickles each worker's problems: equal messages become one
    object (most of a large run's ~2 messages a problem repeat), unequal ones never do."""
    import pickle

    from yeplint.locale.messages import Field, Number, msg

    same = [msg("{field} is empty", field=Field(("alt",))) for _ in range(3)]
    revived = pickle.loads(pickle.dumps(same))
    assert revived == same
    assert revived[0] is revived[1] is revived[2]
    assert revived[0].args == {"field": Field(("alt",))}
    others = [
        msg("at most {limit}", limit=1),
        msg("at most {limit}", limit=True),
        msg("at most {limit}", limit=Number(1)),
        msg("at most {limit}", limit=msg("one")),
        msg("at most {limit}", limit=msg("one")),
    ]
    back = pickle.loads(pickle.dumps(others))
    assert [str(m) for m in back] == [str(m) for m in others]
    assert len({id(m) for m in back}) == len(back)
    assert [type(m.args["limit"]) for m in back] == [type(m.args["limit"]) for m in others]


def test_a_chunk_sends_its_pages_template_flags_and_its_worker_keeps_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether a page has template syntax is read only by the parent's orphan check: each
    chunk sends its own pages' flags and its worker forgets them (it kept one a page it linted
    for the whole run, issue 29)."""
    from yeplint.engine import parallel

    (tmp_path / "a.md").write_text('# A\n\n{{< figure src="x.jpg" >}}\n')
    (tmp_path / "b.md").write_text("# B\n")
    settings = Settings()
    targets = discover([tmp_path], settings, cwd=tmp_path)
    worker = Linter(settings, select=["YEP501"])
    monkeypatch.setattr(parallel, "_worker", worker)
    first = parallel._work(targets[:1], None)
    assert not worker.site.templated
    second = parallel._work(targets[1:], None)
    assert not worker.site.templated
    assert (first.templated, second.templated) == ([True], [False])


def _linked_pages(root: Path, count: int) -> None:
    """``count`` pages in one folder, each linking to an anchor of earlier pages (some there,
    some not), the first one rendering an imported partial's headings as MDX does."""
    (root / "_deel.mdx").write_text("## Uit het deel\n")
    (root / "p000.md").write_text(
        "import Deel from './_deel.mdx'\n\n# Nul\n\n## Kop 0\n\n<Deel />\n\n"
        "Zie [deel](./p000.md#uit-het-deel).\n"
    )
    for i in range(1, count):
        links = f"[terug](./p{i - 1:03d}.md#kop-{i - 1}) en [weg](./p{i // 2:03d}.md#weg)"
        (root / f"p{i:03d}.md").write_text(f"# Pagina {i}\n\n## Kop {i}\n\n{links}\n")


def test_a_worker_keeps_the_anchors_of_few_pages_and_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker keeps each page's anchors for the links of later pages: at most
    ``ANCHORS_KEPT`` from chunk to chunk (~0.25-0.75 KB a page: 50,000 pages grew its two
    workers by ~20 MB), reading a forgotten page again when a link asks; a page that may
    import others' is kept. The findings are those of a run that keeps them all."""
    from yeplint.engine import linter as linter_module
    from yeplint.engine import parallel

    _linked_pages(tmp_path, PARALLEL_MIN + 10)
    settings = replace(YEP, root=tmp_path)
    targets = discover([tmp_path], settings, cwd=tmp_path)
    serial = Linter(settings, select=["YEP404"]).run(targets)
    assert len(serial.diagnostics) > PARALLEL_MIN / 2  # the links to `#weg`

    monkeypatch.setattr(linter_module, "ANCHORS_KEPT", 3)
    parallel_run = session.run(Linter(settings, select=["YEP404"]), targets, jobs=2)
    assert parallel_run.diagnostics == serial.diagnostics

    worker = Linter(settings, select=["YEP404"])
    monkeypatch.setattr(parallel, "_worker", worker)
    chunked = [parallel._work(targets[i : i + 25], None) for i in range(0, len(targets), 25)]
    assert [d for part in chunked for d in part.diagnostics] == serial.diagnostics
    kept = {p.name for p in worker.site.anchors}
    assert len(kept) <= 4 and "p000.md" in kept


def test_workers_send_the_lines_problems_point_at_only_for_a_report_that_shows_them(
    tmp_path: Path,
) -> None:
    """A report without code frames (any format but the text one with its frames) never reads
    the lines problems point at: the workers keep them to themselves (~10 MB on 50,000 pages
    for the parent to hold until the end, issue 29)."""
    for i in range(PARALLEL_MIN + 10):
        (tmp_path / f"p{i:03d}.md").write_text("##Kop\n")
    settings = Settings()
    targets = discover([tmp_path], settings, cwd=tmp_path)
    framed = session.run(Linter(settings, select=["YEP2"]), targets, jobs=2)
    plain_linter = Linter(settings, select=["YEP2"])
    plain_linter.frames = False
    plain = session.run(plain_linter, targets, jobs=2)
    assert plain.diagnostics == framed.diagnostics
    assert len(framed.sources) == PARALLEL_MIN + 10
    assert not plain.sources
