"""A site below the folder yeplint runs from (issue 27, item 6): a repository whose site lives in
``docs/`` (Zola's documentation: ``docs/config.toml``) or ``apps/site/`` (a monorepo). With no
configuration and no site at or above the folder checked, the one site found below it (a few
levels down, not inside dependencies, templates or build output) is checked as if yeplint ran
there, its paths shown from the working folder; several sites are named, and each is checked
with its conventions when named. ``yeplint init`` from above writes the site's own
configuration in its folder, which ``yeplint check`` from above then reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_hugo_paths import site
from yeplint.cli import main
from yeplint.config.generators import BELOW_DEPTH, detect_below

ZOLA = 'base_url = "https://example.org"\n'
TOML_PAGE = '+++\ntitle = "Guide"\n+++\n\n## Steps\n\n![Shot](shot.png) [gone](./gone.pdf)\n'


def run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[list[str], str]:
    """``yeplint check ARGS`` in ``root`` (``.`` when none): the concise findings, and stderr."""
    monkeypatch.chdir(root)
    done = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "concise", *(args or (".",))]
    )
    return [line for line in done.stdout.splitlines() if ": YEP" in line], done.stderr


def zola_in_docs(root: Path) -> None:
    site(
        root,
        {
            "README.md": "# Project\n\n# Second title\n",
            "docs/config.toml": ZOLA,
            "docs/content/guide/index.md": TOML_PAGE,
            "docs/content/guide/shot.png": None,
        },
    )


def test_the_one_site_below_is_checked_as_from_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zola_in_docs(tmp_path)
    from_root, told = run(tmp_path, monkeypatch)
    from_docs, _ = run(tmp_path / "docs", monkeypatch)
    assert from_root == [f"docs/{line}" for line in from_docs]
    assert not [line for line in from_root if "YEP006" in line]  # TOML is Zola's front matter
    assert [line for line in from_root if "YEP401" in line and "gone.pdf" in line]
    assert told.count("the site below, docs/, looks like a Zola site") == 1
    assert "README.md" not in "\n".join(from_root)  # outside the site: said, not checked


def test_a_site_in_a_monorepo_folder_two_levels_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "apps/site/astro.config.mjs": "export default {};\n",
            "apps/site/src/pages/guide/setup.md": "---\ntitle: Setup\n---\n\n[usage](./usage.md)\n",
            "apps/site/src/pages/guide/usage.md": "---\ntitle: Usage\n---\n\nUsage.\n",
            "apps/api/README.md": "# API\n",
        },
    )
    found, told = run(tmp_path, monkeypatch)
    assert "apps/site/, looks like an Astro site" in told
    assert [line for line in found if line.startswith("apps/site/src/pages/guide/setup.md:")]
    assert not [line for line in found if "apps/api" in line]


def test_several_sites_below_are_named_and_each_is_checked_when_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zola_in_docs(tmp_path)
    site(tmp_path, {"website/mkdocs.yml": "site_name: W\n", "website/docs/index.md": "# W\n"})
    _, told = run(tmp_path, monkeypatch)
    assert "2 sites below: docs/ (a Zola site), website/ (an MkDocs site)" in told
    assert "`yeplint check docs/`" in told
    named, told = run(tmp_path, monkeypatch, "docs/")
    assert "docs/ looks like a Zola site" in told
    assert not [line for line in named if "YEP006" in line]


def test_a_file_named_outside_the_site_keeps_the_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zola_in_docs(tmp_path)
    found, told = run(tmp_path, monkeypatch, "README.md")
    assert "site below" not in told
    assert [line for line in found if line.startswith("README.md:")]


def test_the_search_is_bounded_and_skips_dependencies_templates_and_themes(
    tmp_path: Path,
) -> None:
    deep = "/".join(f"l{i}" for i in range(BELOW_DEPTH + 1))  # one level too deep
    site(
        tmp_path,
        {
            f"{deep}/mkdocs.yml": "site_name: too deep\n",
            "node_modules/pkg/mkdocs.yml": "site_name: a dependency\n",
            "themes/t/exampleSite/hugo.toml": ZOLA,
            ".cache/mkdocs.yml": "site_name: hidden\n",
            # MkDocs' output is named `site/`, and so are sites: entered; a theme inside the
            # site found is its own business
            "site/hugo.toml": 'baseURL = "https://example.org/"\n',
            "site/themes/t/exampleSite/hugo.toml": 'baseURL = "https://example.org/"\n',
        },
    )
    found = [(g.name, p.relative_to(tmp_path).as_posix()) for g, p in detect_below(tmp_path)]
    assert found == [("hugo", "site")]


def test_init_from_above_writes_the_site_configuration_in_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zola_in_docs(tmp_path)
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["init"])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("the site below: docs/ (a Zola site)")
    written = (tmp_path / "docs" / "yeplint.toml").read_text(encoding="utf-8")
    assert 'generator = "zola"' in written
    assert not (tmp_path / "yeplint.toml").exists()
    found, told = run(tmp_path, monkeypatch)
    assert "has its own (yeplint.toml)" in told
    assert [line for line in found if line.startswith("docs/content/guide/index.md:")]
    assert not [line for line in found if "YEP006" in line]


def test_a_docusaurus_website_folder_without_a_docs_folder_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "website/docusaurus.config.js": "module.exports = { title: 'W' };\n",
            "website/docs/intro.md": "---\ntitle: Intro\n---\n\n# Introduction\n\nText.\n",
        },
    )
    found, told = run(tmp_path, monkeypatch)
    assert "the site below, website/, looks like a Docusaurus site" in told
    # Docusaurus: the body's H1 is the page's title, no second one beside the front matter's
    assert not [line for line in found if "YEP208" in line]
