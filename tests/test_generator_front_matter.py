"""Each generator's own front matter rules (YEP602-604), on a site of each generator seeded with
the defects (tests/sites/<generator>-frontmatter), with no configuration and no schema; and
Hugo itself as the oracle for what it reads: the draft written `draft: yes` is published, the
alias written as one text lands at `/old/,/`, `weight: 1.5` is 1, and the dates yeplint says
Hugo cannot read are the ones Hugo stops on."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import lint_paths
from yeplint.cli import main
from yeplint.config.astro_content import parse
from yeplint.config.settings import Collection, Settings
from yeplint.rules.catalogue import find
from yeplint.rules.generator_fm._common import reads_date
from yeplint.rules.generator_fm.yep604_misspelt_generator_key import _closest

SITES = Path(__file__).parent / "sites"

SEEDED = {
    "hugo-frontmatter": [
        "content/posts/concept.md:3:8: YEP602",  # draft: yes
        "content/posts/moved.md:3:10: YEP602",  # aliases: /old/, /older/
        "content/posts/moved.md:4:9: YEP602",  # weight: 1.5
        "content/posts/typos.md:3:1: YEP604",  # dratf
        "content/posts/typos.md:4:1: YEP604",  # wieght
        "content/posts/typos.md:6:9: YEP603",  # build: list: nevr
    ],
    "hugo-frontmatter-dates": [
        "content/posts/dated.md:3:7: YEP603",  # 2024/03/15
        "content/posts/dated.md:4:10: YEP603",  # 2024-3-5
    ],
    "jekyll-frontmatter": [
        "_posts/2024-03-15-hidden.md:3:1: YEP604",  # layuot
        "_posts/2024-03-15-hidden.md:4:12: YEP602",  # published: "false"
        "_posts/2024-03-15-hidden.md:5:7: YEP602",  # tags: web, design
        "_posts/2024-03-17-unstyled.md:3:9: YEP606",  # layout: posts (_layouts/post.html)
    ],
    "zola-frontmatter": [
        "content/first.md:3:9: YEP603",  # draft = "yes"
        "content/first.md:4:10: YEP603",  # weight = 1.5
        "content/first.md:5:8: YEP603",  # date = "2024/03/15"
        "content/first.md:6:1: YEP604",  # aliasses
    ],
    "docusaurus-frontmatter": [
        "docs/intro.md:3:19: YEP603",  # sidebar_position: first
        "docs/intro.md:4:8: YEP603",  # draft: yes (a text for js-yaml)
        "docs/intro.md:5:1: YEP604",  # sidebar_lable
    ],
    "mkdocs-frontmatter": [
        "docs/index.md:5:5: YEP603",  # hide: - tabel
        "docs/index.md:7:3: YEP604",  # search: exlude
    ],
    "eleventy-frontmatter": [
        "index.md:3:12: YEP602",  # permalink: "false"
        "index.md:4:33: YEP602",  # eleventyExcludeFromCollections: "false"
    ],
    "astro-frontmatter": [
        "src/content/blog/broken.md:3:10: YEP605",  # pubDate: "2024-03-15" (quoted)
        "src/content/blog/broken.md:4:8: YEP605",  # draft: yes
        "src/content/blog/broken.md:5:7: YEP605",  # tags: astro (one text)
        "src/content/blog/broken.md:6:7: YEP605",  # kind: essay
        "src/content/blog/broken.md:7:9: YEP605",  # rating: "4"
        "src/content/blog/untitled.md:4:1: YEP605",  # no title
    ],
}
"""Every seeded defect at its line and column; each site's other page is written the way its
generator reads it and has none."""


def _check(site: Path) -> list[str]:
    result = CliRunner().invoke(
        main, ["check", "--format", "concise", "--no-cache", "--select", "YEP6", "."]
    )
    assert result.exit_code in (0, 1), result.output
    return [" ".join(line.split()[:2]) for line in result.stdout.splitlines() if line]


def test_what_the_astro_reader_skips_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "astro"
    shutil.copytree(SITES / "astro-frontmatter", site)
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "YEP605", "."])
    told = "content.config.ts: not a schema yeplint reads, so not checked: `blog.seo`, `notes`"
    assert result.stderr.count(told) == 1


@pytest.mark.parametrize("name", sorted(SEEDED))
def test_each_seeded_defect_is_caught_at_its_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    site = tmp_path / name
    shutil.copytree(SITES / name, site)
    monkeypatch.chdir(site)
    assert _check(site) == SEEDED[name]


def test_no_generator_no_generator_rules(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A\ndraft: yes\nweight: 1.5\ndratf: 1\n---\n", encoding="utf-8")
    assert lint_paths([page], tmp_path, select=["YEP6"], settings=Settings()) == []


def _page(
    tmp_path: Path, front_matter: str, schema: Mapping[str, object] | None = None
) -> list[str]:
    """The YEP6 findings on one Hugo page, with ``schema`` as its collection's when given."""
    page = tmp_path / "posts" / "a.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"---\n{front_matter}---\n", encoding="utf-8")
    collections: tuple[Collection, ...] = ()
    if schema is not None:
        (tmp_path / "posts.json").write_text(json.dumps(schema), encoding="utf-8")
        collections = (Collection("posts", ("posts/*.md",), "posts.json", base=tmp_path),)
    settings = Settings(generator="hugo", collections=collections)
    found = lint_paths([page], tmp_path, select=["YEP6"], settings=settings)
    return [f"{d.line}:{d.column} {d.code}" for d in found]


