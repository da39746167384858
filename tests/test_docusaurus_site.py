"""A Docusaurus site as Docusaurus serves it (issue 27, items 3 and 6): a doc's URL keeps its
folders, `.md` links are found from the docs folder too, `_` partials are no pages and their
headings are anchors of the page that renders them, an H1 that opens the body is the title,
and MDX pages are checked from a folder above the site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main
from yeplint.config.load import load_settings
from yeplint.engine.linter import Linter
from yeplint.site.urls import (
    docusaurus_doc_url,
    docusaurus_page_url,
    docusaurus_partial,
    docusaurus_post_url,
)

CONFIG = """module.exports = {
  title: 'Site',
  presets: [['classic', { docs: { routeBasePath: '/docs' } }]],
};
"""


@pytest.mark.parametrize(
    ("relative", "values", "url"),
    [
        ("guide/setup.md", {}, "/docs/guide/setup"),
        ("01-intro.md", {}, "/docs/intro"),
        ("02-guide/10-first.mdx", {}, "/docs/guide/first"),
        ("2024-01-05-notes.md", {}, "/docs/2024-01-05-notes"),
        ("guide/index.md", {}, "/docs/guide"),
        ("guide/README.md", {}, "/docs/guide"),
        ("guide/Guide.md", {}, "/docs/guide"),
        ("index.md", {}, "/docs"),
        ("guide/a.md", {"id": "b"}, "/docs/guide/b"),
        ("guide/a.md", {"slug": "c"}, "/docs/guide/c"),
        ("guide/a.md", {"slug": "/elsewhere/c"}, "/docs/elsewhere/c"),
        ("guide/index.md", {"slug": "start"}, "/docs/guide/start"),
    ],
)
def test_a_doc_is_served_at_its_folders_and_name(
    relative: str, values: dict[str, object], url: str
) -> None:
    assert docusaurus_doc_url(relative, "/docs", values) == url


@pytest.mark.parametrize(
    ("relative", "values", "url"),
    [
        ("2024-01-05-welcome.md", {}, "/blog/2024/01/05/welcome"),
        ("2024-01-05-welcome/index.mdx", {}, "/blog/2024/01/05/welcome"),
        ("news/2024-01-05-welcome.md", {}, "/blog/2024/01/05/news/welcome"),
        ("releases/10.26.md", {}, "/blog/releases/10.26"),
        ("releases/10.26.md", {"slug": "ten"}, "/blog/ten"),
    ],
)
def test_a_post_is_served_at_its_date(relative: str, values: dict[str, object], url: str) -> None:
    assert docusaurus_post_url(relative, "/blog", values) == url


def test_pages_and_partials() -> None:
    assert docusaurus_page_url("index.js", "/") == "/"
    assert docusaurus_page_url("about/index.tsx", "/") == "/about"
    assert docusaurus_page_url("crypto.md", "/") == "/crypto"
    assert docusaurus_partial("settings/_shell.mdx")
    assert docusaurus_partial("_parts/shell.mdx")
    assert not docusaurus_partial("settings/shell.mdx")


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def check(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> list[tuple[str, int, str]]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(
        main, ["check", "--no-cache", "--output-format", "json", "--lang", "en", *args]
    )
    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.stdout)["diagnostics"]
    return [(d["path"], d["line"], d["code"]) for d in found]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(
        tmp_path,
        {
            "docusaurus.config.js": CONFIG,
            "src/pages/index.js": "export default function Home() {}\n",
            "docs/intro.md": (
                "# Intro\n\n[setup](/docs/guide/setup) [nowhere](/docs/setup) [home](/)\n"
                "[news](/blog/2024/01/05/hello) [old news](/blog/2024/01/04/hello)"
                " [tags](/blog/tags/x) [a category](/docs/category/guides)\n"
            ),
            "docs/catalogs.md": "# Catalogs\n\n## Default catalog\n",
            "blog/2024-01-05-hello.md": "Hello.\n",
            "docs/guide/setup.md": (
                "# Setup\n\n[catalogs](catalogs.md) [by root](/guide/setup.md)"
                " [here](setup.md) [missing](/guide/gone.md)"
                " [anchor](catalogs.md#default-catalog)\n"
            ),
            "docs/settings/_shell.mdx": "## Shell emulator\n\nText.\n",
            "docs/settings/other.md": (
                "# Other\n\nimport Shell from './_shell.mdx'\n\n<Shell />\n\n"
                "[shell](#shell-emulator) [not here](#gone)\n"
            ),
            "docs/settings.md": (
                "# Settings\n\n[shell](./settings/other.md#shell-emulator)"
                " [gone](./settings/other.md#gone)\n"
            ),
        },
    )
    return tmp_path


def test_a_doc_is_served_at_its_folders(site: Path) -> None:
    settings = load_settings(start=site, paths=[site])
    urls = Linter(settings).site_map(site).urls
    assert urls[site / "docs" / "guide" / "setup.md"] == "/docs/guide/setup"
    assert urls[site / "blog" / "2024-01-05-hello.md"] == "/blog/2024/01/05/hello"
    assert site / "docs" / "settings" / "_shell.mdx" not in urls  # a partial has no URL


def test_links_as_docusaurus_resolves_them(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = check(site, monkeypatch)
    assert sorted(found) == [
        ("docs/guide/setup.md", 3, "YEP401"),  # /guide/gone.md: in no docs folder
        ("docs/intro.md", 3, "YEP401"),  # /docs/setup: the doc is at /docs/guide/setup
        ("docs/intro.md", 4, "YEP401"),  # the post is dated the 5th
        ("docs/settings.md", 3, "YEP404"),  # the partial has no `#gone`
        ("docs/settings/other.md", 7, "YEP404"),
    ]


def test_a_partial_is_in_no_collection(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (site / "schema.json").write_text('{"type": "object", "required": ["title"]}')
    (site / "yeplint.toml").write_text(
        'generator = "docusaurus"\ninclude = ["*.md", "*.mdx"]\n'
        '[[collections]]\nname = "docs"\n'
        'glob = "docs/**/*.{md,mdx}"\nschema = "schema.json"\n'
    )
    found = check(site, monkeypatch, "--select", "YEP1")
    assert "docs/settings/_shell.mdx" not in {path for path, _, _ in found}
    assert ("docs/catalogs.md", 1, "YEP100") in found  # a page still needs front matter


TITLED = "---\ntitle: Netwerken\n---\n\n# Netwerken\n\n[top](#netwerken)\n\n# Tweede\n"


def test_an_h1_that_opens_the_body_is_the_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"docusaurus.config.js": CONFIG, "docs/a.md": TITLED})
    found = check(tmp_path, monkeypatch, "--select", "YEP208,YEP404")
    # no "front matter title is already the H1"; the second H1 is one; Docusaurus renders
    # every H1 without an id
    assert found == [("docs/a.md", 7, "YEP404"), ("docs/a.md", 9, "YEP208")]


def test_elsewhere_the_front_matter_title_is_the_h1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"mkdocs.yml": "site_name: x\n", "yeplint.toml": "", "docs/a.md": TITLED})
    found = check(tmp_path, monkeypatch, "--select", "YEP208,YEP404")
    assert found == [("docs/a.md", 5, "YEP208"), ("docs/a.md", 9, "YEP208")]


def test_mdx_pages_are_checked_from_above_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            ".git/HEAD": "",
            "site/docusaurus.config.js": CONFIG,
            "site/docs/a.mdx": "# A\n\n[x](#nowhere)\n",
        },
    )
    found = check(tmp_path, monkeypatch, "--select", "YEP404")
    assert found == [("site/docs/a.mdx", 3, "YEP404")]


def test_an_imported_partial_brings_its_headings_without_a_generator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            ".git/HEAD": "",
            "docs/_part.mdx": "## From the partial\n",
            "docs/a.md": (
                "# A\n\nimport Part from './_part.mdx'\n\n<Part />\n\n"
                "[there](#from-the-partial) [not there](#nowhere)\n"
            ),
        },
    )
    assert check(tmp_path, monkeypatch, "--select", "YEP404") == [("docs/a.md", 7, "YEP404")]


def test_only_a_doc_that_sets_its_id_or_slug_is_parsed_for_its_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yeplint.document.post as post_module

    write(
        tmp_path,
        {
            "docusaurus.config.js": CONFIG,
            "docs/a.md": "---\ntitle: Inside\nsidebar_label: Side\n---\n# A\n",
            "docs/b.md": "---\ntitle: B\n---\n# B, said the guide\n",
            "docs/c.md": "---\nid: see\n---\n# C\n",
        },
    )
    parsed: list[str] = []
    load_text = post_module.load_text

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        parsed.append(path.name)
        return load_text(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(post_module, "load_text", counting)
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    urls = Linter(settings).site_map(tmp_path).urls
    assert urls[tmp_path / "docs" / "c.md"] == "/docs/see"
    assert parsed == ["c.md"]
