"""The documentation site builds with ``mkdocs build --strict`` (a broken link or anchor, a
page missing from the nav fails it), and has a page at each rule's link."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from yeplint.rules.catalogue import all_rules
from yeplint.rules.docs import family
from yeplint.rules.rule import RULE_URL

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_every_rule_link_has_its_page(site: Path) -> None:
    base = urlparse(RULE_URL.format(code="X")).path.removesuffix("rules/X/")
    for rule in all_rules():
        page = urlparse(rule.url).path.removeprefix(base)
        built = site / page / "index.html"
        assert built.is_file(), f"{rule.url}: no {built}"
        assert rule.name in built.read_text(encoding="utf-8")


def test_the_site_has_the_getting_started_configuration_and_ci_pages(site: Path) -> None:
    for page in ("index.html", "configuration/index.html", "ci/index.html", "rules/index.html"):
        assert (site / page).is_file(), page
    assert "First run" in (site / "index.html").read_text(encoding="utf-8")


def mkdocs_yml() -> dict[str, Any]:
    """mkdocs.yml as data, its ``!ENV`` values left unset."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    loaded: dict[str, Any] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader)
    return loaded


def test_the_site_url_is_where_the_rule_links_point() -> None:
    assert RULE_URL.startswith(mkdocs_yml()["site_url"])


def test_the_navigation_lists_every_rule_under_its_family() -> None:
    """The rule pages are in the navigation, grouped as the rule list groups them, so a
    reader moves from rule to rule with previous and next."""
    (rules,) = [entry["Rules"] for entry in mkdocs_yml()["nav"] if "Rules" in entry]
    listed = {
        name: [next(iter(entry.values())) for entry in pages]
        for item in rules[1:]
        for name, pages in item.items()
    }
    expected: dict[str, list[str]] = {}
    for rule in all_rules():
        expected.setdefault(family(rule), []).append(f"rules/{rule.code}.md")
    assert rules[0] == {"All rules": "rules.md"}
    assert listed == expected


def test_a_rule_page_leads_back_and_on_and_shows_what_to_write_instead(site: Path) -> None:
    page = (site / "rules" / "YEP104" / "index.html").read_text(encoding="utf-8")
    assert 'href="../">All rules</a>' in page or 'href="../../rules/">All rules</a>' in page
    assert "md-footer__link--prev" in page and "md-footer__link--next" in page
    assert "YEP103 unknown-key" in page and "YEP105 invalid-date" in page
    assert "<strong>Use instead</strong>" in page and "--unsafe-fixes" in page
    unfixed = (site / "rules" / "YEP301" / "index.html").read_text(encoding="utf-8")
    assert "does not fix it" in unfixed and "<strong>Use instead</strong>" in unfixed


def test_phones_get_no_word_broken_in_the_middle(site: Path) -> None:
    """Inline code keeps each short word whole (the hook); code blocks wrap, not clip."""
    rules = (site / "rules" / "index.html").read_text(encoding="utf-8")
    assert '<code><span class="nobr">unterminated-front-matter</span></code>' in rules
    css = (site / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert "white-space: pre-wrap" in css and "padding-right" in css
    assert 'href="../stylesheets/extra.css"' in rules


def test_keep_words_whole_leaves_code_blocks_alone() -> None:
    from scripts.mkdocs_hooks import NOBR_MAX, keep_words_whole

    assert keep_words_whole("<p><code>--exit-zero x</code></p>") == (
        '<p><code><span class="nobr">--exit-zero</span> <span class="nobr">x</span></code></p>'
    )
    long = "a" * (NOBR_MAX + 1)
    assert keep_words_whole(f"<code>{long}</code>") == f"<code>{long}</code>"
    block = "<pre><span></span><code>--exit-zero</code></pre><pre><code>a-b</code></pre>"
    assert keep_words_whole(block) == block


def test_the_repository_address_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("mkdocs")
    from mkdocs.config import load_config

    monkeypatch.setenv("YEPLINT_REPO_URL", "https://example.org/yeplint")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    assert load_config(str(ROOT / "mkdocs.yml"))["repo_url"] == "https://example.org/yeplint"


def test_install_works_before_and_after_a_release() -> None:
    install = (ROOT / "docs" / "index.md").read_text(encoding="utf-8").split("## Install")[1]
    install = install.split("\n## ")[0]
    assert "pip install -e ." in install and "pip install yeplint" in install


def test_the_screenshot_script_shoots_a_laptop_and_a_phone(tmp_path: Path) -> None:
    """scripts/docs_screenshots.py: what a person looks at before a docs change is done."""
    pytest.importorskip("mkdocs")
    from scripts.docs_screenshots import WIDTHS, chromium, screenshots

    if chromium() is None:
        pytest.skip("no chromium on PATH")
    shots = screenshots(tmp_path, ["rules/YEP201"])
    assert [p.name for p in shots] == [f"rules-YEP201-{w}.png" for w in WIDTHS]
    for png, width in zip(shots, WIDTHS, strict=True):
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(header[16:20], "big") == width
