"""Jekyll as Jekyll reads it: the URLs of ``_config.yml`` (permalink styles, collections,
scoped defaults, a page's own permalink, ``baseurl``) and the link forms Jekyll fills in
(``{{ site.baseurl }}/x``, ``relative_url``, ``{% link %}``, ``{% post_url %}``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import lint_paths
from tests.test_false_classes import write
from yeplint.config.load import load_settings
from yeplint.engine.linter import Linter

POSTS = {
    "_posts/2024-01-05-hello.md": "---\ntitle: Hello\ncategories: [News]\n---\n\nHi.\n",
    "_posts/2024-01-07-second.md": "---\ntitle: Second\nslug: renamed\n---\n\nHo.\n",
    "about.md": "---\ntitle: About\n---\n\nAbout.\n",
    "docs/index.md": "---\ntitle: Docs\n---\n\nDocs.\n",
}


def urls(site: Path, config: str, files: dict[str, str] = POSTS) -> dict[str, str | None]:
    """Each page's URL as a run over ``site`` (no yeplint.toml) sees it."""
    write(site, {"_config.yml": config, **files})
    settings = load_settings(start=site, paths=[site])
    linter = Linter(settings)
    found = linter.site_map(site).urls
    return {p.relative_to(site).as_posix(): found.get(p) for p in sorted(found)}


@pytest.mark.parametrize(
    ("permalink", "hello", "about"),
    [
        ("", "/news/2024/01/05/hello.html", "/about.html"),  # `date`, the default
        ("permalink: pretty", "/news/2024/01/05/hello/", "/about/"),
        ("permalink: ordinal", "/news/2024/005/hello.html", "/about.html"),
        ("permalink: none", "/news/hello.html", "/about.html"),
        ("permalink: /blog/:year/:title/", "/blog/2024/hello/", "/about/"),
    ],
)
def test_the_permalink_of_config_yml_places_posts_and_pages(
    tmp_path: Path, permalink: str, hello: str, about: str
) -> None:
    found = urls(tmp_path, f"title: T\n{permalink}\n")
    assert found["_posts/2024-01-05-hello.md"] == hello
    assert found["about.md"] == about
    assert found["docs/index.md"] == "/docs/"


def test_a_posts_title_drops_the_date_and_its_own_slug_and_permalink_win(tmp_path: Path) -> None:
    files = {**POSTS, "about.md": "---\ntitle: About\npermalink: /over-ons/\n---\n\nAbout.\n"}
    found = urls(tmp_path, "permalink: /posts/:title/\n", files)
    assert found["_posts/2024-01-05-hello.md"] == "/posts/hello/"
    assert found["_posts/2024-01-07-second.md"] == "/posts/renamed/"
    assert found["about.md"] == "/over-ons/"


def test_collections_and_scoped_defaults(tmp_path: Path) -> None:
    config = (
        "collections:\n  guides:\n    output: true\n    permalink: /g/:path/\n"
        "  notes:\n    output: false\n"
        "defaults:\n  - scope:\n      path: docs\n"
        "    values:\n      permalink: /manual/:basename/\n"
    )
    files = {
        **POSTS,
        "_guides/deep/setup.md": "# Setup\n",
        "_notes/n.md": "# Note\n",
        "_sass/readme.md": "# Sass\n",
        "docs/start.md": "# Start\n",
    }
    found = urls(tmp_path, config, files)
    assert found["_guides/deep/setup.md"] == "/g/deep/setup/"
    assert "_notes/n.md" not in found  # not written out
    assert "_sass/readme.md" not in found  # no collection
    assert found["docs/start.md"] == "/manual/start/"


SITE = {
    "_config.yml": "baseurl: /blog\npermalink: /posts/:title/\n",
    "_posts/2024-01-05-hello.md": "---\ntitle: Hello\n---\n\n## Details\n",
    "index.md": (
        "---\ntitle: Home\n---\n\n"
        "[a]({{ site.baseurl }}/posts/hello/) [b]({{ '/posts/gone/' | relative_url }})\n"
        "[c]({% post_url 2024-01-05-hello %}#details) [d]({% post_url 2024-01-09-gone %})\n"
        "[e]({% link _posts/2024-01-05-hello.md %}) [f]({% link gone.md %})\n"
        "[g](/blog/posts/hello/) [h](/posts/hello/) [i]({{ x }}/y)\n"
        "[j]({% post_url 2024-01-05-hello %}#nowhere)\n"
    ),
}


