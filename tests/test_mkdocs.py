"""MkDocs as Python-Markdown renders it: a `#` line without a space is a heading there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import lint_paths
from tests.test_false_classes import write
from yeplint.config.load import load_settings
from yeplint.config.settings import Settings
from yeplint.document.post import load_text

PAGE = (
    "# Setup\n\n#NoSpace here\n\nA paragraph whose second line\n##Also a [heading](x.md)\n\n"
    "`code\n#not` a heading\n\n```\n#comment\n```\n\n"
    "[to it](#nospace-here) [and](#also-a-heading)\n"
)


def test_a_hash_line_is_a_heading_on_an_mkdocs_page() -> None:
    post = load_text(Path("p.md"), "p.md", PAGE.encode(), ("yaml",), admonitions=True)
    assert [(h.level, h.text, h.span.line, h.span.column) for h in post.body.headings] == [
        (1, "Setup", 1, 1),
        (1, "NoSpace here", 3, 1),
        (2, "Also a heading", 6, 1),
    ]
    plain = load_text(Path("p.md"), "p.md", PAGE.encode(), ("yaml",))
    assert [h.text for h in plain.body.headings] == ["Setup"]


def test_yep201_is_silent_where_mkdocs_renders_a_heading(tmp_path: Path) -> None:
    write(tmp_path, {"docs/p.md": PAGE})
    select = ["YEP201", "YEP404"]
    mkdocs = lint_paths([tmp_path], tmp_path, select, Settings(generator="mkdocs"))
    assert mkdocs == []
    other = lint_paths([tmp_path], tmp_path, select, Settings())
    assert [(d.code, d.line) for d in other] == [
        ("YEP201", 3),
        ("YEP201", 6),
        ("YEP404", 15),
        ("YEP404", 15),
    ]


def test_docs_dir_and_use_directory_urls_are_read(tmp_path: Path) -> None:
    from yeplint.config.load import load_settings

    write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: S\ndocs_dir: src\nuse_directory_urls: false\n",
            "src/index.md": "# Home\n\n[logo](/img/logo.png) ![gone](/img/gone.png)\n",
            "src/img/logo.png": "",
        },
    )
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    assert (settings.static_roots, settings.directory_urls) == (("src",), False)
    found = lint_paths([tmp_path], tmp_path, ["YEP301", "YEP401"], settings)
    assert [(d.code, d.column) for d in found] == [("YEP301", 23)]


@pytest.mark.parametrize(
    ("config", "reported"),
    [
        ("", True),  # MkDocs 1.6 writes `/guide/a.md` as it is (the oracle site's build)
        ("validation:\n  links:\n    absolute_links: relative_to_docs\n", False),
        ("plugins:\n  - search\n  - i18n\n", False),  # a plugin that may rewrite links
    ],
)
def test_a_rooted_link_to_a_page_file_is_dead_on_mkdocs(
    tmp_path: Path, config: str, reported: bool
) -> None:
    write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: x\n" + config,
            "docs/guide/a.md": "# A\n",
            "docs/b.md": "# B\n\n[a](/guide/a.md) [b](guide/a.md)\n",
        },
    )
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    found = lint_paths([tmp_path / "docs" / "b.md"], tmp_path, ["YEP401"], settings)
    expected = [
        "link to the page file `/guide/a.md`: MkDocs leaves it as written and serves no such file"
    ]
    assert [d.message for d in found] == (expected if reported else [])


def test_a_heading_inside_an_html_block_is_text_to_python_markdown(tmp_path: Path) -> None:
    # MkDocs' build of tests/oracle_sites/mkdocs; an element with `markdown="1"` holds Markdown
    body = (
        "# P\n\n<details>\n<summary>More</summary>\n\n## Inside\n\n</details>\n\n"
        '<div markdown="1">\n\n## Parsed\n\n</div>\n\n[x](#inside) [y](#parsed)\n'
    )
    write(tmp_path, {"mkdocs.yml": "site_name: x\n", "docs/p.md": body})
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    found = lint_paths([tmp_path / "docs" / "p.md"], tmp_path, ["YEP404"], settings)
    assert [(d.line, d.column) for d in found] == [(16, 1)]


ZENSICAL = (
    '[project]\nsite_name = "S"\ndocs_dir = "src"\nuse_directory_urls = false\n\n'
    "[project.markdown_extensions.toc.slugify]\n"
    'object = "pymdownx.slugs.slugify"\nkwds = { case = "lower" }\n'
)


def test_a_zensical_project_is_read_as_mkdocs_reads_its_settings(tmp_path: Path) -> None:
    """Zensical builds MkDocs projects; its `zensical.toml` holds mkdocs.yml's settings in
    `[project]`: the folder served, the URLs and the heading anchors are read from there."""
    from yeplint.config.generators import by_name, site_slugs
    from yeplint.config.load import load_settings

    write(
        tmp_path,
        {
            "zensical.toml": ZENSICAL,
            "src/index.md": (
                "---\ntitle: Home\n---\n\n# Welcome\n\n## Ça Va\n\n"
                "[logo](/img/logo.png) ![gone](/img/gone.png) [here](#ça-va) [gh](#a-va)\n"
            ),
            "src/img/logo.png": "",
        },
    )
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    assert settings.generator == "mkdocs"
    assert (settings.static_roots, settings.directory_urls) == (("src",), False)
    mkdocs = by_name("mkdocs")
    assert mkdocs is not None
    assert site_slugs(mkdocs, tmp_path) == ("pymdownx-lower", "-", None)
    found = lint_paths([tmp_path], tmp_path, ["YEP208", "YEP301", "YEP401", "YEP404"], settings)
    assert [(d.code, d.column) for d in found] == [("YEP301", 23), ("YEP404", 61)]


def test_a_zensical_toml_without_its_project_table_names_no_generator(tmp_path: Path) -> None:
    from yeplint.config.generators import site_in

    write(tmp_path, {"zensical.toml": '[tool]\nname = "x"\n', "docs/index.md": "# Home\n"})
    assert site_in(tmp_path) is None


def test_an_indented_later_line_of_a_paragraph_is_no_heading_on_an_mkdocs_page() -> None:
    """Python-Markdown reads a `#` line as a heading only where the `#` starts the line (past a
    block quote's `>`): a list item's second line `  #1132.` is the item's text."""
    page = (
        "* Fixed a leak -\n  #1132.\n* Sped up -\n    #1133 too\n\n"
        "A paragraph\n  #96 indented\n\n> quoted\n> #77 Quote\n\n* item\n#94 Lazy\n"
    )
    post = load_text(Path("p.md"), "p.md", page.encode(), ("yaml",), admonitions=True)
    assert [(h.text, h.span.line) for h in post.body.headings] == [
        ("77 Quote", 10),
        ("94 Lazy", 13),
    ]


def test_a_fancylists_item_is_no_heading() -> None:
    """`#. item` numbers itself with pymdownx.fancylists; without it Python-Markdown makes an
    H1 `. item` of it, which no one means: not read as a heading either way."""
    page = "# Lists\n\n#. first\n#. second\n\n#) third\n"
    post = load_text(Path("p.md"), "p.md", page.encode(), ("yaml",), admonitions=True)
    assert [h.text for h in post.body.headings] == ["Lists"]
