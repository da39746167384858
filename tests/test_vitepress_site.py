"""VitePress as a generator: recognised from ``.vitepress/config.*``, its ``srcDir`` and
``public/`` read from that file, every page at its path, and a link to ``x``, ``x.html`` or
``x.md`` the page ``x.md`` (tests/sites/vitepress is a small site written from VitePress's
docs; the oracle builds tests/oracle_sites/vitepress with VitePress itself)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main
from yeplint.config import vitepress
from yeplint.config.generators import detect
from yeplint.config.jsconfig import Computed, object_at, property_values, read_source
from yeplint.config.load import load_settings

SITE = Path(__file__).parent / "sites" / "vitepress"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(SITE, copy)
    (copy / ".git").mkdir()  # the copy is its own repository: nothing above it counts
    monkeypatch.chdir(copy)
    vitepress.read.cache_clear()
    return copy


def check(*args: str) -> tuple[int, list[str], str]:
    done = CliRunner().invoke(main, ["check", "--format", "concise", "--no-cache", *args])
    return done.exit_code, done.stdout.splitlines(), done.stderr


@pytest.mark.parametrize("folder", [".", "docs"])
@pytest.mark.parametrize("start", [".", "docs/guide"])
def test_a_vitepress_config_in_the_root_or_in_docs_names_the_site(
    tmp_path: Path, folder: str, start: str
) -> None:
    (tmp_path / folder / ".vitepress").mkdir(parents=True)
    (tmp_path / folder / ".vitepress" / "config.mts").write_text("export default {}\n")
    (tmp_path / "docs" / "guide").mkdir(parents=True, exist_ok=True)
    found = detect(tmp_path / start, tmp_path)
    assert found is not None
    assert found[0].name == "vitepress"
    assert vitepress.project(found[1]) == tmp_path / folder


def test_src_dir_and_its_public_folder_are_read_from_the_config(site: Path) -> None:
    settings = load_settings(start=site, paths=[site])
    assert settings.generator == "vitepress"
    assert settings.static_roots == ("src/public",)
    assert settings.generator_notices == ()
    assert not settings.title_is_h1


def test_links_by_url_by_html_and_by_file_name_the_page_under_src_dir(site: Path) -> None:
    code, lines, _ = check()
    assert code == 1
    assert lines == [
        "src/guide/intro.md:12:39: YEP404 no heading on this page has the anchor `#installation`",
        "src/guide/intro.md:14:6: YEP401 link to `/api/lifecycle.html`: no page at"
        " `/api/lifecycle.html`",
        "src/guide/intro.md:14:53: YEP401 link target `/images/gone.png` does not exist",
    ]


def test_the_same_site_after_init(site: Path) -> None:
    init = CliRunner().invoke(main, ["init"])
    assert init.exit_code == 0, init.output
    text = (site / "yeplint.toml").read_text(encoding="utf-8")
    assert 'generator = "vitepress"' in text
    assert 'static-roots = ["src/public"]' in text
    assert [line.split(" ")[:2] for line in check()[1]] == [
        ["src/guide/intro.md:12:39:", "YEP404"],
        ["src/guide/intro.md:14:6:", "YEP401"],
        ["src/guide/intro.md:14:53:", "YEP401"],
    ]


def test_a_computed_src_dir_is_said_once_and_judges_no_page_link(site: Path) -> None:
    config = site / ".vitepress" / "config.ts"
    text = config.read_text(encoding="utf-8").replace("'src'", "process.env.DOCS ?? 'src'")
    config.write_text(text, encoding="utf-8")
    code, lines, err = check()
    assert err.count("computes `srcDir`") == 1
    assert ".vitepress/config.ts computes `srcDir`, which yeplint does not run" in err
    assert not any("YEP401" in line for line in lines)
    assert any("YEP404" in line for line in lines)  # the page's own headings are still known
    assert code == 1


def test_a_dynamic_route_stands_for_each_of_its_pages(site: Path) -> None:
    packages = site / "src" / "packages"
    packages.mkdir()
    (packages / "[pkg].md").write_text("# Package\n", encoding="utf-8")
    (site / "src" / "links.md").write_text(
        "# Links\n\n[A package](/packages/widgets.html), [nothing](/packages/a/b).\n",
        encoding="utf-8",
    )
    _, lines, _ = check("src/links.md")
    assert lines == [
        "src/links.md:3:38: YEP401 link to `/packages/a/b`: no page at `/packages/a/b`"
    ]


@pytest.mark.parametrize(
    ("page", "clean", "url"),
    [
        ("src/guide/setup.md", False, "/guide/setup.html"),
        ("src/guide/setup.md", True, "/guide/setup"),
        ("src/guide/index.md", False, "/guide/"),
        ("src/index.md", True, "/"),
        ("src/public/notes.md", False, None),
        ("README.md", False, None),
    ],
)
def test_a_page_is_served_at_its_path_under_src_dir(
    tmp_path: Path, page: str, clean: bool, url: str | None
) -> None:
    site = vitepress.VitePressSite(tmp_path, tmp_path / "src", clean)
    assert vitepress.url(tmp_path / page, site) == url


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("/a/b.html", "/a/b"),
        ("/a/b.md", "/a/b"),
        ("/a/b", "/a/b"),
        ("/a/index.md", "/a"),
        ("/a", "/a"),
        ("/index.html", "/"),
        ("/", "/"),
    ],
)
def test_every_way_of_naming_a_page_is_one_key(written: str, key: str) -> None:
    assert vitepress.page_key(written) == key


def test_literal_values_are_read_and_computed_ones_named(tmp_path: Path) -> None:
    config = tmp_path / "config.js"
    config.write_text(
        "// srcDir: 'commented'\nexport default {\n  srcDir: `docs`, /* base: 'x' */\n"
        "  base: `/v${version}/`, cleanUrls: true, link: 'https://example.org',\n"
        '  copy: {"src/img": "img", [resolve("x")]: "js/x.js", name},\n}\n',
        encoding="utf-8",
    )
    text = read_source(config)
    assert text is not None
    assert property_values(text, "srcDir") == ["docs"]
    assert property_values(text, "cleanUrls") == [True]
    assert property_values(text, "link") == ["https://example.org"]
    assert property_values(text, "base") == [Computed("`/v${version}/`")]
    entries = object_at(text, text.index("copy:") + len("copy:"))
    assert entries == [
        ("src/img", "img"),
        (Computed('[resolve("x")]'), "js/x.js"),
        ("name", Computed("name")),
    ]


def test_rewrites_leave_page_links_unjudged_and_are_said_once(site: Path) -> None:
    config = site / ".vitepress" / "config.ts"
    text = config.read_text(encoding="utf-8").replace(
        "cleanUrls: true,", "cleanUrls: true,\n  rewrites: { 'guide/:page': ':page' },"
    )
    config.write_text(text, encoding="utf-8")
    code, lines, err = check()
    assert err.count("(`rewrites`), which yeplint does not follow") == 1
    assert [line.split(" ")[1] for line in lines] == ["YEP404", "YEP401"]
    assert lines[1].endswith("link target `/images/gone.png` does not exist")  # public/ still
    assert code == 1
