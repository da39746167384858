"""The generator is the oracle (bench/oracle): each site of tests/oracle_sites is built with its
real generator, and what the output shows (page URLs, rendered headings and ids, references
that land on nothing) is compared with what yeplint concluded from the source.

A site must agree with its build except for the disagreements listed in ``KNOWN``: each is a
class of case where yeplint is wrong today, and has its own test marked ``xfail(strict=True)``
that turns red (XPASS) once yeplint gets it right, so the entry can go. A generator that is not
installed skips its tests; each site is built once per session. The first tests need no
generator: they pin the harness's own reading of HTML and of targets.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from oracle.builders import BUILDERS, NOT_BUILT, BuildError
from oracle.compare import (
    REFERENCE_CODES_NOT_BROKEN,
    REFERENCE_RULES,
    Agreement,
    compare,
    finding_target,
    plain,
    ref_key,
)
from oracle.output import Region, broken, read, resolve, scan
from oracle.run import check, oracle_sites
from oracle.yeplint_side import Finding, SourceHeading, SourcePage, findings, pages

from yeplint.site.urls import normalize

_OPAQUE_HTML = (
    "Markdown inside an HTML block (`<details>` … `</details>` with blank lines) is no"
    " Markdown to Python-Markdown and kramdown, which pass the block through as it is: yeplint"
    " knows it for anchors, but the heading rules read the page as CommonMark does, where its"
    " `## heading` is one"
)
_JEKYLL_MD_LINKS = (
    "Jekyll writes a link to a page file (`anchors.md`) as it is, but GitHub Pages' build"
    " turns jekyll-relative-links on, which rewrites it: which of the two builds a site is not"
    " in the checkout, so yeplint resolves the file"
)
KNOWN: dict[str, dict[str, str]] = {
    "jekyll": {
        "heading: edge/anchors.md: yeplint 24 headings, rendered 23; heading 15: yeplint"
        " (2, 'Inside details'), rendered (2, 'Dup')": _OPAQUE_HTML,
        "rule: edge/anchors.md: YEP207 line 49: the rendering does not show it": (
            _OPAQUE_HTML + " (the headings after it are paired one off)"
        ),
        "missed: edge/links.md: link `anchors.md` -> `/edge/links/anchors.md` (nothing there):"
        " no finding": _JEKYLL_MD_LINKS,
        "missed: edge/links.md: link `../about.md` -> `/edge/about.md` (nothing there): no"
        " finding": _JEKYLL_MD_LINKS,
    },
    "mkdocs": {
        "heading: docs/edge/anchors.md: yeplint 23 headings, rendered 22; heading 16: yeplint"
        " (2, 'Inside details'), rendered (2, 'Dup')": _OPAQUE_HTML,
        "rule: docs/edge/anchors.md: YEP207 line 46: the rendering does not show it": (
            _OPAQUE_HTML + " (the headings after it are paired one off)"
        ),
        "missed: docs/edge/links.md: link `../notes/` -> `/edge/notes/` (nothing there): no"
        " finding": "a page no collection gives a `url` has no URL on MkDocs, so a link to a"
        " folder (no .md file, which MkDocs leaves as written) is resolved from the file's"
        " folder rather than the page's URL (`/edge/links/`)",
    },
}

DOCUMENTED_KNOWN: dict[str, dict[str, str]] = {}
"""As ``KNOWN``, for the sites compared with what their generator's documentation says the
build gives (``expected.json``): the ones no generator here builds."""

SITES = {s.name: s for s in oracle_sites()}
_BUILT: dict[str, Agreement] = {}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Agreement]]:
    yield _BUILT


def agreement(name: str, built: dict[str, Agreement], tmp: pytest.TempPathFactory) -> Agreement:
    """The site's agreement, built once per session; skips when its generator is absent."""
    site = SITES[name]
    missing = site.builder.available()
    if missing is not None:
        pytest.skip(missing)
    if name not in built:
        for attempt in (
            1,
            2,
        ):  # a bundler (Docusaurus's webpack) fails now and then on a busy machine
            try:
                built[name] = check(site, tmp.mktemp(f"oracle-{name}"))
                break
            except BuildError as error:
                if attempt == 2:
                    pytest.fail(str(error))
    return built[name]


