"""Every key the guide (docs/guide.md, moved from the README) documents is read from a real TOML
file and does what it says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yeplint.config.load import _ALL_KEYS, load_settings

README = Path(__file__).resolve().parents[1] / "README.md"
GUIDE = README.parent / "docs" / "guide.md"


def _documented_example() -> str:
    """The guide's configuration example (the first ``toml`` block)."""
    found = re.search(r"```toml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert found, "the guide has a toml example"
    return found.group(1)


def test_the_readme_example_is_read_as_written(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "post.schema.json").write_text('{"type": "object"}')
    (tmp_path / "yeplint.toml").write_text(_documented_example())
    settings = load_settings(start=tmp_path)
    assert settings.respect_gitignore is True
    assert settings.max_image_width == 1600
    assert settings.max_file_size == 1_000_000
    assert settings.image_fields == ("img",)
    assert settings.static_roots == ("static",)
    assert [c.patterns for c in settings.collections] == [("**/posts/*.md",)]


def test_every_key_of_the_example_is_a_known_key() -> None:
    keys = {
        match.group(1)
        for match in re.finditer(r"^([a-z-]+)\s*=", _documented_example(), re.M)
        if match.group(1) not in ("glob", "schema", "max-length")  # inside tables
    }
    assert keys and keys <= _ALL_KEYS, keys - _ALL_KEYS


def test_show_settings_prints_the_configuration_that_reads_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--show-settings` says where each value came from, and its output is itself a
    configuration that gives the same settings."""
    from click.testing import CliRunner

    from yeplint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "yeplint.toml").write_text(
        'exclude = ["drafts/"]\nseverity = { YEP107 = "error" }\n'
        "[rule-options.emphasis-as-heading]\nmax-length = 80\n"
    )
    done = CliRunner().invoke(main, ["check", "--show-settings"])
    assert done.exit_code == 0
    shown = done.output
    assert 'exclude = ["drafts/"]  # from yeplint.toml' in shown
    assert 'severity = { "YEP107" = "error" }  # from yeplint.toml' in shown
    assert "max-image-width = 1600  # default" in shown
    first = load_settings(start=tmp_path)
    (tmp_path / "yeplint.toml").write_text(shown)
    again = load_settings(start=tmp_path)
    for name in ("exclude", "severity", "rule_options", "select", "include", "max_image_width"):
        assert getattr(again, name) == getattr(first, name), name
    assert [(c.name, c.patterns, c.schema) for c in again.collections] == [
        (c.name, c.patterns, c.schema) for c in first.collections
    ]


def test_the_url_examples_load_and_serve_where_they_say(tmp_path: Path) -> None:
    from yeplint.site.urls import build, url_of

    text = (README.parent / "docs" / "urls.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, re.S)
    assert len(blocks) == 2  # the Yep site, a Hugo site
    (tmp_path / "yeplint.toml").write_text(blocks[0])
    yep = load_settings(start=tmp_path)
    blog = next(c for c in yep.collections if c.name == "blog")
    assert url_of(Path("content/blog/netwerken.en.md"), blog, yep) == "/en/blog/netwerken"

    (tmp_path / "yeplint.toml").write_text(blocks[1])
    hugo = load_settings(start=tmp_path)
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "hello.md").write_text("+++\ntitle = 'Hello'\nslug = 'hallo'\n+++\n")
    (tmp_path / "content" / "over.md").write_text("+++\nurl = '/over-ons/'\n+++\n")
    pages = [posts / "hello.md", tmp_path / "content" / "over.md"]
    by_glob = {"posts": posts / "hello.md", "pages": tmp_path / "content" / "over.md"}
    site = build(
        pages,
        hugo,
        lambda p: next(c for c in hugo.collections if by_glob[c.name] == p),
    )
    assert sorted(site.pages) == ["/over-ons", "/posts/hallo"]


def test_show_settings_says_why_the_defaults_apply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from yeplint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.md").write_text("# Kop\n")
    shown = CliRunner().invoke(main, ["check", "--show-settings", "page.md"]).stdout
    assert shown.startswith("# no configuration file (yeplint.toml, or [tool.yeplint]")
    assert "and no known site" in shown.splitlines()[0]
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    shown = CliRunner().invoke(main, ["check", "--show-settings", "page.md"]).stdout
    assert shown.splitlines()[:2] == [
        "# no configuration file",
        "# no yeplint.toml: ./ looks like an MkDocs site, whose conventions"
        " apply (`yeplint init` writes them down, with schemas for the front matter)",
    ]