def test_templated_links_are_checked_as_the_page_they_name(tmp_path: Path) -> None:
    write(tmp_path, SITE)
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    found = lint_paths([tmp_path], tmp_path, ["YEP401", "YEP404"], settings)
    assert [(d.code, d.line, d.column, d.message) for d in found] == [
        ("YEP401", 5, 38, "link to `/posts/gone/`: no page at `/posts/gone/`"),
        ("YEP401", 6, 46, "link target `2024-01-09-gone` does not exist"),
        ("YEP401", 7, 44, "link target `/gone.md` does not exist"),
        (
            "YEP401",
            8,
            25,
            "link to `/posts/hello/` leaves the site, which is served under `/blog`",
        ),
        (
            "YEP404",
            9,
            1,
            "`2024-01-05-hello` has no heading with the anchor `#nowhere`",
        ),
    ]


def test_html_pages_redirects_and_the_posts_collection_permalink_are_served(
    tmp_path: Path,
) -> None:
    """As on Jekyll's own docs: its home and showcase are HTML pages, `/help/` a
    jekyll-redirect-from address, and the posts' permalink is the posts collection's."""
    write(
        tmp_path,
        {
            "_config.yml": (
                "collections:\n  posts:\n    permalink: /news/:year/:title/\nexclude:\n  - drafts\n"
            ),
            "pages/showcase.html": "---\npermalink: /showcase/\n---\n<p>x</p>\n",
            "index.html": "---\nlayout: home\n---\n<p>x</p>\n",
            "plain/page.html": "---\n---\n<p>x</p>\n",
            "drafts/x.html": "---\npermalink: /drafts/x/\n---\n",
            "_layouts/home.html": "---\npermalink: /layout/\n---\n",
            "community.md": "---\nredirect_from: /help/index.html\n---\n\nHelp.\n",
            "_posts/2016-04-19-released.md": "---\ntitle: R\n---\n\nR.\n",
            "links.md": (
                "[a](/showcase/) [b](/) [c](/plain/page.html) [d](/help/) [e](/drafts/x/)"
                " [f](/layout/) [g](/news/2016/released/)\n"
            ),
        },
    )
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    found = lint_paths([tmp_path], tmp_path, ["YEP401"], settings)
    assert [(d.line, d.column) for d in found] == [(1, 58), (1, 74)]  # excluded, a layout


@pytest.mark.parametrize(
    ("kramdown", "reported"),
    [
        ("", [(5, 13)]),  # `#x-intro` is no anchor without a prefix
        ("kramdown:\n  auto_id_prefix: x-\n", [(5, 1)]),
        ("kramdown:\n  auto_ids: false\n", []),  # only explicit ids: not followed
    ],
)
def test_kramdown_auto_id_options(
    tmp_path: Path, kramdown: str, reported: list[tuple[int, int]]
) -> None:
    write(
        tmp_path,
        {"_config.yml": kramdown, "page.md": "---\n---\n## Intro\n\n[a](#intro) [b](#x-intro)\n"},
    )
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    found = lint_paths([tmp_path], tmp_path, ["YEP404"], settings)
    assert [(d.line, d.column) for d in found] == reported


def test_a_jekyll_site_in_docs_below_the_configuration(tmp_path: Path) -> None:
    """GitHub Pages publishes `docs/`: `yeplint init docs` writes the configuration above it."""
    write(
        tmp_path,
        {
            "yeplint.toml": 'generator = "jekyll"\ninclude = ["docs/**/*.md"]\n',
            "docs/_config.yml": "permalink: pretty\nkramdown:\n  auto_id_prefix: h-\n",
            "docs/_posts/2024-01-05-hello.md": "---\n---\n## Hi\n",
            "docs/guide/setup.md": (
                "---\n---\n[a](/2024/01/05/hello/#h-hi) [b](/guide/gone/) [c](/guide/setup/)\n"
            ),
        },
    )
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    found = lint_paths([tmp_path], tmp_path, ["YEP401", "YEP404"], settings)
    assert [(d.code, d.line, d.column) for d in found] == [("YEP401", 3, 30)]


