"""Hugo's paths as Hugo serves them (issue 27, item 3): a `/`-rooted path to a file of the
content folder (a bundle, a plain folder, a permalinked bundle, a language's own content
folder), `assets/` that nothing serves at `/`, a section's `_index.md` at its folder, a relative
image written from the page's URL, and a theme that is not in the checkout. Each site is a Hugo
site without a yeplint.toml, checked as a new user would (`yeplint check .`)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main
from yeplint.config.settings import Collection, Settings
from yeplint.site.urls import build


def png() -> bytes:
    """A valid 1x1 PNG (the image rules read its header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00"))
        + chunk(b"IEND", b"")
    )


def site(root: Path, files: dict[str, str | None]) -> None:
    """Write the files (``None``: a PNG) and mark ``root`` as a repository's top."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.write_bytes(png())
        else:
            path.write_text(text, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)


def page(body: str, title: str = "T", extra: str = "") -> str:
    return f"---\ntitle: {title}\n{extra}---\n\n{body}\n"


def check(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], str]:
    """``yeplint check .`` in ``root``: the concise lines of the image rules, and stderr."""
    monkeypatch.chdir(root)
    done = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "concise", "--select", "YEP3,YEP5", "."]
    )
    lines = [line for line in done.stdout.splitlines() if ": YEP" in line]
    return lines, done.stderr


HUGO = 'baseURL = "https://example.org/"\n'


def test_a_rooted_path_to_a_file_of_the_content_folder_is_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": HUGO,
            "content/posts/first/index.md": page("![Cover](cover.png)"),
            "content/posts/first/cover.png": None,
            "content/diagrams/flow.png": None,  # a plain folder: Hugo copies it as it is
            "content/about.md": page(
                "![Cover](/posts/first/cover.png) ![Flow](/diagrams/flow.png)"
                " ![Gone](/diagrams/gone.png)"
            ),
        },
    )
    lines, _ = check(tmp_path, monkeypatch)
    assert lines == ["content/about.md:5:62: YEP301 image `/diagrams/gone.png` does not exist"]


def test_an_image_used_by_its_rooted_path_is_no_orphan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": HUGO,
            "content/posts/hello.md": page("Hello."),
            "content/posts/chart.png": None,  # served at /posts/chart.png
            "content/posts/unused.png": None,
            "content/about.md": page("![Chart](/posts/chart.png)"),
        },
    )
    lines, _ = check(tmp_path, monkeypatch)
    assert [line.split(": ", 1)[1][:6] for line in lines] == ["YEP501"]
    assert "unused.png" in lines[0]


def test_a_rooted_path_through_a_permalink_and_a_languages_content_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "config/_default/hugo.toml": HUGO + 'defaultContentLanguage = "en"\n',
            "config/_default/languages.toml": (
                '[en]\ncontentDir = "content/en"\n[nl]\ncontentDir = "content/nl"\n'
            ),
            "config/_default/permalinks.toml": 'posts = "/:year/:slug/"\n',
            "content/en/posts/trip/index.md": page("Trip.", "Our Trip", "date: 2024-03-01\n"),
            "content/en/posts/trip/map.png": None,
            "content/nl/over/team.png": None,
            "content/en/about.md": page(
                "![Map](/2024/our-trip/map.png) ![Team](/nl/over/team.png)"
                " ![Old](/posts/trip/gone.png)"
            ),
        },
    )
    lines, _ = check(tmp_path, monkeypatch)
    assert lines == ["content/en/about.md:5:59: YEP301 image `/posts/trip/gone.png` does not exist"]


def test_assets_are_not_served_at_the_root_but_shortcodes_find_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": HUGO,
            "assets/images/banner.png": None,
            "content/about.md": page(
                '![Banner](/images/banner.png)\n\n{{< img src="images/banner.png" alt="B" >}}\n\n'
                '{{< figure src="/images/banner.png" alt="B" >}}'
            ),
        },
    )
    lines, _ = check(tmp_path, monkeypatch)
    assert lines == ["content/about.md:5:1: YEP301 image `/images/banner.png` does not exist"]


def test_a_relative_image_is_resolved_from_the_pages_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": HUGO,
            "content/posts/img/x.png": None,
            "content/img/y.png": None,
            # served at /posts/hello/: `../img/x.png` is /posts/img/x.png
            "content/posts/hello.md": page("![X](../img/x.png) ![Y](../../img/y.png)"),
        },
    )
    lines, _ = check(tmp_path, monkeypatch)
    assert lines == []


def test_a_relative_image_is_resolved_from_the_pages_permalink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": HUGO + '[permalinks]\nnotes = "/:year/:slug/"\n',
            "static/images/logo.png": None,
            # served at /2024/a/: `../../images/logo.png` is /images/logo.png
            "content/notes/a.md": page("![Logo](../../images/logo.png)", "A", "date: 2024-01-02\n"),
        },
    )
    lines, _ = check(tmp_path, monkeypatch)
    assert lines == []


def test_a_relative_file_link_is_resolved_from_the_pages_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": HUGO,
            "content/posts/files/a.pdf": "%PDF",
            # served at /posts/hello/: `../files/a.pdf` is /posts/files/a.pdf
            "content/posts/hello.md": page("[A](../files/a.pdf) and [B](../files/b.pdf)"),
        },
    )
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "concise", "--select", "YEP401", "."]
    )
    assert [line for line in done.stdout.splitlines() if ": YEP" in line] == [
        "content/posts/hello.md:5:25: YEP401 link target `../files/b.pdf` does not exist"
    ]


def test_a_theme_that_is_not_in_the_checkout_is_named_once_and_not_guessed_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": HUGO + 'theme = "docsy"\n',
            "content/a.md": page("![Logo](/images/logo.png)"),
            "content/b.md": page("![Logo](/images/logo.png) ![Here](here.png)"),
        },
    )
    lines, stderr = check(tmp_path, monkeypatch)
    assert lines == ["content/b.md:5:27: YEP301 image `here.png` does not exist"]
    assert stderr.count("`docsy` (a theme or module) is not in this checkout") == 1


def test_a_sections_index_page_is_served_at_its_folder(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(HUGO, encoding="utf-8")
    pages = [tmp_path / "content/posts/_index.md", tmp_path / "content/posts/first.md"]
    for path in pages:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page("x"), encoding="utf-8")
    posts = Collection("posts", ("content/posts/**",), None, url="/posts/{slug}/")
    settings = Settings(root=tmp_path, generator="hugo", collections=(posts,))
    urls = build(pages, settings, lambda _: posts).urls
    assert urls == {pages[0]: "/posts/", pages[1]: "/posts/first/"}
