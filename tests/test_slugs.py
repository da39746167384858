"""Heading anchors follow the site's slug algorithm (issue 27): the pure slug functions against
tables taken from the generators (and, for Python-Markdown and pymdownx, against the real
library), the site configuration that chooses one, and YEP404 on a site of each kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import lint_paths
from yeplint.config.generators import by_name, site_slugs
from yeplint.config.load import load_settings
from yeplint.document import slugs

# (heading, github, goldmark, python-markdown, zola, kramdown GFM, kramdown, vitepress)
TABLE = [
    ("Stap 1 - kies een doel", "stap-1---kies-een-doel", "stap-1---kies-een-doel",
     "stap-1-kies-een-doel", "stap-1-kies-een-doel", "stap-1---kies-een-doel",
     "stap-1---kies-een-doel", "stap-1-kies-een-doel"),
    ("Café & Crème", "café--crème", "café--crème", "cafe-creme", "cafe-creme", "café--crème",
     "caf--crme", "cafe-creme"),
    ("Waarom coachen?", "waarom-coachen", "waarom-coachen", "waarom-coachen", "waarom-coachen",
     "waarom-coachen", "waarom-coachen", "waarom-coachen"),
    ("1. Über ons", "1-über-ons", "1-über-ons", "1-uber-ons", "1-uber-ons", "1-über-ons",
     "ber-ons", "_1-uber-ons"),
    ("snake_case `code`", "snake_case-code", "snake_case-code", "snake_case-code",
     "snake-case-code", "snake_case-code", "snakecase-code", "snake-case-code"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "github", "goldmark", "pymd", "zola", "gfm", "kramdown", "vitepress"), TABLE
)
def test_each_generator_slugs_a_heading_its_own_way(
    text: str, github: str, goldmark: str, pymd: str, zola: str, gfm: str, kramdown: str,
    vitepress: str,
) -> None:  # fmt: skip
    text = text.replace("`", "")
    assert slugs.github(text) == github
    assert slugs.goldmark(text) == goldmark
    assert slugs.python_markdown(text) == pymd
    assert slugs.zola(text) == zola
    assert slugs.kramdown_gfm(text) == gfm
    assert slugs.kramdown(text) == kramdown
    assert slugs.vitepress(text) == vitepress


def test_hugo_variants_and_blackfriday() -> None:
    assert slugs.goldmark("Café crème") == "café-crème"  # composed letters are letters
    assert slugs.goldmark_ascii("Café crème") == "cafe-creme"
    assert slugs.blackfriday("Stap 1 - kies een doel!") == "stap-1-kies-een-doel"


def test_zola_transliterates_or_admits_it_cannot() -> None:
    assert slugs.zola("Straße – Œuvre") == "strasse-oeuvre"
    assert slugs.zola("Launch 🚀") is None  # deunicode's words for an emoji are not known here
    assert slugs.zola_safe('Een "kop" (met) haakjes') == "Een_kop_met_haakjes"


@pytest.mark.parametrize(
    "heading",
    ["Stap 1 - kies een doel", "Café & Crème", "1. Über ons", "Zoë’s   plan", "a_b--c", "Ελληνικά"],
)
def test_python_markdown_matches_the_real_library(heading: str) -> None:
    toc = pytest.importorskip("markdown.extensions.toc")
    assert slugs.python_markdown(heading) == toc.slugify(heading, "-")
    assert slugs.python_markdown(heading, "_") == toc.slugify(heading, "_")
    unicode = slugs.python_markdown(heading, keep_unicode=True)
    assert unicode == toc.slugify_unicode(heading, "-")
    pymdownx = pytest.importorskip("pymdownx.slugs")
    for case in ("none", "lower", "fold"):
        assert slugs.pymdownx(heading, "-", case) == pymdownx.slugify(case=case)(heading, "-")


def test_repeats_are_told_apart_as_each_generator_does() -> None:
    same = [("Herhaald", None)] * 3 + [("Herhaald 1", None)]
    github = slugs.heading_ids(same, slugs.Style(slugs.github))
    assert github == ["herhaald", "herhaald-1", "herhaald-2", "herhaald-1-1"]
    mkdocs = slugs.style("python-markdown")
    assert mkdocs is not None
    ids = slugs.heading_ids([("Herhaald", None), ("X", "herhaald"), ("Herhaald", None)], mkdocs)
    assert ids == ["herhaald_1", "herhaald", "herhaald_2"]  # a written {#id} is taken first
    assert slugs.style("unknown") is None


def _site(tmp_path: Path, config: str, text: str, body: str) -> Path:
    (tmp_path / config).write_text(text, encoding="utf-8")
    (tmp_path / "yeplint.toml").write_text(
        f'generator = "{config_generator[config]}"\n', encoding="utf-8"
    )
    (tmp_path / "page.md").write_text(body, encoding="utf-8")
    return tmp_path


config_generator = {"mkdocs.yml": "mkdocs", "hugo.toml": "hugo", "_config.yml": "jekyll"}
config_generator |= {"config.toml": "zola"}


def _missing(site: Path) -> list[str]:
    settings = load_settings(start=site, paths=[site])
    found = lint_paths([site / "page.md"], site, select=["YEP404"], settings=settings)
    return [d.message for d in found]


def test_an_mkdocs_site_links_to_python_markdown_ids(tmp_path: Path) -> None:
    body = "[a](#stap-1-kies-een-doel) [b](#dubbel_1) [c](#stap-1---kies-een-doel)\n\n"
    body += "## Stap 1 - kies een doel\n\n## Dubbel\n\n## Dubbel\n"
    site = _site(tmp_path, "mkdocs.yml", "site_name: x\n", body)
    assert _missing(site) == ["no heading on this page has the anchor `#stap-1---kies-een-doel`"]


def test_mkdocs_toc_options_are_read_from_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n"
        "      separator: _\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n"
        "        kwds: {case: lower}\n"
    )
    mkdocs = by_name("mkdocs")
    assert mkdocs is not None
    assert site_slugs(mkdocs, tmp_path) == ("pymdownx-lower", "_", None)
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - toc:\n      slugify: !!python/name:my.own.slugify\n"
    )
    name, _, notice = site_slugs(mkdocs, tmp_path)
    assert name == "unknown"
    assert notice is not None and "toc: slugify" in notice


def test_a_slug_algorithm_that_cannot_be_read_is_said_once_and_not_guessed(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from yeplint.cli import main

    config = "markdown_extensions:\n  - toc:\n      slugify: !!python/name:my.own.slugify\n"
    _site(tmp_path, "mkdocs.yml", config, "[a](#nergens)\n\n## Kop\n\n[b](#ook-niet)\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path), "--select", "YEP404"])
    assert result.exit_code == 0, result.output
    assert result.output.count("links to headings are not checked") == 1


@pytest.mark.parametrize(
    ("config", "text", "anchor", "wrong"),
    [
        ("hugo.toml", "", "café-crème", "cafe-creme"),
        ("hugo.toml", "[markup.goldmark.parser]\nautoHeadingIDType = 'github-ascii'\n",
         "cafe-creme", "café-crème"),
        ("config.toml", "base_url = 'https://x.nl'\n", "cafe-creme", "café-crème"),
        ("config.toml", "base_url = 'x'\n[slugify]\nanchors = 'safe'\n", "Café_Crème",
         "cafe-creme"),
        ("_config.yml", "title: x\n", "café-crème", "cafe-creme"),
        ("_config.yml", "kramdown:\n  input: kramdown\n", "caf-crme", "café-crème"),
    ],
)  # fmt: skip
def test_each_generator_reads_its_own_configuration(
    tmp_path: Path, config: str, text: str, anchor: str, wrong: str
) -> None:
    site = _site(tmp_path, config, text, f"[a](#{anchor}) [b](#{wrong})\n\n## Café Crème\n")
    assert _missing(site) == [f"no heading on this page has the anchor `#{wrong}`"]


# (heading as written, Hugo's id, MkDocs' id, Jekyll's id): what each build gave
# (tests/oracle_sites/*/…/anchors.md, compared by tests/test_oracle.py)
RENDERED = [
    ("A [linked](https://example.org/) heading", "a-linked-heading", "a-linked-heading",
     "a-linked-heading"),
    ("*Emphasis* and __strong__", "emphasis-and-strong", "emphasis-and-strong",
     "emphasis-and-strong"),
    ("An ![icon](logo.png) inside", "an-icon-inside", "an-inside", "an--inside"),
    ("Step 1 -- install", "step-1--install", "step-1-install", "step-1--install"),
    ("Run `--fast`", "run---fast", "run-fast", "run---fast"),
    ("Tom &amp; Jerry", "tom--jerry", "tom-jerry", "tom--jerry"),
    ("See [the guide][g]", "see-the-guide", "see-the-guide", "see-the-guide"),
]  # fmt: skip


@pytest.mark.parametrize(("heading", "hugo", "mkdocs", "jekyll"), RENDERED)
def test_a_heading_is_slugged_from_its_rendered_text(
    tmp_path: Path, heading: str, hugo: str, mkdocs: str, jekyll: str
) -> None:
    for config, text, anchor in (
        ("hugo.toml", 'title = "x"\n', hugo),
        ("mkdocs.yml", "site_name: x\n", mkdocs),
        ("_config.yml", "title: x\n", jekyll),
    ):
        site = tmp_path / config
        site.mkdir()
        body = f"## {heading}\n\n[a](#{anchor})\n\n[g]: https://example.org/\n"
        assert _missing(_site(site, config, text, body)) == [], config


def test_goldmark_names_a_heading_with_no_slug_heading() -> None:
    hugo = slugs.style("goldmark")
    assert hugo is not None
    texts = [("\u2014", None), ("?!", None)]  # `## ---` is an em dash to the typographer
    assert slugs.heading_ids(texts, hugo) == ["heading", "heading-1"]


def test_kramdown_counts_each_slug_without_looking_at_the_ids_taken() -> None:
    gfm = slugs.style("kramdown-gfm")
    assert gfm is not None
    texts = [("Dup", None), ("Dup", None), ("Dup-1", None), ("Dup", None)]
    assert slugs.heading_ids(texts, gfm) == ["dup", "dup-1", "dup-1", "dup-2"]


def test_the_rendered_text_of_a_heading() -> None:
    from yeplint.document.inline import reference_labels, rendered_text

    assert rendered_text("1. Step *one*") == "1. Step one"  # no list: a heading's text
    assert rendered_text("- [x][Ref] and [y][none]", {"ref"}) == "- x and [y][none]"
    assert rendered_text("![a](p.png) b", image_alt=True) == "a b"
    assert rendered_text("a -- `--b` ... c---d", typographer=True) == "a \u2013 --b \u2026 c\u2014d"
    assert rendered_text(r"\*not\* <span>html</span>") == "*not* html"
    assert reference_labels("x\n\n[Some  Label]: /x\n") == {"some label"}


def test_vitepress_slugs_an_entity_as_written() -> None:
    # VitePress 1.6's build (tests/oracle_sites/vitepress): `Tom &amp; Jerry` is `tom-amp-jerry`,
    # `Rock & Roll` is `rock-roll`; the other generators decode the entity first
    from yeplint.document.inline import rendered_text

    vitepress = slugs.style("vitepress")
    assert vitepress is not None
    texts = [
        (rendered_text(t, entities=vitepress.entities), None)
        for t in ("Tom &amp; Jerry", "Rock & Roll", "`a&amp;b` &copy;")
    ]
    assert slugs.heading_ids(texts, vitepress) == ["tom-amp-jerry", "rock-roll", "a-amp-b-copy"]
    assert rendered_text("Tom &amp; Jerry") == "Tom & Jerry"


def test_the_toc_extension_is_found_under_its_module_name_too(tmp_path: Path) -> None:
    """Python-Markdown loads `markdown.extensions.toc` as it loads `toc`, and zensical.toml
    nests a dotted name into tables."""
    mkdocs = by_name("mkdocs")
    assert mkdocs is not None
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - markdown.extensions.toc:\n"
        "      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n"
    )
    assert site_slugs(mkdocs, tmp_path) == ("python-markdown-unicode", "-", None)
    (tmp_path / "mkdocs.yml").unlink()
    (tmp_path / "zensical.toml").write_text(
        '[project]\nsite_name = "x"\n[project.markdown_extensions.markdown.extensions.toc]\n'
        'separator = "_"\n'
    )
    assert site_slugs(mkdocs, tmp_path) == ("python-markdown", "_", None)