def test_a_changed_post_is_looked_for_under_its_name_without_the_date() -> None:
    """`--staged`: the pages that link to a changed post are found by its served name."""
    from yeplint.config.settings import Settings
    from yeplint.engine.changes import _names

    settings = Settings(dated_folders=("_posts",))
    assert "hello" in _names([Path("site/_posts/2024-01-05-hello.md")], settings)


def test_a_link_to_a_pages_html_url_is_that_page(tmp_path: Path) -> None:
    """Jekyll's default `date` style serves pages and posts at `x.html`: no file on disk."""
    write(
        tmp_path,
        {
            "_config.yml": "title: T\n",
            "about.md": "---\n---\n## Team\n",
            "index.md": ("---\n---\n[a](about.html#team) [b](/about.html#nobody) [c](gone.html)\n"),
        },
    )
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    found = lint_paths([tmp_path], tmp_path, ["YEP401", "YEP404"], settings)
    assert [(d.code, d.column) for d in found] == [("YEP404", 22), ("YEP401", 46)]


def test_an_image_path_may_be_written_from_the_pages_url(tmp_path: Path) -> None:
    # kramdown writes the path as it is: from `/guide/` (permalink: pretty), `../assets/a.png`
    # is `/assets/a.png` (Jekyll's build of tests/oracle_sites/jekyll)
    write(
        tmp_path,
        {
            "_config.yml": "permalink: pretty\n",
            "guide.md": (
                "---\n---\n![a](../assets/a.png) ![b](assets/a.png) ![c](../assets/b.png)\n"
            ),
        },
    )
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    found = lint_paths([tmp_path / "guide.md"], tmp_path, ["YEP301", "YEP304"], settings)
    assert [(d.code, d.column) for d in found] == [("YEP304", 42)]


@pytest.mark.parametrize(
    ("config", "reported"), [("", [10]), ("kramdown:\n  parse_block_html: true\n", [])]
)
def test_a_heading_inside_an_html_block_is_text_to_kramdown(
    tmp_path: Path, config: str, reported: list[int]
) -> None:
    # Jekyll's build of tests/oracle_sites/jekyll: `<details>` keeps its content raw
    body = (
        "---\n---\n<details>\n<summary>More</summary>\n\n## Inside\n\n</details>\n\n[x](#inside)\n"
    )
    write(tmp_path, {"_config.yml": "title: T\n" + config, "page.md": body})
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    found = lint_paths([tmp_path / "page.md"], tmp_path, ["YEP404"], settings)
    assert [d.line for d in found] == reported


def test_a_permalink_without_an_ending_and_a_post_in_html_are_served(tmp_path: Path) -> None:
    """Jekyll writes a page whose permalink ends neither in `/` nor in `.html` to that path
    with `.html` added (`permalink: /biography` is `biography.html`), and a post written in
    HTML, with front matter or without, is served by the posts' permalink like a Markdown
    one."""
    write(
        tmp_path,
        {
            "_config.yml": "title: T\n",
            "bio.md": "---\npermalink: /biography\n---\n\nBio.\n",
            "contact.html": "---\npermalink: /contact\n---\n<p>x</p>\n",
            "cars/_posts/2030-10-10-launch.html": "---\ntitle: L\n---\n<p>x</p>\n",
            "_posts/2030-10-11-plain.html": "<p>no front matter: a post all the same</p>\n",
            "index.md": (
                "---\n---\n[a](/biography) [b](/biography.html) [c](/contact.html)"
                " [d](/cars/2030/10/10/launch.html) [e](/2030/10/11/plain.html)"
                " [f](/2030/10/10/launch.html)\n"
            ),
        },
    )
    settings = load_settings(start=tmp_path, paths=[tmp_path])
    found = lint_paths([tmp_path], tmp_path, ["YEP401"], settings)
    assert [d.column for d in found] == [119]  # the post's category is its folder
