"""Eleventy read from its own configuration: the folders of ``dir`` (or ``set…Directory``), the
passthrough copies served at ``/``, a page at its path or its own ``permalink`` (front matter or
its folder's data file), the pages of other template languages, and headings that get no ids
(the oracle builds tests/oracle_sites/eleventy with Eleventy itself)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main
from yeplint.config import eleventy


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # its own repository: nothing above it counts
    monkeypatch.chdir(tmp_path)
    eleventy.read.cache_clear()
    return tmp_path


def check(*args: str) -> tuple[list[str], str]:
    done = CliRunner().invoke(main, ["check", "--format", "concise", "--no-cache", *args])
    assert done.exit_code in (0, 1), done.output
    return done.stdout.splitlines(), done.stderr


@pytest.mark.parametrize(
    "config",
    [
        'export default function (c) {\n  return { dir: { input: "src", includes: "parts" } };\n}',
        'export default function (c) {}\nexport const config = {\n  dir: { input: "src/", '
        'includes: "parts" },\n};',
        'module.exports = function (eleventyConfig) {\n  eleventyConfig.setInputDirectory("src");'
        '\n  eleventyConfig.setIncludesDirectory("parts");\n};',
    ],
)
def test_the_folders_are_read_from_the_config(site: Path, config: str) -> None:
    write(site, {"eleventy.config.js": config})
    found = eleventy.read(site)
    assert found.input == site / "src"
    assert found.templates == (site / "src/parts", site / "src/parts", site / "src/_data")
    assert found.notices == ()


def test_a_computed_input_folder_is_said_once_and_judges_no_page_link(site: Path) -> None:
    write(
        site,
        {
            "eleventy.config.js": "export const config = { dir: { input: process.env.IN } };",
            "src/a.md": "# A\n\n[Gone](/gone/)\n",
        },
    )
    lines, err = check()
    assert err.count("computes `dir.input`") == 1
    assert lines == []


@pytest.mark.parametrize(
    ("call", "static", "unmapped"),
    [
        ('addPassthroughCopy("src/img")', ("src",), False),
        ('addPassthroughCopy("img")', (".",), False),
        ('addPassthroughCopy("src/blog/*.png")', ("src",), False),
        ('addPassthroughCopy({ "assets/pics": "pics", "src/favicon.ico": "/" })', ("assets",), 0),
        ('addPassthroughCopy({ "src/fonts/a-b.woff2": "css/a.woff2" })', (), True),
        ('addPassthroughCopy({ [resolve("x")]: "js/x.js" })', (), True),
    ],
)
def test_passthrough_copies_are_folders_served_at_the_root(
    site: Path, call: str, static: tuple[str, ...], unmapped: bool
) -> None:
    write(
        site,
        {
            "eleventy.config.js": f"export default function (c) {{\n  c.{call};\n}}\n"
            'export const config = { dir: { input: "src" } };'
        },
    )
    found = eleventy.read(site)
    assert found.static[: len(static)] == static
    assert bool(found.notices) == bool(unmapped)


def test_a_page_is_served_at_its_path_or_its_own_permalink(site: Path) -> None:
    write(
        site,
        {
            "eleventy.config.js": 'export default function (c) { c.addPassthroughCopy("img"); }',
            "img/photo.png": "",
            "index.md": (
                "# Home\n\n[Hello](/posts/hello/) [Posts](/posts/) [Moved](/elsewhere/)"
                " [Old URL](/posts/moved/) [Archived](/archive/old/) [Draft](/drafts/old/)"
                " [Hidden](/posts/hidden/) [About](/about/) [Feed](/feed.xml)"
                " [Tag](/tags/news/) [Gone](/gone/) [No feed](/feed.rss)\n"
            ),
            "posts/hello.md": "# Hello\n",
            "posts/posts.md": "# All posts\n",
            "posts/moved.md": "---\npermalink: /elsewhere/\n---\n# Moved\n",
            "posts/hidden.md": "---\npermalink: false\n---\n# Not written\n",
            "drafts/drafts.json": '{"permalink": "/archive/{{ page.fileSlug }}/"}',
            "drafts/old.md": "# Old\n",
            "about.njk": "---\ntitle: About\n---\n<h1>About</h1>\n",
            "feed.11ty.js": 'export const data = { permalink: "/feed.xml" };\n',
            "tags.njk": "---\npermalink: /tags/{{ tag | slugify }}/\n---\n",
        },
    )
    lines, _ = check("index.md")
    assert [line.split(": YEP401 link to ")[1] for line in lines[:-1]] == [
        "`/posts/moved/`: no page at `/posts/moved/`",
        "`/drafts/old/`: no page at `/drafts/old/`",
        "`/posts/hidden/`: no page at `/posts/hidden/`",
        "`/gone/`: no page at `/gone/`",
    ]
    assert lines[-1].endswith("YEP401 link target `/feed.rss` does not exist")


def test_a_permalink_wins_over_a_collection_url(site: Path) -> None:
    write(
        site,
        {
            "eleventy.config.js": "export default function (c) {}",
            "yeplint.toml": 'generator = "eleventy"\n\n[[collections]]\nname = "posts"\n'
            'glob = "posts/*.md"\nurl = "/posts/{slug}/"\n',
            "posts/a.md": "---\npermalink: /a/\n---\n# A\n\n[B](/posts/b/), [A](/posts/a/)\n",
            "posts/b.md": "# B\n",
        },
    )
    lines, _ = check()
    assert lines == ["posts/a.md:6:17: YEP401 link to `/posts/a/`: no page at `/posts/a/`"]


def test_headings_without_ids_leave_anchors_unjudged_and_say_so_once(site: Path) -> None:
    write(
        site,
        {
            "eleventy.config.js": "export default function (c) {}",
            "a.md": "# A\n\n## Part\n\n[Part](#part), [nothing](#nothing), [B](/b/#x)\n",
            "b.md": "# B\n\n[Nothing](#nothing)\n",
        },
    )
    lines, err = check()
    assert lines == []
    assert err.count("gives headings no ids") == 1


def test_an_id_plugin_in_an_imported_module_turns_ids_on_with_slugs_not_known(
    site: Path,
) -> None:
    write(
        site,
        {
            "eleventy.config.js": 'import md from "./config/md.js";\n'
            "export default function (c) { c.addPlugin(md); }",
            "config/md.js": 'import { IdAttributePlugin } from "@11ty/eleventy";\n'
            "export default function (c) { c.addPlugin(IdAttributePlugin); }",
            "a.md": "# A\n\n[nothing](#nothing)\n",
        },
    )
    lines, err = check()
    assert lines == []
    assert "with a plugin (markdown-it-anchor, IdAttributePlugin)" in err
    assert "gives headings no ids" not in err


def test_the_output_folder_holds_no_pages(site: Path) -> None:
    write(
        site,
        {
            "eleventy.config.js": 'export const config = { dir: { output: "dist" } };',
            "index.md": "# Home\n\n[Built](/dist/old/) [About](/about/)\n",
            "about.html": "<h1>About</h1>\n",
            "dist/old/index.html": "<h1>Old</h1>\n",
        },
    )
    lines, _ = check()
    assert lines == ["index.md:3:1: YEP401 link to `/dist/old/`: no page at `/dist/old/`"]


def test_with_input_path_to_url_a_page_file_is_named_from_the_input_folder(site: Path) -> None:
    write(
        site,
        {
            "eleventy.config.js": 'import { InputPathToUrlTransformPlugin } from "@11ty/eleventy";'
            "\nexport default function (c) { c.addPlugin(InputPathToUrlTransformPlugin); }\n"
            'export const config = { dir: { input: "src" } };',
            "src/blog/a.md": (
                "# A\n\n[B](./blog/b.md) [B](b.md) [C](/docs/c.md) [Gone](./blog/x.md)\n"
            ),
            "src/blog/b.md": "# B\n",
            "src/docs/c.md": "# C\n",
        },
    )
    lines, _ = check()
    assert lines == ["src/blog/a.md:3:44: YEP401 link target `./blog/x.md` does not exist"]