def test_a_site_schema_wins_for_the_keys_it_describes(tmp_path: Path) -> None:
    text = "title: A\ndraft: yes\nwieght: 3\n"
    assert _page(tmp_path, text) == ["3:8 YEP602", "4:1 YEP604"]
    own = {"type": "object", "properties": {"draft": {"type": "string"}, "wieght": {}}}
    assert _page(tmp_path, text, own) == []


def test_a_schema_yeplint_init_inferred_owns_no_key(tmp_path: Path) -> None:
    """An inferred schema only knows what the pages held, `draft: yes` among them."""
    inferred = {
        "title": "posts (inferred by yeplint init from 3 pages)",
        "type": "object",
        "properties": {"draft": {"type": ["boolean", "string"]}},
    }
    assert _page(tmp_path, "title: A\ndraft: yes\n", inferred) == ["3:8 YEP602"]


def test_hugo_reads_keys_in_any_case_and_texts_it_converts(tmp_path: Path) -> None:
    text = 'Draft: "true"\nWEIGHT: "3"\nlinkTitle: A\nPublishDate: 2024-03-15\nweight: 2.0\n'
    assert _page(tmp_path, text) == []


@pytest.mark.parametrize(
    ("key", "close"),
    [
        ("dratf", "draft"),
        ("wieght", "weight"),
        ("lastmdo", "lastmod"),
        ("publsihdat", "publishdate"),  # two edits in a long key
        ("data", None),  # shorter than 5: `data` is a key of its own, not `date`
        ("slugs", None),  # a final s: a key of its own
        ("image", None),
        ("subtitle", None),
        ("wiegth", None),  # two edits in a six-letter key
    ],
)
def test_a_misspelt_key_is_one_or_two_edits_from_a_known_one(key: str, close: str | None) -> None:
    known = ["draft", "weight", "lastmod", "publishdate", "date", "slug", "images", "title"]
    assert _closest(key, known, fold=True) == close


