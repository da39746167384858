"""Generic defaults, the ``yep-trainingen`` preset, and the signature that applies it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED_SITE, lint_paths, shared_site
from yeplint.cli import main
from yeplint.config.load import load_settings, preset_settings
from yeplint.config.presets import detect, is_yep_site
from yeplint.config.settings import ConfigError, Settings

FOREIGN = ("hugo-docs", "jekyll-docs", "mkdocs-docs", "zola-docs")
HELLO = "---\ntitle: Hello\ndate: 2024-01-02\ntags: [intro]\n---\n\n## Why\n\nText.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def yep_tree(root: Path) -> Path:
    """The smallest tree with the Yep signature: blog/, trainingen/ and coaching/ with pages."""
    for folder in ("blog", "trainingen", "coaching"):
        (root / folder).mkdir(parents=True)
    (root / "trainingen" / "a.nl.md").write_text("# A\n", encoding="utf-8")
    (root / "coaching" / "b.nl.md").write_text("# B\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("folder", ["blog", "team", "coaching", "trainingen"])
def test_a_foreign_blog_gets_no_schema_without_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "hello.md").write_text(HELLO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", ".", "--format", "concise")
    assert (code, out, err) == (0, "", "")


def test_the_signature_applies_the_preset_and_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    content = yep_tree(tmp_path / "content")
    (content / "blog" / "hello.nl.md").write_text(HELLO, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "content", "content/blog", "--format", "concise")
    assert code == 1
    assert "content/blog/hello.nl.md:5:1: YEP102 missing required key `img`" in out.splitlines()
    assert err.splitlines() == [
        "yeplint: content/ looks like the yep-trainingen site: using preset `yep-trainingen` "
        '(a yeplint.toml with `preset = "yep-trainingen"` says so explicitly; '
        "--isolated turns it off)"
    ]
    code, out, err = run("check", "content", "--isolated", "--format", "concise")
    assert (code, err) == (0, "")


@pytest.mark.parametrize("start", [".", "content", "content/blog", "content/blog/hello.nl.md"])
def test_the_signature_is_found_from_the_site_its_content_and_below(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, start: str
) -> None:
    content = yep_tree(tmp_path / "content")
    (content / "blog" / "hello.nl.md").write_text(HELLO, encoding="utf-8")
    assert detect([tmp_path / start]) == ("yep-trainingen", content)


@pytest.mark.parametrize(
    "missing", ["blog", "trainingen/a.nl.md", "coaching/b.nl.md", "rename-to-english"]
)
def test_the_signature_needs_every_part(tmp_path: Path, missing: str) -> None:
    root = yep_tree(tmp_path / "site")
    if missing == "blog":
        (root / "blog").rmdir()
    elif missing == "rename-to-english":
        (root / "coaching" / "b.nl.md").rename(root / "coaching" / "b.en.md")
    else:
        (root / missing).unlink()
    assert not is_yep_site(root)
    assert detect([root]) is None


@pytest.mark.parametrize("site", FOREIGN)
def test_no_foreign_site_in_the_corpus_carries_the_signature(site: str) -> None:
    folder = SHARED_SITE.parent / site
    if not folder.is_dir():
        pytest.skip(f"../shared/corpus/{site} is not present")
    assert detect([folder]) is None
    assert not any(is_yep_site(p) for p in folder.rglob("*") if p.is_dir())


def test_the_yep_site_carries_the_signature() -> None:
    content = shared_site()
    assert detect([content]) == ("yep-trainingen", content)
    assert detect([content.parent]) == ("yep-trainingen", content)


def test_a_configuration_file_is_never_overridden_by_the_signature(tmp_path: Path) -> None:
    yep_tree(tmp_path / "content")
    (tmp_path / "yeplint.toml").write_text('select = ["ALL"]\n', encoding="utf-8")
    settings = load_settings(start=tmp_path, paths=[tmp_path / "content"])
    assert (settings.preset, settings.collections, settings.detected) == (None, (), None)


def test_a_configuration_names_the_preset_and_overrides_it_key_by_key(tmp_path: Path) -> None:
    config = tmp_path / "yeplint.toml"
    config.write_text('preset = "yep-trainingen"\nmax-image-width = 2000\n', encoding="utf-8")
    settings = load_settings(config=config)
    yep = preset_settings("yep-trainingen")
    assert settings.preset == "yep-trainingen"
    assert settings.collections == yep.collections
    assert settings.image_fields == ("img",)
    assert settings.max_image_width == 2000
    assert settings.detected is None


def test_an_unknown_preset_is_a_configuration_error(tmp_path: Path) -> None:
    config = tmp_path / "yeplint.toml"
    config.write_text('preset = "hugo-docs"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"`preset` must be one of: yep-trainingen"):
        load_settings(config=config)


def test_show_settings_says_which_values_the_preset_gave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "yeplint.toml").write_text(
        'preset = "yep-trainingen"\nmax-image-width = 2000\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "--show-settings")
    assert code == 0
    lines = out.splitlines()
    assert 'preset = "yep-trainingen"  # from yeplint.toml' in lines
    assert 'image-fields = ["img"]  # from preset yep-trainingen' in lines
    assert "max-image-width = 2000  # from yeplint.toml" in lines
    assert 'static-roots = ["static"]  # default' in lines
    assert "[[collections]]  # from preset yep-trainingen" in lines


def test_generic_defaults_have_no_collection_and_no_image_field() -> None:
    assert Settings().collections == ()
    assert Settings().image_fields == ()
    assert Settings().preset is None


def test_the_yep_site_has_the_same_findings_with_the_preset_detected_or_named(
    tmp_path: Path,
) -> None:
    content = shared_site()
    detected = load_settings(isolated=False, start=tmp_path, paths=[content])
    assert detected.detected is not None
    named = tmp_path / "yeplint.toml"
    named.write_text('preset = "yep-trainingen"\n', encoding="utf-8")
    explicit = replace(load_settings(config=named), root=None, config_file=None)

    def findings(settings: Settings) -> Counter[tuple[str, int, int, str]]:
        found = lint_paths([content], content, settings=settings)
        return Counter((str(d.path), d.line, d.column, d.code) for d in found)

    with_detected = findings(detected)
    assert with_detected
    assert with_detected == findings(explicit)


def test_show_settings_tags_a_detected_preset_as_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = "---\ntitle: Plannen\n---\n\nTekst.\n"
    for folder in ("blog", "trainingen", "coaching"):
        (tmp_path / "content" / folder).mkdir(parents=True)
        (tmp_path / "content" / folder / "x.nl.md").write_text(page)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", "content", "--show-settings")
    assert code == 0
    assert 'preset = "yep-trainingen"  # detected' in out.splitlines()
