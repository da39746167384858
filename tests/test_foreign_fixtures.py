"""Cases that other linters' own test fixtures (yamllint's rule tests, markdownlint's
``test/*.md``, run by bench/foreign_fixtures.py) showed yeplint getting wrong, rewritten here
as small pages of our own: the fixtures themselves stay with their projects (yamllint is
GPL-3.0)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import lint_paths
from yeplint.config.settings import Settings
from yeplint.document.post import load_text


def _page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    return path


FLOW_EMPTY_VALUES = [
    "links: {home:}\n",
    "links: {home:, blog: /blog/}\n",
    "tags:\n  - {name:}\n",
    "menu: {main: {weight: , parent: {name: 4, url:}}, side:}\n",
]


@pytest.mark.parametrize("yaml", FLOW_EMPTY_VALUES)
def test_a_flow_mapping_entry_without_its_value_is_valid_yaml(tmp_path: Path, yaml: str) -> None:
    """YAML 1.2 (example 7.17) lets a flow mapping entry leave its value out before the `}` or
    `,`; PyYAML's Python reader and js-yaml take it, only libyaml refuses it."""
    path = _page(tmp_path, f"---\ntitle: Kop\n{yaml}---\n\nTekst.\n")
    post = load_text(path, "page.md", path.read_bytes())
    assert post.data is not None and post.data["title"] == "Kop"
    settings = replace(Settings(), root=tmp_path, collections=())
    assert lint_paths([path], tmp_path, select=["YEP001"], settings=settings) == []


@pytest.mark.parametrize("generator", ["jekyll", "mkdocs"])
def test_where_the_reader_is_libyaml_its_refusal_is_an_error(
    tmp_path: Path, generator: str
) -> None:
    """Jekyll reads front matter with Ruby's Psych and MkDocs with PyYAML's CSafeLoader, both
    libyaml: there `{home:}` fails (Psych: "found unexpected ':'")."""
    path = _page(tmp_path, "---\ntitle: Kop\nlinks: {home:}\n---\n\nTekst.\n")
    settings = replace(Settings(), root=tmp_path, collections=(), generator=generator)
    (found,) = lint_paths([path], tmp_path, select=["YEP001"], settings=settings)
    assert (found.line, found.column) == (3, 13)
    assert "unexpected ':'" in found.message


ANCHORS = "---\ntitle: Kop\nsizes:\n  - &size 10\n  - *size\n  - &size 20\n  - *size\n---\n"


@pytest.mark.parametrize(("generator", "reported"), [("mkdocs", True), ("jekyll", False)])
def test_an_anchor_defined_again_fails_only_with_pyyaml(
    tmp_path: Path, generator: str, reported: bool
) -> None:
    """MkDocs reads front matter with PyYAML, whose composer refuses an anchor defined again
    (and then drops the whole front matter); Psych, Hugo and js-yaml take it."""
    path = _page(tmp_path, ANCHORS)
    settings = replace(Settings(), root=tmp_path, collections=(), generator=generator)
    found = lint_paths([path], tmp_path, select=["YEP001"], settings=settings)
    assert [d.line for d in found] == ([6] if reported else [])


def test_an_anchor_defined_again_replaces_the_earlier_one(tmp_path: Path) -> None:
    """YAML 1.2: an alias refers to the most recent node with that anchor; redefining one is
    no error (js-yaml and Psych agree; PyYAML's composer refused it)."""
    path = _page(tmp_path, ANCHORS)
    post = load_text(path, "page.md", path.read_bytes())
    assert post.data is not None and post.data["sizes"] == [10, 10, 20, 20]
    settings = replace(Settings(), root=tmp_path, collections=())
    assert lint_paths([path], tmp_path, select=["YEP001"], settings=settings) == []


def test_a_tab_after_a_value_is_white_space(tmp_path: Path) -> None:
    """yamllint reports `title: Kop<TAB>` (PyYAML's Python reader refuses it); YAML, libyaml
    and js-yaml read the tab as trailing white space."""
    path = _page(tmp_path, "---\ntitle: Kop\t\n---\n")
    post = load_text(path, "page.md", path.read_bytes())
    assert post.data == {"title": "Kop"}


HEADINGS = """# Over ons

## [Onze trainers](team.md)

## Werken met *Markdown* en _YAML_

## De `yeplint_check` opdracht

## Stap\\_1 &amp; stap 2

"""


@pytest.mark.parametrize(
    "anchor",
    ["onze-trainers", "werken-met-markdown-en-yaml", "de-yeplint_check-opdracht", "stap_1--stap-2"],
)
def test_a_heading_anchor_is_made_of_the_rendered_text(tmp_path: Path, anchor: str) -> None:
    """GitHub, Hugo, MkDocs and VitePress make a heading's id of its text as rendered: a link
    is its text, emphasis and code marks and escapes are gone (markdownlint's MD051 fixture)."""
    path = _page(tmp_path, f"{HEADINGS}Zie [daar](#{anchor}).\n")
    settings = replace(Settings(), root=tmp_path, collections=())
    assert lint_paths([path], tmp_path, select=["YEP404"], settings=settings) == []


def test_a_missing_anchor_next_to_such_headings_is_still_reported(tmp_path: Path) -> None:
    path = _page(tmp_path, f"{HEADINGS}Zie [daar](#onze-trainersteammd).\n")
    settings = replace(Settings(), root=tmp_path, collections=())
    (found,) = lint_paths([path], tmp_path, select=["YEP404"], settings=settings)
    assert "#onze-trainersteammd" in found.message


@pytest.mark.parametrize(
    "link",
    ["[a](#stap\\_1--stap-2)", "[a](#top)", "[a](#Top)", "[a](other.md#top)"],
)
def test_links_that_reach_their_place(tmp_path: Path, link: str) -> None:
    """A backslash escape in a destination stands for its character (CommonMark); `#top` is
    the top of any page (HTML, "scroll to the fragment")."""
    (tmp_path / "other.md").write_text("# Ander\n", encoding="utf-8")
    path = _page(tmp_path, f"{HEADINGS}Zie {link}.\n")
    settings = replace(Settings(), root=tmp_path, collections=())
    assert lint_paths([path], tmp_path, select=["YEP404"], settings=settings) == []


def test_a_data_id_attribute_is_no_anchor(tmp_path: Path) -> None:
    text = '# Kop\n\n<div data-id="kaart"></div>\n\n<p id="echt"></p>\n\n[a](#kaart) [b](#echt)\n'
    path = _page(tmp_path, text)
    settings = replace(Settings(), root=tmp_path, collections=())
    (found,) = lint_paths([path], tmp_path, select=["YEP404"], settings=settings)
    assert "#kaart" in found.message


def test_the_harness_keeps_each_line_where_it_was() -> None:
    """bench/foreign_fixtures.py compares lines: a blanked markdownlint comment keeps its
    lines, and a YAML document as front matter moves by the fence it gained, if any."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from foreign_fixtures import as_front_matter, blank_markdownlint_comments

    text = '# Kop\n<!-- markdownlint-configure-file {\n  "MD025": false\n} -->\n##Kop\n'
    blanked = blank_markdownlint_comments(text)
    assert blanked.split("\n")[4] == "##Kop" and "markdownlint" not in blanked
    assert as_front_matter("---\nkey: 1\n") == ("---\nkey: 1\n---\n", 0)
    assert as_front_matter("key: 1") == ("---\nkey: 1\n---\n", 1)
    assert as_front_matter("---\na: 1\n---\nb: 2\n") is None  # two documents
    assert as_front_matter("a: 1\n...\n") is None
