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


def zola_and_mkdocs(root: Path) -> None:
    zola_in_docs(root)
    site(
        root,
        {
            "website/mkdocs.yml": "site_name: W\n",
            "website/docs/index.md": "---\ntitle: W\n---\n\n# W\n\n##  Kop\n\n![Foto](weg.png)\n",
        },
    )


def test_several_sites_below_are_each_checked_with_their_own_conventions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zola_and_mkdocs(tmp_path)
    found, told = run(tmp_path, monkeypatch)
    assert "docs/ looks like a Zola site" in told
    assert "website/ looks like an MkDocs site" in told
    assert not [line for line in found if "YEP006" in line]  # TOML is Zola's front matter
    assert "README.md" not in "\n".join(found)  # outside both sites, as beside one site
    docs, _ = run(tmp_path, monkeypatch, "docs/")
    website, _ = run(tmp_path, monkeypatch, "website/")
    assert docs and website
    assert sorted(found) == sorted(docs + website)  # as if each were named alone


def test_two_sites_named_in_one_run_keep_their_own_conventions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second site's pages were judged by the first's settings (a Zola page's TOML front
    matter was YEP006 when an MkDocs site was named first)."""
    zola_and_mkdocs(tmp_path)
    both, _ = run(tmp_path, monkeypatch, "website/", "docs/")
    alone = [*run(tmp_path, monkeypatch, "website/")[0], *run(tmp_path, monkeypatch, "docs/")[0]]
    assert not [line for line in both if "YEP006" in line]
    assert sorted(both) == sorted(alone)
    pages = ["website/docs/index.md", "docs/content/guide/index.md"]
    assert sorted(run(tmp_path, monkeypatch, *pages)[0]) == sorted(alone)  # pre-commit's way


def test_a_fix_over_two_sites_fixes_each_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zola_and_mkdocs(tmp_path)
    guide = tmp_path / "docs" / "content" / "guide" / "index.md"
    guide.write_text(TOML_PAGE + "\n##Stap\n", encoding="utf-8")
    found, _ = run(tmp_path, monkeypatch, "--fix", "website/", "docs/")
    assert not [line for line in found if "YEP201" in line or "YEP202" in line]
    assert "\n## Kop\n" in (tmp_path / "website" / "docs" / "index.md").read_text()
    assert guide.read_text(encoding="utf-8") == TOML_PAGE + "\n## Stap\n"


def test_a_configuration_governs_every_site_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a yeplint.toml the run is the configuration's, whatever sites lie below it."""
    zola_and_mkdocs(tmp_path)
    (tmp_path / "yeplint.toml").write_text('front-matter = ["yaml"]\n', encoding="utf-8")
    found, _ = run(tmp_path, monkeypatch, "website/", "docs/")
    assert [line for line in found if line.startswith("docs/") and "YEP006" in line]


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
