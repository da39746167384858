"""Docusaurus's configuration, read for its literal values (issue 27, items 2 and 7): the docs
and blog folders and where they are served, the folders served at `/`, the site found in a
`website/` folder beside a top-level `docs/`, and what is computed named once, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main
from yeplint.config.docusaurus import ContentRoot, parse, read
from yeplint.config.generators import detect
from yeplint.config.load import load_settings

CLASSIC = """
import type {Config} from '@docusaurus/types';

const config: Config = {
  title: 'Site',
  url: 'https://example.org',
  baseUrl: '/project/',
  staticDirectories: ['public', 'static'],
  presets: [
    [
      'classic',
      {
        docs: {
          path: 'guides', // the docs live here
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
          editUrl: ({docPath}) => `https://github.com/x/y/edit/${docPath}`,
        },
        blog: false,
      } satisfies Preset.Options,
    ],
  ],
  plugins: [
    ['@docusaurus/plugin-content-docs', {id: 'api', path: 'api-docs', routeBasePath: 'api'}],
    'docusaurus-plugin-sass',
  ],
};

export default config;
"""


def test_the_literal_values_of_a_typescript_configuration() -> None:
    found = parse(CLASSIC)
    assert found.base_url == "/project/"
    assert found.docs == [
        ContentRoot("guides", "/project"),
        ContentRoot("api-docs", "/project/api"),
    ]
    assert found.blog == []  # `blog: false`
    assert found.static == ["public", "static"]
    assert found.unread == []


JAVASCRIPT_TEMPLATE = """// @ts-check
/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'My Site',
  baseUrl: '/',
  presets: [
    [
      'classic',
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        docs: {sidebarPath: './sidebars.js'},
        blog: {showReadingTime: true, feedOptions: {type: ['rss', 'atom']}},
      }),
    ],
  ],
};

export default config;
"""


def test_the_javascript_template_s_parenthesised_options() -> None:
    found = parse(JAVASCRIPT_TEMPLATE)
    assert found.docs == [ContentRoot("docs", "/docs")]
    assert found.blog == [ContentRoot("blog", "/blog")]
    assert found.unread == []


def test_without_the_classic_preset_there_are_no_docs() -> None:
    found = parse("module.exports = { title: 'Example' };")
    assert (found.docs, found.blog, found.pages, found.static) == ([], [], [], ["static"])


def test_a_computed_value_is_named_never_guessed() -> None:
    text = """const config = {
      title: 'x',
      baseUrl: process.env.BASE_URL,
      presets: [['classic', {docs: {path: path.resolve(__dirname, 'd')}, blog: {}}]],
    };
    module.exports = config;"""
    found = parse(text)
    assert found.docs == []  # no folder guessed
    assert found.blog == [ContentRoot("blog", None)]  # its folder, but not its URL
    assert found.unread == [
        "baseUrl (process.env.BASE_URL)",
        "docs path (path.resolve(__dirname, 'd'))",
    ]


def test_a_site_in_a_website_folder_beside_the_docs(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "website").mkdir()
    (tmp_path / "website" / "docusaurus.config.js").write_text(
        "module.exports = { title: 'x', presets: [['classic', {docs: {path: '../docs'}}]] };\n"
    )
    found = detect(tmp_path / "docs", tmp_path)
    assert found is not None
    assert (found[0].name, found[1]) == ("docusaurus", tmp_path)
    config = read(tmp_path)
    assert config.docs == [ContentRoot("docs", "/docs")]
    assert config.static == ["website/static"]
    settings = load_settings(start=tmp_path, paths=[tmp_path / "docs"])
    assert settings.generator == "docusaurus"
    assert settings.root == tmp_path
    assert ("docs", "/docs", "docs") in settings.docs_roots
    assert settings.static_roots == ("website/static",)
    assert settings.path_aliases[0] == ("@site/", "website/")


def test_the_website_folder_needs_a_docs_folder_beside_it(tmp_path: Path) -> None:
    (tmp_path / "website").mkdir()
    (tmp_path / "website" / "docusaurus.config.js").write_text("module.exports = {};\n")
    (tmp_path / "notes").mkdir()
    assert detect(tmp_path / "notes", tmp_path) is None


def test_what_cannot_be_read_is_said_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docusaurus.config.js").write_text(
        "module.exports = { title: 'x', presets: [['classic', {docs: {routeBasePath: base}}]] };\n"
    )
    (tmp_path / "docs").mkdir()
    for name in ("a", "b"):
        (tmp_path / "docs" / f"{name}.md").write_text("# A\n\n[gone](/docs/gone)\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--lang", "en"])
    told = "docusaurus.config.js computes docs routeBasePath (base)"
    assert result.stderr.count(told) == 1
    assert "YEP401" not in result.stdout  # where the docs are served is not known: not judged


def test_a_website_folder_site_is_checked_from_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    (tmp_path / "website" / "static" / "img").mkdir(parents=True)
    (tmp_path / "website" / "static" / "img" / "logo.svg").write_text("<svg/>")
    (tmp_path / "website" / "docusaurus.config.js").write_text(
        "module.exports = { title: 'x', presets: [['@docusaurus/preset-classic',"
        " { docs: { path: '../docs', routeBasePath: '/' }, blog: false }]] };\n"
    )
    (tmp_path / "docs" / "intro.md").write_text(
        "# Intro\n\n[setup](guide/setup.md) [by URL](/guide/setup) [gone](/guide/gone)\n\n"
        "![Logo](/img/logo.svg) ![Logo](@site/static/img/logo.svg)\n"
    )
    (tmp_path / "docs" / "guide" / "setup.md").write_text("# Setup\n\n[intro](intro.md)\n")
    monkeypatch.chdir(tmp_path)
    gone = "docs/intro.md:3:48: YEP401 link to `/guide/gone`: no page at `/guide/gone`"
    check = ["check", "--no-cache", "--output-format", "concise", "--lang", "en"]
    assert CliRunner().invoke(main, check).stdout.splitlines() == [gone]
    assert CliRunner().invoke(main, ["init"]).exit_code == 0
    written = (tmp_path / "yeplint.toml").read_text()
    assert 'static-roots = ["website/static"]' in written
    assert 'path-aliases = { "@site/" = "website/" }' in written
    assert CliRunner().invoke(main, check).stdout.splitlines() == [gone]
