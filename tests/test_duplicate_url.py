"""Two pages at one address (YEP504): what real Hugo does with them (the oracle: one page is
gone from the output), where each is reported, a partial and a cached run, languages, and the
addresses each generator gives."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main
from yeplint.config.settings import Settings
from yeplint.site.addresses import (
    UNCLOSED,
    Layout,
    addresses,
    front_matter_block,
    keys_of,
    layout_of,
)

HUGO_CONFIG = (
    'baseURL = "https://example.org/"\ntitle = "t"\n'
    'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
    "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
)
PAGES = {
    "posts/eerste.md": "---\ntitle: Eerste\nslug: welkom\n---\nEERSTE\n",
    "posts/tweede.md": "---\ntitle: Tweede\nslug: welkom\n---\nTWEEDE\n",
    "posts/foo.md": "---\ntitle: Foo\n---\nFOOFILE\n",
    "posts/foo/index.md": "---\ntitle: Foo\n---\nFOOBUNDLE\n",
    "posts/bar/index.md": "---\ntitle: Bar\n---\nBARPAGE\n",
    "posts/baz.md": "---\ntitle: Baz\naliases:\n  - /elders/\n  - /posts/bar/\n---\nBAZ\n",
    "posts/alleen.md": "---\ntitle: Alleen\nslug: uniek\n---\nALLEEN\n",
    "posts/alleen.fr.md": "---\ntitle: Seul\nslug: uniek\n---\nSEUL\n",
}
EXPECTED = [
    "content/posts/bar/index.md:1:1: YEP504 this page and `content/posts/baz.md` are both"
    " published at `/posts/bar`: the build keeps only one",
    "content/posts/baz.md:5:5: YEP504 this page and `content/posts/bar/index.md` are both"
    " published at `/posts/bar`: the build keeps only one",
    "content/posts/eerste.md:3:1: YEP504 this page and `content/posts/tweede.md` are both"
    " published at `/posts/welkom`: the build keeps only one",
    "content/posts/foo.md:1:1: YEP504 this page and `content/posts/foo/index.md` are both"
    " published at `/posts/foo`: the build keeps only one",
    "content/posts/foo/index.md:1:1: YEP504 this page and `content/posts/foo.md` are both"
    " published at `/posts/foo`: the build keeps only one",
    "content/posts/tweede.md:3:1: YEP504 this page and `content/posts/eerste.md` are both"
    " published at `/posts/welkom`: the build keeps only one",
]


@pytest.fixture
def hugo_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    for name, text in PAGES.items():
        (site / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "content" / name).write_text(text, encoding="utf-8")
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    monkeypatch.chdir(site)
    return site


def check(*args: str) -> list[str]:
    done = CliRunner().invoke(main, ["check", "--format", "concise", "--select", "YEP504", *args])
    assert done.exit_code in (0, 1), done.output
    return [line for line in done.stdout.splitlines() if "YEP504" in line]


def test_each_page_is_reported_at_what_makes_its_address(hugo_site: Path) -> None:
    assert check("--no-cache", ".") == EXPECTED


def _hugo() -> str | None:
    found = Path(sys.executable).parent / "hugo"
    return str(found) if found.exists() else shutil.which("hugo")


@pytest.mark.skipif(_hugo() is None, reason="hugo is not installed (the `oracle` extra)")
def test_hugo_keeps_one_page_of_each_pair(hugo_site: Path) -> None:
    """The oracle: of two pages at one address, Hugo's output holds one; a page with an address
    of its own (the French `uniek`, `alleen.md`) is all there. yeplint reports those pairs and
    the alias on another page's address."""
    layouts = hugo_site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text("{{ .Content }}", encoding="utf-8")
    hugo = _hugo()
    assert hugo is not None
    subprocess.run([hugo, "--quiet"], cwd=hugo_site, check=True, capture_output=True)
    public = hugo_site / "public"
    built = " ".join(p.read_text("utf-8") for p in public.rglob("*.html"))
    assert ("EERSTE" in built) != ("TWEEDE" in built)  # same slug: one of them is gone
    assert ("FOOFILE" in built) != ("FOOBUNDLE" in built)  # foo.md beside foo/index.md
    # the alias on bar/'s address: Hugo writes the page and the redirect to one file at once,
    # and serves either or a mix of both (seen in turn): no outcome to pin
    assert "ALLEEN" in built and "SEUL" in built and "BAZ" in built
    reported = {line.split(":")[0] for line in check("--no-cache", ".")}
    assert reported == {
        "content/posts/" + n
        for n in ("eerste.md", "tweede.md", "foo.md", "foo/index.md", "bar/index.md", "baz.md")
    }


