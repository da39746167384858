"""The classes the generator oracle found on the shared sites (tests/test_oracle_shared.py,
issue 27), each on a small site of its own: what the real build does, and yeplint with it."""

from __future__ import annotations

from pathlib import Path

from yeplint.config.load import load_settings
from yeplint.config.settings import Settings
from yeplint.document.post import load_text
from yeplint.engine.linter import Linter
from yeplint.rules.links import known_anchors
from yeplint.site.urls import build


def write(root: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def hugo_urls(root: Path, files: dict[str, str]) -> dict[str, str]:
    """The URL yeplint gives each Markdown page of a Hugo site, by its path."""
    write(root, {"hugo.toml": 'baseURL = "https://example.org/"\n', **files})
    pages = [root / name for name in files if name.endswith(".md")]
    urls = build(pages, Settings(root=root, generator="hugo"), lambda _: None).urls
    return {path.relative_to(root).as_posix(): url for path, url in urls.items()}


def test_a_hugo_page_hugo_does_not_render_has_no_url(tmp_path: Path) -> None:
    urls = hugo_urls(
        tmp_path,
        {
            "content/a.md": "---\ntitle: A\nbuild:\n  render: never\n---\n",
            "content/b.md": "---\ntitle: B\n_build:\n  render: false\n---\n",
            "content/c.md": "---\ntitle: C\nbuild:\n  list: never\n---\n",
        },
    )
    assert urls == {"content/c.md": "/c/"}


def test_a_sections_cascade_leaves_its_pages_unrendered_unless_one_renders_itself(
    tmp_path: Path,
) -> None:
    urls = hugo_urls(
        tmp_path,
        {
            "content/_common/_index.md": "---\ncascade:\n  build:\n    render: never\n---\n",
            "content/_common/deep/snippet.md": "---\ntitle: S\n---\n",
            "content/glossary/_index.md": (
                "---\ntitle: G\nbuild:\n  render: always\n"
                "cascade:\n  build:\n    render: never\n    list: local\n---\n"
            ),
            "content/glossary/term.md": "---\ntitle: T\n---\n",
            "content/other.md": "---\ntitle: O\n---\n",
        },
    )
    assert urls == {"content/glossary/_index.md": "/glossary/", "content/other.md": "/other/"}


def test_a_cascade_reaches_only_the_pages_its_target_names(tmp_path: Path) -> None:
    urls = hugo_urls(
        tmp_path,
        {
            "content/_index.md": (
                "---\ntitle: Home\ncascade:\n"
                "  - build: {render: never}\n    _target: {path: '/drafts/**'}\n"
                "  - build: {render: never}\n    target: {path: '/notes/**', kind: section}\n"
                "---\n"
            ),
            "content/drafts/x.md": "---\ntitle: X\n---\n",
            "content/notes/y.md": "---\ntitle: Y\n---\n",
            "content/posts/z.md": "---\ntitle: Z\n---\n",
        },
    )
    assert urls == {
        "content/_index.md": "/",
        "content/notes/y.md": "/notes/y/",
        "content/posts/z.md": "/posts/z/",
    }


def test_a_file_vitepress_src_exclude_names_is_no_page(tmp_path: Path) -> None:
    config = "export default {\n  srcExclude: ['tutorial/**/description.md', 'README.md'],\n}\n"
    pages = write(
        tmp_path,
        {
            "tutorial/src/step-1/description.md": "# One\n",
            "tutorial/index.md": "# Tutorial\n",
            "README.md": "# Read me\n",
            "guide/README.md": "# Guide\n",
        },
    )
    write(tmp_path, {".vitepress/config.ts": config})
    settings = Settings(root=tmp_path, generator="vitepress")
    urls = build(pages, settings, lambda _: None).urls
    found = {path.relative_to(tmp_path).as_posix(): url for path, url in urls.items()}
    assert found == {"tutorial/index.md": "/tutorial/", "guide/README.md": "/guide/README.html"}


def anchors_of(text: str, generator: str, slugs: str) -> frozenset[str] | None:
    post = load_text(Path("a.md"), "a.md", text.encode(), ("yaml",))
    return known_anchors(post, settings=Settings(generator=generator, slugs=slugs))


def test_a_vitepress_custom_id_is_the_whole_id() -> None:
    text = (
        "# Vue.js Privacy Policy {#vue.js-privacy-policy}\n\n"
        "#### Initiative – ARIA {#initiative-–-aria}\n"
    )
    assert anchors_of(text, "vitepress", "vitepress") == frozenset(
        {"vue.js-privacy-policy", "initiative-–-aria"}
    )


def test_a_kramdown_attribute_list_id_ends_where_a_class_starts() -> None:
    text = "Some text\n{: #note.wide}\n"
    assert anchors_of(text, "jekyll", "kramdown") == frozenset({"note"})


def test_a_kramdown_attribute_list_under_a_heading_replaces_its_generated_id() -> None:
    text = (
        "## 4.4.1 / 2025-01-29\n{: #v4-4-1}\n\n"
        "Set up\n------\n{: #setup .wide}\n\n"
        "### Bug Fixes {: #bug-fixes}\n"  # on the heading's line: text (kramdown 2.4's build)
    )
    assert anchors_of(text, "jekyll", "kramdown") == frozenset(
        {"v4-4-1", "setup", "bug-fixes--bug-fixes"}
    )


def test_braces_ending_a_heading_that_are_no_kramdown_id_are_its_text() -> None:
    text = "## getset(key) {block}\n\n## fetch(key) {#fetch}\n"
    assert anchors_of(text, "jekyll", "kramdown") == frozenset({"getsetkey-block", "fetch"})


def test_a_file_jekylls_exclude_names_is_no_page(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "_config.yml": "exclude:\n  - readme.md\n  - drafts/\n  - '*.txt.md'\n",
            "readme.md": "# Read me\n",
            "drafts/x.md": "---\ntitle: X\n---\n",
            "notes.txt.md": "---\ntitle: N\n---\n",
            "guide/readme.md": "---\ntitle: Guide\n---\n",
            "about.md": "---\ntitle: About\n---\n",
        },
    )
    found = Linter(load_settings(start=tmp_path, paths=[tmp_path])).site_map(tmp_path).urls
    urls = {path.relative_to(tmp_path).as_posix(): url for path, url in found.items()}
    assert urls == {"about.md": "/about.html", "guide/readme.md": "/guide/readme.html"}


def test_kramdown_reads_an_atx_headings_trailing_attribute_list_as_text() -> None:
    # Jekyll 4.3 (kramdown 2.4, GFM and kramdown input): only `{#id}` ends a heading as its id
    text = "## Setup {: #setup}\n\n## Run {.cls #run}\n\n## Go {#go}\n\nTom &amp; Jerry\n{: #tj}\n"
    assert anchors_of(text, "jekyll", "kramdown-gfm") == frozenset(
        {"setup--setup", "run-cls-run", "go", "tj"}
    )
    assert anchors_of("## Tom &amp; Jerry\n", "jekyll", "kramdown") == frozenset({"tom-amp-jerry"})