@pytest.mark.parametrize("name", sorted(SITES))
def test_the_build_agrees_with_yeplint_but_for_known_classes(
    name: str, built: dict[str, Agreement], tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = agreement(name, built, tmp_path_factory)
    assert result.pages >= 3
    assert result.confirmed > 0  # the site has broken references yeplint and the build agree on
    assert sorted(result.seen() - set(KNOWN.get(name, {}))) == []


KNOWN_CASES = [
    pytest.param(
        name,
        case,
        marks=pytest.mark.xfail(strict=True, reason=f"yeplint: {why}"),
        id=f"{name}-{index}",
    )
    for name, cases in sorted(KNOWN.items())
    for index, (case, why) in enumerate(cases.items())
]


@pytest.mark.parametrize(("name", "case"), KNOWN_CASES)
def test_known_disagreement_is_gone(
    name: str, case: str, built: dict[str, Agreement], tmp_path_factory: pytest.TempPathFactory
) -> None:
    result = agreement(name, built, tmp_path_factory)
    assert case not in result.seen()


# the sites compared with their generator's documentation

HERE = Path(__file__).parent / "oracle_sites"
DOCUMENTED = sorted(p.parent.name for p in HERE.glob("*/expected.json"))


@functools.cache
def documented(name: str) -> frozenset[str]:
    """Where yeplint disagrees with ``expected.json``: the page URLs, heading ids and broken
    references the generator's documentation gives for the site (it names its pages). For a
    generator that cannot run here (Zola: no package; Astro 7: Node.js 22); when one can, the
    build is compared as well (``test_the_build_agrees_with_yeplint_but_for_known_classes``)."""
    site = HERE / name
    expected = json.loads((site / "expected.json").read_text(encoding="utf-8"))
    source = pages(site)
    seen: set[str] = set()
    for path, url in expected["urls"].items():
        got = source[path].url
        if (got and normalize(got)) != (url and normalize(url)):
            seen.add(f"url: {path}: yeplint `{got}`, documented `{url}`")
    for path, ids in expected["anchors"].items():
        believed = set(source[path].anchors or ())
        if believed != set(ids):
            only, missing = sorted(believed - set(ids)), sorted(set(ids) - believed)
            seen.add(f"anchors: {path}: yeplint only: {only}; documented only: {missing}")
    broken_refs = {(p, line, target) for p, line, target in expected["broken"]}
    reported = set()
    for finding in findings(site):
        if finding.code.startswith(REFERENCE_RULES) and finding.code not in (
            REFERENCE_CODES_NOT_BROKEN
        ):
            lines = (site / finding.path).read_text(encoding="utf-8").splitlines()
            reported.add((finding.path, finding.line, finding_target(finding, lines)))
    for path, line, target in sorted(reported - broken_refs):
        seen.add(f"unconfirmed: {path}: line {line} `{target}`: documented as served")
    for path, line, target in sorted(broken_refs - reported):
        seen.add(f"missed: {path}: line {line} `{target}`: no finding")
    return frozenset(seen)


@pytest.mark.parametrize("name", DOCUMENTED)
def test_yeplint_agrees_with_the_documented_build_but_for_known_classes(name: str) -> None:
    assert sorted(documented(name) - set(DOCUMENTED_KNOWN.get(name, {}))) == []


DOCUMENTED_CASES = [
    pytest.param(
        name,
        case,
        marks=pytest.mark.xfail(strict=True, reason=f"yeplint: {why}"),
        id=f"{name}-documented-{index}",
    )
    for name, cases in sorted(DOCUMENTED_KNOWN.items())
    for index, (case, why) in enumerate(cases.items())
]


@pytest.mark.parametrize(("name", "case"), DOCUMENTED_CASES)
def test_known_documented_disagreement_is_gone(name: str, case: str) -> None:
    assert case not in documented(name)


# the harness itself, without a generator

PAGE = """<html><head><title>T</title></head><body>
<nav><a href="/menu/">Menu</a><h2 id="nav">Nav</h2></nav>
<article class="content x"><h1>Title</h1>
<h2 id="a-b">A <code>b</code><a class="anchor" href="#a-b">#</a></h2>
<p>See <a href="../other/#x">other</a> and <img src="img/p.png" alt="p"><br>
<a name="old"></a></p></article>
<footer><a href="/legal/">Legal</a></footer></body></html>"""


def test_a_page_is_read_inside_its_content_region_without_theme_chrome() -> None:
    page = scan(PAGE, "/posts/one/", Region(classes=("content",), chrome=("anchor",)))
    assert [(h.level, h.text, h.id) for h in page.headings] == [
        (1, "Title", None),
        (2, "A b", "a-b"),
    ]
    assert [(r.kind, r.target) for r in page.references] == [
        ("link", "../other/#x"),
        ("image", "img/p.png"),
    ]
    assert page.ids == {"nav", "a-b", "old"}
    assert page.title == "T"


def test_targets_resolve_as_a_browser_does_under_a_base_path() -> None:
    assert resolve("/posts/one/", "../two/#x", "/", ()) == "/posts/two/#x"
    assert resolve("/a.html", "b.html", "/", ()) == "/b.html"
    assert resolve("/p/", "/blog/x/", "/blog/", ()) == "/x/"
    assert resolve("/p/", "https://example.org/x/", "/", ("https://example.org",)) == "/x/"
    assert resolve("/p/", "https://elsewhere.org/x/", "/", ()) is None
    outside = resolve("/p/", "/x/", "/blog/", ())
    assert outside is not None and not outside.startswith("/x/")


def test_broken_references_of_an_output_folder(tmp_path: Path) -> None:
    (tmp_path / "posts" / "one").mkdir(parents=True)
    (tmp_path / "posts" / "one" / "index.html").write_text(
        '<main><a href="../two/">2</a><a href="../two/#there">2</a><a href="../two/#not">2</a>'
        '<a href="../three/">3</a><img src="p.png"><img src="q.png"></main>',
        encoding="utf-8",
    )
    (tmp_path / "posts" / "one" / "p.png").write_bytes(b"")
    (tmp_path / "posts" / "two.html").write_text('<h2 id="there">T</h2>', encoding="utf-8")
    output = read(tmp_path, Region(tags=("main",)))
    page = output.page("/posts/one/")
    assert page is not None
    found = [(b.reference.target, b.anchor) for b in broken(output, page)]
    assert found == [("../two/#not", True), ("../three/", False), ("q.png", False)]


def test_a_source_target_and_its_rewritten_output_share_a_key() -> None:
    assert ref_key("../guide/setup.md#first") == ref_key("../setup/#first") == ("setup", "first")
    assert ref_key("../posts/_index.md") == ref_key("/posts/") == ("posts", "")
    assert ref_key("#x") == ("", "x")
    line = "See [a](../b.md#c) and ![x]({{ site.baseurl }}/img/p.png)."
    link = Finding("p.md", 1, 5, 1, 19, "YEP404", "`../b.md` has no heading `#c`")
    image = Finding("p.md", 1, 24, 1, 59, "YEP301", "image does not exist")
    assert finding_target(link, [line]) == "../b.md#c"
    assert finding_target(image, [line]) == "{{ site.baseurl }}/img/p.png"
    assert plain("Options: `--fast` and **bold** [x](y)") == "Options: --fast and bold x"
    assert plain("An ![icon](logo.png) inside") == "An inside"  # an image shows no text
    spaced = Finding("p.md", 1, 1, 1, 20, "YEP401", "link to `/a b/`: no page at `/a b/`")
    assert finding_target(spaced, ["[x](</a b/>) after"]) == "/a b/"
    assert ref_key("</edge/camel case/>") == ref_key("/edge/camel%20case/") == ("camel case", "")


def test_a_file_url_is_served_by_that_file_only(tmp_path: Path) -> None:
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("<main><h1>About</h1></main>")
    (tmp_path / "legal.html").write_text("<main><h1>Legal</h1></main>")
    output = read(tmp_path, Region(tags=("main",)))
    assert output.exists("/about/") and output.exists("/about/index.html")
    assert output.exists("/legal.html") and output.exists("/legal")
    assert not output.exists("/about.html")  # no host serves about/index.html there


def test_compare_pairs_findings_with_broken_references(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    (out / "a" / "index.html").write_text(
        '<main><h1 id="a">A</h1><h3 id="deep">Deep</h3><a href="../gone/">x</a>'
        '<a href="../a/#a">y</a><a href="../lost/">z</a></main>',
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text(
        "# A\n\n### Deep\n\n[x](gone.md) [y](a.md#a) [z](lost.md)\n", encoding="utf-8"
    )
    source = SourcePage(
        "a.md",
        "/a/",
        [SourceHeading(1, "A", 1, None), SourceHeading(3, "Deep", 3, None)],
        frozenset({"a", "deep"}),
    )
    findings = [
        Finding("a.md", 5, 1, 5, 13, "YEP401", "link target `gone.md` does not exist"),
        Finding("a.md", 5, 14, 5, 25, "YEP401", "link target `a.md` does not exist"),
        Finding("a.md", 3, 1, 3, 9, "YEP205", "heading level jumps"),
    ]
    result = compare("t", {"a.md": source}, findings, read(out, Region(tags=("main",))), tmp_path)
    assert (result.findings, result.confirmed, result.missed) == (2, 1, 1)
    assert (result.heading_findings, result.heading_confirmed) == (1, 1)
    assert sorted(result.seen()) == [
        "missed: a.md: link `../lost/` -> `/lost/` (nothing there): no finding",
        "unconfirmed: a.md: YEP401 line 5 `a.md#a`: the build serves it",
    ]
    assert result.urls_right == result.urls_known == 1


def test_every_oracle_site_has_a_builder_or_says_why_not() -> None:
    here = Path(__file__).parent / "oracle_sites"
    names = {p.name for p in here.iterdir() if p.is_dir()}
    assert names <= set(BUILDERS) | set(NOT_BUILT)
    assert set(NOT_BUILT) & names <= set(DOCUMENTED)  # compared with the documentation instead