SITES = Path(__file__).parent / "sites"


def _mkdocs() -> str | None:
    found = Path(sys.executable).parent / "mkdocs"
    return str(found) if found.exists() else shutil.which("mkdocs")


@pytest.mark.skipif(_mkdocs() is None, reason="mkdocs is not installed (the `oracle` extra)")
def test_mkdocs_keeps_one_of_guide_md_and_guide_index_md(tmp_path: Path) -> None:
    """The seeded MkDocs site (tests/sites/mkdocs): both pages are `/guide/`, one is built."""
    site = tmp_path / "mkdocs"
    shutil.copytree(SITES / "mkdocs", site)
    mkdocs = _mkdocs()
    assert mkdocs is not None
    subprocess.run([mkdocs, "build", "-q", "-d", "out"], cwd=site, check=True, capture_output=True)
    built = (site / "out" / "guide" / "index.html").read_text("utf-8")
    assert ("The guide, as one page." in built) != ("The guide's own index." in built)


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_jekyll_keeps_one_of_two_pages_with_one_permalink(tmp_path: Path) -> None:
    """The seeded Jekyll site (tests/sites/jekyll): about.md and team.md are both `/about/`."""
    site = tmp_path / "jekyll"
    shutil.copytree(SITES / "jekyll", site)
    subprocess.run(["jekyll", "build", "-d", "out"], cwd=site, check=True, capture_output=True)
    built = (site / "out" / "about" / "index.html").read_text("utf-8")
    assert ("About us." in built) != ("The team" in built)


def test_a_partial_run_is_silent_and_the_whole_run_reports(hugo_site: Path) -> None:
    """A pre-commit run of a few files does no work proportional to the site (issue 29): like
    the orphan check, YEP504 needs every page's address and runs when every page is checked."""
    found = check("--no-cache", "content/posts/eerste.md", "content/posts/baz.md", "hugo.toml")
    assert found == []
    assert check("--no-cache", ".") == EXPECTED


def test_a_cached_run_sees_a_page_that_now_takes_the_address(hugo_site: Path) -> None:
    first = check(".")
    assert first == EXPECTED
    (hugo_site / "content" / "posts" / "later.md").write_text("---\nslug: uniek\n---\n")
    second = check(".")
    assert "content/posts/alleen.md:3:1" in " ".join(second)  # unchanged, its row cached
    (hugo_site / "content" / "posts" / "later.md").unlink()
    assert check(".") == EXPECTED


def test_a_comment_suppresses_it_and_is_not_called_unused(hugo_site: Path) -> None:
    page = hugo_site / "content" / "posts" / "eerste.md"
    page.write_text("---\ntitle: Eerste\nslug: welkom  # yeplint: disable-line YEP504\n---\n")
    done = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "concise", "--select", "YEP504,YEP015", "."]
    )
    reported = [line.split(" ")[0] for line in done.stdout.splitlines()]
    assert "content/posts/tweede.md:3:1:" in reported  # the other page still is
    assert not [r for r in reported if r.startswith("content/posts/eerste.md")]


def test_the_line_that_makes_the_address_is_shown(hugo_site: Path) -> None:
    done = CliRunner().invoke(main, ["check", "--no-cache", "--select", "YEP504", "content/posts"])
    assert "3 │ slug: welkom" in done.stdout


def test_a_draft_and_a_page_in_another_language_take_no_address(tmp_path: Path) -> None:
    layout = Layout("hugo", tmp_path / "content", lower=True)
    page = tmp_path / "content" / "a" / "b.md"
    assert addresses(page, {"draft": True}, Settings(), layout) == []
    assert addresses(page, {"build": {"render": "never"}}, Settings(), layout) == []
    (english,) = addresses(page, None, Settings(), layout)
    (french,) = addresses(page.with_name("b.fr.md"), None, Settings(), layout)
    assert english.url == french.url == "/a/b" and english.language != french.language


