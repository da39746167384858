"""SvelteKit with mdsvex (issue 27, item 2): mdsvex renders headings without ids unless the
site's ``svelte.config.js`` lists ``rehype-slug`` in ``rehypePlugins`` (GitHub's slugs); without
it links to headings are not judged and the run says so once. mdsvex writes ``./shot.png`` into
the page as it is and ``src/routes/`` serves no file beside a page: the browser asks for it
from the page's URL. The oracle (tests/test_oracle.py, the real build of
tests/oracle_sites/sveltekit) agrees with both; these pin them on small sites, checked as a new
user would (``yeplint check .``, no yeplint.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_hugo_paths import page, site
from yeplint.cli import main
from yeplint.config.generators import mdsvex_slugs

WITHOUT_SLUGS = """import adapter from '@sveltejs/adapter-static';
import { mdsvex } from 'mdsvex';
// import rehypeSlug from 'rehype-slug';  (a comment is no plugin)
export default {
  extensions: ['.svelte', '.md'],
  preprocess: [mdsvex({ extensions: ['.md'] })],
  kit: { adapter: adapter() },
};
"""

WITH_SLUGS = """import adapter from '@sveltejs/adapter-static';
import { mdsvex } from 'mdsvex';
import rehypeSlug from 'rehype-slug';
export default {
  extensions: ['.svelte', '.md'],
  preprocess: [mdsvex({ extensions: ['.md'], rehypePlugins: [rehypeSlug] })],
  kit: { adapter: adapter() },
};
"""

COMPUTED = """import { mdsvex } from 'mdsvex';
import slug from 'rehype-slug';
const plugins = [slug];
export default { preprocess: [mdsvex({ rehypePlugins: plugins })] };
"""


def pages(config: str) -> dict[str, str | None]:
    return {
        "svelte.config.js": config,
        "src/routes/+page.md": page(
            "# Home\n\n[setup](/guide/setup#first-step) [gone](/guide/setup#gone)"
        ),
        "src/routes/guide/setup/+page.md": page(
            "# Setup\n\n## First step\n\n![Shot](./shot.png) ![Logo](../logo.png)"
        ),
        "src/routes/guide/setup/shot.png": None,
        "static/logo.png": None,
    }


def check(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], str]:
    monkeypatch.chdir(root)
    done = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "concise", "--select", "YEP3,YEP4", "."]
    )
    return [line for line in done.stdout.splitlines() if ": YEP" in line], done.stderr


def test_rehype_slug_in_rehype_plugins_gives_github_ids(tmp_path: Path) -> None:
    (tmp_path / "svelte.config.js").write_text(WITH_SLUGS, encoding="utf-8")
    assert mdsvex_slugs(tmp_path) == ("github", None)


def test_without_rehype_slug_headings_have_no_ids(tmp_path: Path) -> None:
    (tmp_path / "svelte.config.js").write_text(WITHOUT_SLUGS, encoding="utf-8")
    slugs, notice = mdsvex_slugs(tmp_path)
    assert slugs == "unknown"
    assert notice is not None and "rehype-slug" in notice


def test_a_rehype_slug_set_up_in_a_computed_list_is_said_unread(tmp_path: Path) -> None:
    (tmp_path / "svelte.config.js").write_text(COMPUTED, encoding="utf-8")
    slugs, notice = mdsvex_slugs(tmp_path)
    assert slugs == "unknown"
    assert notice is not None and "`rehypePlugins`" in notice


def test_links_to_headings_are_not_judged_without_ids_and_that_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(tmp_path, pages(WITHOUT_SLUGS))
    lines, told = check(tmp_path, monkeypatch)
    assert not [line for line in lines if "#gone" in line]
    assert told.count("mdsvex renders headings without ids") == 1


def test_links_to_headings_are_judged_with_rehype_slug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(tmp_path, pages(WITH_SLUGS))
    lines, told = check(tmp_path, monkeypatch)
    anchors = [line for line in lines if "#" in line.split(": YEP", 1)[1]]
    assert len(anchors) == 1 and "#gone" in anchors[0]  # `#first-step` is Setup's id
    assert "without ids" not in told


def test_an_image_beside_the_page_is_asked_for_from_the_page_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(tmp_path, pages(WITH_SLUGS))
    lines, _ = check(tmp_path, monkeypatch)
    images = [line for line in lines if "YEP301" in line]
    # `../logo.png` from `/guide/setup` is `/logo.png`, served from static/
    assert len(images) == 1
    assert images[0].startswith("src/routes/guide/setup/+page.md:")
    assert "`./shot.png`" in images[0]


def test_a_file_or_page_file_beside_the_page_is_not_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = pages(WITH_SLUGS)
    files["src/routes/guide/setup/+page.md"] = page(
        "# Setup\n\n[notes](./notes.md) [brochure](./brochure.pdf) [logo](/logo.png)"
    )
    files["src/routes/guide/setup/notes.md"] = "Notes.\n"
    files["src/routes/guide/setup/brochure.pdf"] = "%PDF-1.4\n"
    site(tmp_path, files)
    lines, _ = check(tmp_path, monkeypatch)
    links = [line for line in lines if "YEP401" in line]
    assert len(links) == 2, links
    assert "`./notes.md`" in links[0] and "SvelteKit" in links[0]
    assert "`./brochure.pdf`" in links[1]