def test_the_suggestion_is_offered_as_an_edit(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A\ndratf: true\n---\n", encoding="utf-8")
    (found,) = lint_paths([page], tmp_path, select=["YEP604"], settings=Settings(generator="hugo"))
    assert found.hint == "did you mean `draft`?"


# Hugo as the oracle ---------------------------------------------------------------------------


def _hugo() -> Path:
    here = Path(sys.executable).parent / "hugo"
    found = here if here.exists() else shutil.which("hugo")
    if not found:
        pytest.skip("hugo is not installed (the `oracle` extra)")
    return Path(found)


def _run_hugo(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUGO_CACHEDIR": str(site / ".cache")}
    command = [str(_hugo()), "--source", str(site), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_hugo_publishes_what_yeplint_says_it_misreads(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITES / "hugo-frontmatter", site)
    built = _run_hugo(site, "--destination", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    out = tmp_path / "out"
    # draft: yes is a published page, not a draft
    concept = (out / "posts" / "concept" / "index.html").read_text(encoding="utf-8")
    assert "draft=false" in concept
    # aliases: /old/, /older/ is split at spaces: `/old/,` and `/older/`
    assert (out / "old" / "," / "index.html").is_file()
    assert not (out / "old" / "index.html").exists()
    # weight: 1.5 is 1
    moved = (out / "posts" / "moved" / "index.html").read_text(encoding="utf-8")
    assert "weight=1|" in moved
    # draft: "true" is a draft (a text Hugo converts): not built, and not reported
    assert not (out / "posts" / "fine").exists()


def test_hugo_stops_on_the_dates_yeplint_reports(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITES / "hugo-frontmatter-dates", site)
    built = _run_hugo(site, "--destination", str(tmp_path / "out"))
    assert built.returncode != 0
    assert 'the "date" front matter field is not a parsable date' in built.stderr


DATES = [
    "2024-03-15",
    "2024-03-15T10:00:00",
    "2024-03-15T10:00:00.5Z",
    "2024-03-15T10:00:00+0100",
    "2024-03-15 10:00:00",
    "2024-03-15 10:00:00 +01:00",
    "2024-03-15 10:00:00+01:00",
    "2024-03-15 10:00:00.123 +0100 CET",
    "15 Mar 2024",
    "Mon, 02 Jan 2006 15:04:05 MST",
    "2024/03/15",
    "2024-3-5",
    "2024-02-30",
    "2024-03-15T10:00",
    "2024-03-15T10:00:00 +01:00",
    "15-03-2024",
    "March 15, 2024",
]


def test_hugo_parses_exactly_the_dates_yeplint_says_it_reads(tmp_path: Path) -> None:
    """One build of one page per date text: the pages Hugo stops on are the ones yeplint says
    it cannot read."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\n', encoding="utf-8")
    for number, text in enumerate(DATES):
        page = site / "content" / f"p{number}.md"
        page.write_text(f'---\ntitle: p{number}\ndate: "{text}"\n---\n', encoding="utf-8")
    listed = _run_hugo(site, "list", "all")
    stopped = {n for n in range(len(DATES)) if f"/content/p{n}.md" in listed.stderr}
    assert stopped, listed.stderr
    unread = {n for n, text in enumerate(DATES) if not reads_date(text, "go")}
    assert {DATES[n] for n in stopped} == {DATES[n] for n in unread}


# Astro's content config, read for its literal z.object ----------------------------------------

CONFIG = """
import { defineCollection, reference, z } from 'astro:content';
import { glob } from 'astro/loaders';
const shared = z.object({ name: z.string() });
const blog = defineCollection({
  loader: glob({ base: './src/data/blog', pattern: '**/*.md' }),
  schema: ({ image }) => z.object({
    title: z.string().max(80),           // narrowing: still a string
    pubDate: z.coerce.date(),
    heroImage: z.optional(image()),
    draft: z.boolean().default(false),
    tags: z.array(z.string()).optional(),
    kind: z.enum(['post', "note"]).nullable(),
    author: reference('authors'),
    layout: z.literal('wide'),
    extra: someHelper(),
    ...shared.shape,
  }),
});
const docs = defineCollection({ schema: z.object({ order: z.number().int() }) });
const authors = defineCollection({ loader: file('src/authors.json'), schema: shared });
export const collections = { blog, docs, authors };
"""


def test_the_astro_reader_turns_a_literal_zod_object_into_json_schema() -> None:
    collections, skipped = parse(CONFIG)
    blog, docs = collections
    assert (blog.name, blog.folder, docs.folder) == ("blog", "src/data/blog", "src/content/docs")
    properties = blog.schema["properties"]
    assert blog.schema["required"] == ["title", "pubDate", "kind", "author", "layout"]
    assert properties["title"] == {"type": "string"}
    assert properties["heroImage"] == {"type": "string"}
    assert properties["tags"] == {"type": "array", "items": {"type": "string"}}
    assert properties["kind"] == {"type": ["string", "null"], "enum": ["post", "note", None]}
    assert properties["layout"] == {"const": "wide"}
    assert properties["extra"] == {}  # not understood: not checked
    assert docs.schema == {
        "type": "object",
        "properties": {"order": {"type": "number"}},
        "required": ["order"],
    }
    assert skipped == ("blog.extra", "blog: …", "authors")


def test_a_site_schema_wins_over_the_astro_schema(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITES / "astro-frontmatter", site)
    page = site / "src" / "content" / "blog" / "broken.md"
    own = {"type": "object", "properties": {"draft": {"type": "string"}, "kind": {}}}
    (site / "blog.json").write_text(json.dumps(own), encoding="utf-8")
    collection = Collection("blog", ("src/content/blog/*.md",), "blog.json", base=site)
    settings = Settings(root=site, generator="astro", collections=(collection,))
    found = lint_paths([page], site, select=["YEP605"], settings=settings)
    assert [f"{d.line}:{d.column}" for d in found] == ["3:10", "5:7", "7:9"]


def test_a_jekyll_theme_s_layouts_are_not_judged_and_the_run_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "jekyll"
    shutil.copytree(SITES / "jekyll-frontmatter", site)
    assert "YEP606" in "\n".join(_check_in(site, monkeypatch))
    (site / "_config.yml").write_text("title: T\ntheme: minima\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "YEP606", "."])
    assert "YEP606" not in result.stdout
    told = "_config.yml uses the theme `minima`, whose layouts are not in the tree"
    assert result.stderr.count(told) == 1


def _check_in(site: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(site)
    return _check(site)


def test_jekyll_publishes_and_splits_what_yeplint_says_it_misreads(tmp_path: Path) -> None:
    """Jekyll as the oracle: `published: "false"` is published, `tags: web, design` is the tags
    `web,` and `design`, `layout: posts` is a page without a layout (and a build warning)."""
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        pytest.skip("jekyll is not installed")
    site, out = tmp_path / "site", tmp_path / "out"
    shutil.copytree(SITES / "jekyll-frontmatter", site)
    command = [jekyll, "build", "--source", str(site), "--destination", str(out)]
    built = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert built.returncode == 0, built.stderr
    assert (out / "2024" / "03" / "15" / "hidden.html").is_file()  # published: "false"
    assert not (out / "2024" / "03" / "16" / "fine.html").exists()  # published: no
    assert (out / "index.html").read_text(encoding="utf-8").strip() == "[web,][design]"
    unstyled = (out / "2024" / "03" / "17" / "unstyled.html").read_text(encoding="utf-8")
    assert "<html>" not in unstyled
    assert "Layout 'posts' requested in _posts/2024-03-17-unstyled.md does not exist" in (
        built.stdout + built.stderr
    )


USE_INSTEAD = re.compile(r"## Use instead\n```yaml\n(.*?)```", re.S)


@pytest.mark.parametrize("code", ["YEP602", "YEP603", "YEP604"])
def test_what_the_docs_say_to_use_instead_is_not_reported(code: str, tmp_path: Path) -> None:
    rule = find(code)
    assert rule is not None
    shown = USE_INSTEAD.search(rule.doc)
    assert shown is not None, f"{code} shows no `## Use instead`"
    page = tmp_path / "a.md"
    page.write_text(f"---\n{shown.group(1)}---\n", encoding="utf-8")
    assert lint_paths([page], tmp_path, select=[code], settings=Settings(generator="hugo")) == []


def test_every_table_names_kinds_the_rules_know() -> None:
    from yeplint.config.generator_keys import KINDS, MODULES, Key, table

    def kinds(keys: Mapping[str, Key]) -> set[str]:
        found = {k for spec in keys.values() for k in (spec.kind, *spec.also)}
        return found.union(*(kinds(spec.keys) for spec in keys.values() if spec.keys))

    for name in MODULES:
        found = table(name)
        assert found is not None
        assert kinds(found.keys) <= set(KINDS), name
        if found.case_insensitive:
            assert all(key == key.lower() for key in found.keys), name
