"""Hugo's own configuration (issue 27, item 2): read where Hugo reads it (``hugo.toml``, the
older ``config.*``, the split files of ``config/_default/``), case-insensitive, and turned into
the folders Hugo serves and the URLs it gives pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_hugo_paths import HUGO, check, page, site
from yeplint.config import hugo
from yeplint.config.generators import by_name, site_slugs
from yeplint.config.hugo import ContentDir, HugoConfig, page_url


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_split_configuration_folder_is_merged_over_the_root_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "hugo.yaml": "contentdir: pages\nstaticDir: [static, shared/static]\n",
            "config/_default/hugo.toml": "uglyURLs = true\n",
            "config/_default/permalinks.yaml": (
                "page:\n  posts: /:year/:slug/\nsection:\n  posts: /blog/\n"
            ),
            "config/_default/module.toml": (
                '[[mounts]]\nsource = "docs"\ntarget = "content"\n'
                '[[mounts]]\nsource = "node_modules/x/dist"\ntarget = "assets"\n'
                '[[imports]]\npath = "github.com/google/docsy"\n'
            ),
        },
    )
    config = hugo.read(tmp_path)
    assert config.content == (ContentDir("docs"),)  # a content mount replaces contentDir
    assert config.static == ("static", "shared/static")
    assert config.assets == ("node_modules/x/dist",)
    assert config.permalinks == (("posts", "/:year/:slug/"),)
    assert config.section_permalinks == (("posts", "/blog/"),)
    assert config.ugly_urls is True
    assert config.unread == ("github.com/google/docsy",)


def test_each_languages_content_folder_has_its_prefix(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "hugo.toml": (
                'defaultContentLanguage = "nl"\n[languages.nl]\ncontentDir = "content/nl"\n'
                '[languages.en]\ncontentDir = "content/en"\n'
            )
        },
    )
    config = hugo.read(tmp_path)
    assert config.content == (ContentDir("content/nl", ""), ContentDir("content/en", "/en"))
    assert page_url("content/en/over/team.md", config, {}) == "/en/over/team/"


def test_the_slug_style_is_read_from_the_configuration_folder(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "hugo.toml": HUGO,
            "config/_default/hugo.toml": (
                "[markup.goldmark.parser]\nautoHeadingIDType = 'github-ascii'\n"
            ),
        },
    )
    generator = by_name("hugo")
    assert generator is not None
    assert site_slugs(generator, tmp_path)[0] == "goldmark-ascii"


@pytest.mark.parametrize(
    ("path", "values", "config", "url"),
    [
        ("content/_index.md", {}, HugoConfig(), "/"),
        ("content/docs/guide/_index.md", {}, HugoConfig(), "/docs/guide/"),
        ("content/posts/My Post.md", {}, HugoConfig(), "/posts/my-post/"),
        ("content/posts/a.md", {"slug": "b"}, HugoConfig(), "/posts/b/"),
        ("content/posts/a.md", {"url": "/elsewhere/"}, HugoConfig(), "/elsewhere/"),
        ("content/posts/a.md", {}, HugoConfig(ugly_urls=True), "/posts/a.html"),
        ("content/posts/a/index.md", {}, HugoConfig(ugly_urls=("posts",)), "/posts/a.html"),
        (
            "content/posts/a.md",
            {"date": "2024-03-01T10:00:00Z", "title": "Hello World"},
            HugoConfig(permalinks=(("posts", "/:sections/:year/:month/:slug/"),), ugly_urls=True),
            "/posts/2024/03/hello-world.html",
        ),
        (
            "content/posts/x/a.md",  # whether x/ is a section: not told without the site
            {"title": "A"},
            HugoConfig(permalinks=(("posts", "/:sections/:slug/"),)),
            None,
        ),
        (
            "content/posts/a/index.md",
            {},
            HugoConfig(permalinks=(("posts", "/:section/:contentbasename/"),)),
            "/posts/a/",
        ),
        (
            "content/posts/a.md",
            {},  # no date: the URL is not known
            HugoConfig(permalinks=(("posts", "/:year/:filename/"),)),
            None,
        ),
        ("layouts/a.md", {}, HugoConfig(), None),
    ],
)
def test_a_pages_url(
    path: str, values: dict[str, object], config: HugoConfig, url: str | None
) -> None:
    assert page_url(path, config, values) == url


def test_static_folders_and_content_mounts_are_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": (
                HUGO + 'staticDir = ["static", "branding"]\n'
                '[[module.mounts]]\nsource = "docs"\ntarget = "content"\n'
            ),
            "branding/logo.png": None,
            "docs/guide/flow.png": None,
            "docs/guide/_index.md": page("![Logo](/logo.png) ![Flow](/guide/flow.png)"),
        },
    )
    lines, _ = check(tmp_path, monkeypatch)
    assert lines == []


def test_a_folder_is_a_section_of_the_permalink_only_with_an_index_page(tmp_path: Path) -> None:
    write(tmp_path, {"content/notes/x/a.md": "", "content/notes/y/_index.md": ""})
    config = HugoConfig(permalinks=(("notes", "/:sections/:slug/"),))
    url = {"title": "A"}
    assert page_url("content/notes/x/a.md", config, url, tmp_path) == "/notes/a/"
    assert page_url("content/notes/y/a.md", config, url, tmp_path) == "/notes/y/a/"


def test_mounts_give_their_language_and_target(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "hugo.toml": (
                'defaultContentLanguage = "en"\n[languages.en]\n[languages.de]\n'
                '[[module.mounts]]\nsource = "content/en"\ntarget = "content"\nlang = "en"\n'
                '[[module.mounts]]\nsource = "content/de"\ntarget = "content"\nlang = "de"\n'
                '[[module.mounts]]\nsource = "brand"\ntarget = "static/brand"\n'
                '[[module.mounts]]\nsource = "static"\ntarget = "static"\n'
                '[[module.imports]]\npath = "local-theme"\n'
            ),
            "themes/local-theme/theme.toml": "",
        },
    )
    config = hugo.read(tmp_path)
    assert config.content == (ContentDir("content/en", ""), ContentDir("content/de", "/de"))
    assert config.static == ("static", "themes/local-theme/static")
    assert config.static_under == (("/brand", "brand"),)
    assert config.unread == ()
    assert page_url("content/de/ueber.md", config, {}) == "/de/ueber/"


def test_a_static_mount_below_static_is_served_under_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": HUGO + '[[module.mounts]]\nsource = "brand"\ntarget = "static/brand"\n',
            "brand/logo.png": None,
            "content/about.md": page("![Logo](/brand/logo.png) ![Gone](/logo.png)"),
        },
    )
    lines, _ = check(tmp_path, monkeypatch)
    assert lines == ["content/about.md:5:26: YEP301 image `/logo.png` does not exist"]


def test_a_cached_run_sees_a_change_of_hugos_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from yeplint.cli import main

    site(
        tmp_path,
        {
            "hugo.toml": HUGO,
            "branding/logo.png": None,
            "content/about.md": page("![Logo](/logo.png)"),
        },
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("yeplint.engine.cache.RACY_NS", 0)  # the folders here are seconds old
    command = ["check", "--format", "concise", "--cache-dir", str(tmp_path / ".cache"), "."]
    assert "YEP301" in CliRunner().invoke(main, command).stdout
    (tmp_path / "hugo.toml").write_text(HUGO + 'staticDir = ["static", "branding"]\n')
    assert "YEP301" not in CliRunner().invoke(main, command).stdout
