"""Astro, Starlight and SvelteKit conventions read from the site's own files (issue 27, item 2):
the literal values of ``astro.config.*``, the pages Astro and Starlight serve from files, and
SvelteKit's file routes; what cannot be read is said once per run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main
from yeplint.config.astro import parse_config
from yeplint.config.load import load_settings

STARLIGHT = """import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  // base: '/commented-out',
  srcDir: new URL('./www/', import.meta.url),
  publicDir: "./static",
  base: '/docs/',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [starlight({ title: 'T' })],
});
"""


def test_literal_values_of_an_astro_config_are_read() -> None:
    config = parse_config(STARLIGHT)
    assert (config.src, config.public, config.base, config.trailing_slash) == (
        "www",
        "static",
        "/docs",
        "always",
    )
    assert config.starlight and config.directory_format and config.unread == ()
    plain = parse_config("export default { build: { format: 'file' } };")
    assert (plain.src, plain.public, plain.base, plain.starlight) == ("src", "public", "", False)
    assert not plain.directory_format


def test_a_value_that_is_no_literal_is_named_not_guessed() -> None:
    config = parse_config("export default { base: process.env.BASE, srcDir: SRC, site: 'x' };")
    assert config.unread == ("base", "srcDir")
    assert (config.src, config.base) == ("src", "")


def _site(root: Path, config: str, pages: dict[str, str]) -> Path:
    (root / ".git").mkdir(parents=True)
    (root / "astro.config.mjs").write_text(config, encoding="utf-8")
    for name, text in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {path.stem}\n---\n\n{text}\n", encoding="utf-8")
    return root


def _findings(site: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[set[tuple[str, int, str]], str]:
    monkeypatch.chdir(site)
    done = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", "."])
    assert done.exit_code in (0, 1), done.output
    found = json.loads(done.stdout)["diagnostics"]
    return {(d["path"], d["line"], d["code"]) for d in found}, done.stderr


def test_starlight_docs_are_served_from_their_path_under_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(
        tmp_path / "s",
        STARLIGHT,
        {
            "www/content/docs/index.md": "[a](/docs/guide/setup/#step) [b](/docs/guide/gone/)",
            "www/content/docs/guide/setup.md": "## Step\n\n[home](/docs/) [c](/guide/setup/)",
            "www/content/docs/guide/_partial.md": "not a page",
        },
    )
    settings = load_settings(start=site, paths=[site])
    assert settings.static_roots == ("static",)
    found, told = _findings(site, monkeypatch)
    refs = {f for f in found if f[2].startswith("YEP4")}
    # a link must carry `base`: Astro does not add it to Markdown links
    assert refs == {
        ("www/content/docs/index.md", 5, "YEP401"),
        ("www/content/docs/guide/setup.md", 7, "YEP401"),
    }
    assert "not a literal" not in told


def test_an_unreadable_base_is_said_once_and_no_url_is_assumed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = STARLIGHT.replace("base: '/docs/'", "base: process.env.BASE")
    site = _site(
        tmp_path / "s",
        config,
        {
            "www/content/docs/a.md": "[b](/b/) [gone](/gone/)",
            "www/content/docs/b.md": "[a](/a/)",
        },
    )
    found, told = _findings(site, monkeypatch)
    assert not {f for f in found if f[2].startswith("YEP4")}
    assert told.count("astro.config.mjs sets `base` in a way yeplint does not read") == 1
    assert "links to its pages are not checked" in told


def test_sveltekit_routes_are_the_folders_of_their_page_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "k"
    (site / ".git").mkdir(parents=True)
    (site / "svelte.config.js").write_text("export default {};\n", encoding="utf-8")
    pages = {
        "src/routes/+page.md": "[a](/guide/setup) [b](/guide/gone) [c](/about)",
        "src/routes/guide/setup/+page.md": "[home](/) [sibling](usage)",
        "src/routes/guide/usage/+page.md": "usage",
        "src/routes/(marketing)/about/+page.md": "# About",
    }
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f"---\ntitle: T\n---\n\n{text}\n", encoding="utf-8")
    found, _ = _findings(site, monkeypatch)
    assert {f for f in found if f[2].startswith("YEP4")} == {
        ("src/routes/+page.md", 5, "YEP401"),
    }
    # no layout of SvelteKit's own shows the title: a body H1 is the page's only one
    assert not {f for f in found if f[2] == "YEP208"}


def test_the_notice_names_the_generator_with_its_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "e"
    (site / ".git").mkdir(parents=True)
    (site / "eleventy.config.js").write_text("export default {};\n", encoding="utf-8")
    (site / "a.md").write_text("# A\n", encoding="utf-8")
    monkeypatch.chdir(site)
    told = CliRunner().invoke(main, ["check", "--no-cache", "."]).stderr
    assert "looks like an Eleventy site, whose conventions apply" in told


LOCALES = """import starlight from '@astrojs/starlight';
export const locales = { root: { label: 'English', lang: 'en' }, 'pt-br': { label: 'P' } };
export default { integrations: [starlight({ title: 'T', locales })] };
"""


def test_starlight_serves_the_default_locale_where_a_translation_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(
        tmp_path / "s",
        LOCALES,
        {
            "src/content/docs/guides/a.md": "[b](/guides/b/)",
            "src/content/docs/guides/b.md": "b",
            "src/content/docs/pt-br/guides/a.md": "[b](/pt-br/guides/b/) [x](/pt-br/guides/x/)",
        },
    )
    assert parse_config(LOCALES).locales == ("root", "pt-br")
    found, _ = _findings(site, monkeypatch)
    assert {f for f in found if f[2].startswith("YEP4")} == {
        ("src/content/docs/pt-br/guides/a.md", 5, "YEP401"),
    }


def test_after_init_the_generators_urls_still_apply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """init writes the collections for the schemas; the URLs stay the generator's."""
    site = _site(
        tmp_path / "s",
        STARLIGHT,
        {
            "www/content/docs/guide/a.md": "[b](/docs/guide/b/) [gone](/docs/guide/gone/)",
            "www/content/docs/guide/b.md": "[a](../a/)",
        },
    )
    monkeypatch.chdir(site)
    assert CliRunner().invoke(main, ["init", "www/content/docs"]).exit_code == 0
    found, _ = _findings(site, monkeypatch)
    assert {f for f in found if f[2].startswith("YEP4")} == {
        ("www/content/docs/guide/a.md", 5, "YEP401"),
    }


def test_trailing_slash_never_serves_a_page_without_its_slash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From ``/guide/a``, ``../b`` is ``/b`` and ``./c`` is ``/guide/c`` (from ``/guide/a/``
    they would be ``/guide/b`` and ``/guide/a/c``, which no page is)."""
    config = "export default { trailingSlash: 'never' };\n"
    pages = {
        "src/pages/guide/a.md": "[b](../b) [c](./c)",
        "src/pages/guide/c.md": "c",
        "src/pages/b.md": "b",
    }
    found, _ = _findings(_site(tmp_path / "s", config, pages), monkeypatch)
    assert {f for f in found if f[2].startswith("YEP4")} == set()
    assert parse_config(config).trailing_slash == "never"