@pytest.mark.parametrize(
    ("generator", "name", "data", "url"),
    [
        ("hugo", "content/Posts/My Page.md", None, "/posts/my-page"),
        ("hugo", "content/posts/x.md", {"URL": "/elders/"}, "/elders"),
        ("hugo", "content/posts/x/index.md", {"slug": "y"}, "/posts/y"),
        ("hugo", "content/posts/_index.md", {"slug": "y"}, "/posts"),
        ("zola", "content/blog/2024-01-02-hallo.md", None, "/blog/hallo"),
        ("zola", "content/blog/x.md", {"path": "anders"}, "/anders"),
        ("mkdocs", "docs/gids/README.md", None, "/gids"),
        ("jekyll", "over.md", {"permalink": "/over/index.html"}, "/over"),
        ("jekyll", "over.md", {"permalink": "/:categories/:title/"}, None),
        ("eleventy", "over.md", {"permalink": "/over.html"}, "/over.html"),
        ("docusaurus", "docs/a/b.md", {"slug": "/start"}, "/docs/start"),
        ("docusaurus", "docs/a/b.md", {"slug": "relatief"}, None),
        ("astro", "src/content/blog/a.md", None, None),
    ],
)
def test_the_address_each_generator_gives(
    tmp_path: Path, generator: str, name: str, data: dict[str, object] | None, url: str | None
) -> None:
    settings = Settings(generator=generator)
    found = addresses(tmp_path / name, data, settings, layout_of(tmp_path, settings))
    assert [a.url for a in found] == ([url] if url else [])


def test_an_mkdocs_readme_beside_an_index_is_left_out_as_mkdocs_does(tmp_path: Path) -> None:
    """A repository's docs/README.md for GitHub readers beside the site's docs/index.md: MkDocs
    excludes the README (and says so), which is what the repository wants."""
    settings = Settings(generator="mkdocs")
    layout = layout_of(tmp_path, settings)
    readme = tmp_path / "docs" / "README.md"
    readme.parent.mkdir()
    assert [a.url for a in addresses(readme, None, settings, layout)] == ["/"]
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    assert addresses(readme, None, settings, layout) == []


def test_hugo_permalinks_leave_file_names_alone(tmp_path: Path) -> None:
    """Sections with their own URL pattern: only a page's own `url` is an address."""
    (tmp_path / "hugo.toml").write_text('[permalinks]\nposts = "/:year/:slug/"\n')
    settings = Settings(generator="hugo")
    layout = layout_of(tmp_path, settings)
    page = tmp_path / "content" / "posts" / "x.md"
    assert addresses(page, {"slug": "y"}, settings, layout) == []
    assert [a.url for a in addresses(page, {"url": "/z/"}, settings, layout)] == ["/z"]


def test_a_hugo_content_mount_is_the_content_folder(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text(
        "[[module.mounts]]\n  source = 'content/en'\n  target = 'content'\n"
    )
    layout = layout_of(tmp_path, Settings(generator="hugo"))
    assert layout.content == tmp_path / "content" / "en"


HUGO_KEYS = keys_of("hugo")


@pytest.mark.parametrize(
    ("head", "found"),
    [
        (b"---\ntitle: x\n---\nslug: in the body\n", None),
        (b"---\ntitle: x\nslug: y\n---\nbody\n", b"---\n\nslug: y\n---\n"),
        (b"---\nslug: y\npermalink: /z/\n---\n", b"---\nslug: y\n\n---\n"),  # not Hugo's
        (
            b"---\ntitle: x\nAliases:\n- /a/\n  # old\n- /b/\ntags: [a,\n b]\n---\n",
            b"---\n\nAliases:\n- /a/\n\n- /b/\n\n\n---\n",
        ),
        (b"+++\ntitle = 'x'\nURL = 'y'\n+++\n", b"+++\ntitle = 'x'\nURL = 'y'\n+++\n"),
        (b"# no front matter\nurl: x\n", None),
        (
            b'{\n"title": "x",\n"aliases": ["/a/"]\n}\nbody\n',
            b'{\n"title": "x",\n"aliases": ["/a/"]\n}\n',
        ),
        (b"---\ntitle: x\n", UNCLOSED),
    ],
)
def test_only_a_front_matter_naming_an_address_key_is_parsed_and_only_those_keys(
    head: bytes, found: bytes | None
) -> None:
    assert front_matter_block(head, HUGO_KEYS) == found


def test_a_page_with_no_such_key_reads_only_the_start_of_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yeplint.rules import duplicate_url
    from yeplint.site import addresses
    from yeplint.site.discovery import Target

    page = tmp_path / "long.md"
    page.write_bytes(b"---\ntitle: x\n---\n" + b"text " * 10_000 + b"\nslug: body\n")
    asked = []
    real = front_matter_block

    def counted(head: bytes, keys: frozenset[str]) -> bytes | None:
        asked.append(len(head))
        return real(head, keys)

    monkeypatch.setattr(addresses, "front_matter_block", counted)  # imported when called
    target = Target(page, "long.md", tmp_path)
    assert duplicate_url._front_matter(target, HUGO_KEYS, ("yaml",)) is None
    assert asked == [duplicate_url.FIRST_READ]
