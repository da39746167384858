"""`yeplint init` infers collections and schemas from a content tree."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import lint_paths, shared_site
from yeplint.cli import main
from yeplint.config.load import load_settings


def post(title: str, category: str, date: str = "2024-01-0{n}", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ncategories:\n  - {category}\n{extra}---\n\nTekst.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    blog = tmp_path / "content" / "blog"
    blog.mkdir(parents=True)
    categories = ["Carriere", "Carriere", "Carriere", "Effectiviteit", "Effectiviteit", "Carreer"]
    for n, category in enumerate(categories, start=1):
        extra = "Subtitle: x\n" if n == 6 else "subtitle: x\n"
        text = post(f"Post {n}", category, f"2024-01-0{n}", extra)
        (blog / f"post-{n}.nl.md").write_text(text, encoding="utf-8")
    (blog / "_.nl._.md").write_text("---\ntitle: niet gevonden\nalt: ''\n---\n", encoding="utf-8")
    return tmp_path


def run(tree: Path, *args: str) -> tuple[int, str]:
    content = str(tree / "content")
    result = CliRunner().invoke(main, ["init", content, "--output-dir", str(tree), *args])
    return result.exit_code, result.output


def test_infers_schema_and_reports_one_offs(tree: Path) -> None:
    code, out = run(tree)
    assert code == 0, out
    assert "`Carreer` (1×) left out of the enum: close to `Carriere`" in out
    assert "`Subtitle` (1×) left out: a variant of `subtitle`" in out
    schema = json.loads((tree / "schemas" / "blog.schema.json").read_text())
    assert schema["required"] == ["title", "date", "categories"]
    assert schema["properties"]["date"] == {"type": "string", "format": "date"}
    assert schema["properties"]["categories"]["items"]["enum"] == ["Carriere", "Effectiviteit"]
    assert "Subtitle" not in schema["properties"]
    # `_.nl._.md` is included by the site, not served: a partial, in no page collection
    assert not (tree / "schemas" / "blog-special.schema.json").exists()
    assert "partials (included, no pages): 1 file, in no page collection: blog/_.nl._.md" in out
    assert collections_of(tree, "content/blog/_.nl._.md") == ["partials"]


def test_inferred_config_catches_the_one_offs(tree: Path) -> None:
    assert run(tree)[0] == 0
    settings = load_settings(start=tree)
    diagnostics = lint_paths([tree / "content"], tree, select=["YEP1"], settings=settings)
    assert [(Path(d.path).name, d.code) for d in diagnostics] == [
        ("post-6.nl.md", "YEP104"),
        ("post-6.nl.md", "YEP103"),
    ]


def test_idempotent_and_never_overwrites_without_force(tree: Path) -> None:
    assert run(tree)[0] == 0
    code, out = run(tree)
    assert code == 0 and "wrote" not in out and "unchanged" in out
    (tree / "yeplint.toml").write_text("# mine\n")
    code, out = run(tree)
    assert code == 2
    assert "would overwrite" in out and "--force" in out
    assert (tree / "yeplint.toml").read_text() == "# mine\n"
    assert run(tree, "--force")[0] == 0
    assert (tree / "yeplint.toml").read_text().startswith("# Written by `yeplint init`")


def test_unreadable_and_huge_files_are_skipped(tree: Path) -> None:
    (tree / "content" / "blog" / "huge.nl.md").write_text(
        "---\ntitle: x\nhuge: 1\n---\n" + "x" * 1_100_000
    )
    (tree / "content" / "blog" / "binary.nl.md").write_bytes(b"\x00\x01\xff")
    assert run(tree)[0] == 0
    schema = json.loads((tree / "schemas" / "blog.schema.json").read_text())
    assert "huge" not in schema["properties"]


def test_no_markdown_is_an_error_and_no_front_matter_is_no_schema(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    code, out = run(tmp_path)
    assert code == 2 and "no Markdown files under" in out
    (tmp_path / "content" / "a.md").write_text("Tekst.\n")
    code, out = run(tmp_path)
    assert code == 0, out
    assert "1 Markdown file, 0 with front matter" in out
    assert "[[collections]]" not in (tmp_path / "yeplint.toml").read_text()
    assert not (tmp_path / "schemas").exists()


def test_yep_site_inferred_schemas_find_the_same_classes(tmp_path: Path) -> None:
    content = shared_site()
    result = CliRunner().invoke(main, ["init", str(content), "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    settings = load_settings(start=tmp_path)
    found = Counter(
        d.code for d in lint_paths([content], tmp_path, select=["YEP1"], settings=settings)
    )
    # Built-in schemas: YEP102 ×2, YEP103 ×3, YEP104 ×3, YEP106 ×2, YEP107 ×13. Inferred ones
    # cannot require english_title (two posts lack it), so YEP102 is missing; they know nothing
    # of languages, so only the misspelt category is an YEP104; and an english_title left empty
    # on 13 pages is what the pages say, not evidence that it is recommended (no YEP107).
    assert found == Counter({"YEP103": 3, "YEP104": 1, "YEP106": 2})


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def fm(**keys: str) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in keys.items()) + "---\n\nText.\n"


def collections_of(root: Path, *names: str) -> list[str]:
    """The collection each file gets with the config init wrote."""
    from yeplint.engine.linter import Linter
    from yeplint.site.discovery import Target

    linter = Linter(load_settings(config=root / "yeplint.toml"))
    found = []
    for name in names:
        collection = linter.collection_for(Target(root / name, name, root))
        found.append(collection.name if collection else "-")
    return found


def schema_of(root: Path, name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((root / "schemas" / f"{name}.schema.json").read_text())
    return result


def test_root_pages_match_only_the_root_and_section_indexes_share_one(tmp_path: Path) -> None:
    write(
        tmp_path / "content",
        {
            "contact.md": fm(title="Contact"),
            "about.md": fm(title="About"),
            "_index.md": fm(title="Home"),
            "docs/intro.md": fm(title="Intro", weight="1"),
            "docs/_index.md": fm(title="Docs", cascade="x"),
            "docs/guide/_index.md": fm(title="Guide", cascade="y"),
            "docs/guide/deep/page.md": fm(title="Deep", weight="2"),
        },
    )
    assert run(tmp_path)[0] == 0
    got = collections_of(
        tmp_path,
        "content/about.md",
        "content/_index.md",
        "content/docs/intro.md",
        "content/docs/_index.md",
        "content/docs/guide/_index.md",
        "content/docs/guide/deep/page.md",
    )
    assert got == ["pages", "sections", "docs", "sections", "sections", "docs"]
    assert [p.name for p in sorted((tmp_path / "schemas").iterdir())] == [
        "docs.schema.json",
        "pages.schema.json",
        "sections.schema.json",
    ]


def test_every_markdown_extension_is_included(tmp_path: Path) -> None:
    write(
        tmp_path / "content",
        {"blog/a.md": fm(title="A"), "blog/b.mdx": fm(title="B"), "blog/c.markdown": fm(title="C")},
    )
    code, out = run(tmp_path)
    assert code == 0 and "3 Markdown files, 3 with front matter" in out
    config = (tmp_path / "yeplint.toml").read_text()
    assert 'include = ["content/**/*.md", "content/**/*.markdown", "content/**/*.mdx"]' in config
    assert 'glob = "content/blog/**/*.{md,markdown,mdx}"' in config
    assert collections_of(tmp_path, "content/blog/b.mdx") == ["blog"]


def test_language_folders_share_one_collection_per_section(tmp_path: Path) -> None:
    write(
        tmp_path / "content",
        {
            "en/blog/a.md": fm(title="A", lang="en"),
            "nl/blog/b.md": fm(title="B", lang="nl"),
            "pt-br/blog/c.md": fm(title="C", lang="pt"),
            "en/team/d.md": fm(name="D"),
            "nl/team/e.md": fm(name="E"),
        },
    )
    code, out = run(tmp_path)
    assert code == 0 and "languages (top folders): en, nl, pt-br" in out
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == [
        "blog.schema.json",
        "team.schema.json",
    ]
    assert collections_of(tmp_path, "content/nl/blog/b.md", "content/pt-br/blog/c.md") == [
        "blog",
        "blog",
    ]
    assert 'glob = "content/{en,nl,pt-br}/blog/**/*.md"' in (tmp_path / "yeplint.toml").read_text()


def test_a_folder_that_is_not_a_language_keeps_sections_as_they_are(tmp_path: Path) -> None:
    write(
        tmp_path / "content",
        {
            "en/a.md": fm(title="A"),
            "en/c.md": fm(title="C"),
            "api/b.md": fm(name="B"),
            "api/d.md": fm(name="D"),
        },
    )
    assert run(tmp_path)[0] == 0
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == [
        "api.schema.json",
        "en.schema.json",
    ]


def test_types_union_dates_with_time_and_labels_only_as_enums(tmp_path: Path) -> None:
    pages = {}
    for n in range(1, 7):
        pages[f"content/posts/p{n}.md"] = fm(
            title=f"Post number {n}",
            tags="solo" if n == 1 else "[a, b]",
            date=f"2024-01-0{n} 09:00:00 +0100" if n % 2 else f"2024-01-0{n}T10:00:00Z",
            expiry=f"2025-0{n}-01",
            layout="post" if n < 4 else "wide",
            weight=str(n % 2),
            version="1.0" if n < 4 else "2.0",
            link="https://example.org/x" if n < 4 else "https://example.org/y",
            slug=f"post-{n}",
            summary=("A long summary that repeats across pages but is free text, not a label"),
        )
    write(tmp_path, pages)
    assert run(tmp_path)[0] == 0
    props = schema_of(tmp_path, "posts")["properties"]
    assert props["tags"]["type"] == ["array", "string"]
    assert props["date"] == {"type": "string", "format": "date-time"}
    assert props["expiry"] == {"type": "string", "format": "date"}
    assert props["layout"]["enum"] == ["post", "wide"]
    for key in ("weight", "version", "link", "slug", "summary", "title"):
        assert "enum" not in props[key], key
    assert props["weight"]["type"] == "integer"


def test_a_date_time_is_checked_against_the_calendar(tmp_path: Path) -> None:
    pages = {f"content/posts/p{n}.md": fm(date=f"2024-01-0{n} 09:00:00 +0100") for n in (1, 2)}
    write(tmp_path, pages)
    assert run(tmp_path)[0] == 0
    bad = tmp_path / "content" / "posts" / "p2.md"
    bad.write_text(fm(date="2024-02-30 09:00:00 +0100"), encoding="utf-8")
    settings = load_settings(config=tmp_path / "yeplint.toml")
    found = lint_paths([tmp_path / "content"], tmp_path, settings=settings)
    assert [(d.line, d.column, d.code, d.message) for d in found] == [
        (2, 7, "YEP105", "`2024-02-30 09:00:00 +0100` in `date` is not a moment in the calendar")
    ]


def test_empty_values_are_allowed_not_recommended(tmp_path: Path) -> None:
    pages = {
        f"content/posts/p{n}.md": fm(title="T", subtitle=("''" if n == 1 else "S"))
        for n in (1, 2, 3)
    }
    write(tmp_path, pages)
    code, out = run(tmp_path)
    assert code == 0 and "`subtitle` is empty on 1 of 3 pages: allowed" in out
    props = schema_of(tmp_path, "posts")["properties"]
    assert props["subtitle"] == {"type": "string"}
    settings = load_settings(config=tmp_path / "yeplint.toml")
    assert lint_paths([tmp_path / "content"], tmp_path, settings=settings) == []


def test_template_folders_and_build_output_are_excluded_and_said(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "hugo.toml": 'baseURL = "https://example.org/"\n',
            "archetypes/default.md": "---\ntitle: {{ replace .File.ContentBaseName }}\n---\n",
            "public/index.md": fm(title="built"),
            "content/posts/a.md": fm(title="A", linkTitle="a"),
            "content/posts/b.md": fm(title="B", linkTitle="b"),
            "content/posts/c.md": fm(title="C", linktitle="c"),
        },
    )
    result = CliRunner().invoke(
        main, ["init", str(tmp_path / "content"), "--output-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert f"3 Markdown files, 3 with front matter (a Hugo site at {tmp_path})" in out
    assert "excluded: archetypes/, public/" in out
    assert f"next: cd {tmp_path} && yeplint check content" in out
    config = (tmp_path / "yeplint.toml").read_text()
    assert "# templates, dependencies and build output, not pages\n" in config
    assert 'exclude = ["archetypes/", "public/"]' in config
    # Hugo reads keys without regard to case: `linktitle` is the same key, not a variant
    assert set(schema_of(tmp_path, "posts")["properties"]) == {"title", "linkTitle", "linktitle"}
    settings = load_settings(config=tmp_path / "yeplint.toml")
    assert lint_paths([tmp_path], tmp_path, settings=settings) == []


def test_a_page_without_front_matter_in_a_collection_is_not_missing_one(tmp_path: Path) -> None:
    write(
        tmp_path / "docs",
        {
            "guide/a.md": fm(title="A"),
            "guide/b.md": fm(title="B"),
            "guide/readme.md": "# Read me\n",
        },
    )
    code, out = run_in(tmp_path, "docs")
    assert code == 0 and "guide: 3 pages (1 without front matter), 1 key" in out
    assert schema_of(tmp_path, "guide")["required"] == []
    settings = load_settings(config=tmp_path / "yeplint.toml")
    assert lint_paths([tmp_path / "docs"], tmp_path, settings=settings) == []


def run_in(root: Path, content: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", str(root / content), "--output-dir", str(root)])
    return result.exit_code, result.output


def test_a_section_named_pages_does_not_swallow_the_root(tmp_path: Path) -> None:
    write(
        tmp_path / "content",
        {
            "index.md": fm(title="Home"),
            "contact.md": fm(title="Contact"),
            "pages/about.md": fm(title="About", layout="page"),
            "pages/team.md": fm(title="Team", layout="page"),
        },
    )
    assert run(tmp_path)[0] == 0
    assert collections_of(tmp_path, "content/index.md", "content/pages/about.md") == [
        "root-pages",
        "pages",
    ]


def test_a_folder_that_cannot_be_listed_is_named(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    locked = tree / "content" / "blog" / "archief"
    locked.mkdir()
    (locked / "oud.nl.md").write_text(post("Oud", "Carriere", "2020-01-01"), encoding="utf-8")
    listing = os.scandir

    def scandir(path: Any) -> Any:  # as for a folder without read permission (as root, too)
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out = run(tree)
    assert code == 0, out
    assert "skipped blog/archief: the folder cannot be read (Permission denied)" in out.splitlines()


def test_on_the_yep_site_init_writes_its_preset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schemas inferred from a page or two know only what those pages hold; the preset was
    written for the site (its collections, schemas, URLs, languages)."""
    page = fm(title="Plannen", volgnummer="1", img="a.jpg", alt="Foto")
    write(
        tmp_path,
        {f"content/{folder}/x.nl.md": page for folder in ("blog", "trainingen", "coaching")},
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "content"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "content/ is the yep-trainingen site: its preset applies (collections, schemas, URLs)"
    )
    config = (tmp_path / "yeplint.toml").read_text()
    assert 'preset = "yep-trainingen"' in config and "[[collections]]" not in config
    assert not (tmp_path / "schemas").exists()
    assert load_settings(start=tmp_path).preset == "yep-trainingen"


def test_pages_whose_front_matter_does_not_parse_are_named(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "docs/a.md": fm(title="A", weight="1"),
            "docs/c.md": fm(title="C", weight="2"),
            "docs/b.md": "---\ntitle: B: kapot\n---\n",
        },
    )
    result = CliRunner().invoke(
        main, ["init", str(tmp_path / "docs"), "--output-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (
        "not read (1 page whose front matter does not parse, left out of the schemas;"
        " `yeplint check` names the problem): b.md"
    ) in result.output.splitlines()
    assert "pages: 2 pages, 2 keys" in result.output.splitlines()


def test_no_collection_is_inferred_from_one_page(tmp_path: Path) -> None:
    write(
        tmp_path / "content",
        {
            "posts/a.md": fm(title="A", date="2024-01-01"),
            "posts/b/index.md": fm(title="B", date="2024-01-02"),  # a page bundle
            "about/index.md": fm(title="About", menu="main"),
        },
    )
    code, out = run(tmp_path)
    assert code == 0, out
    assert "posts: 2 pages, 2 keys" in out.splitlines()
    assert (
        "no collection for a group of one page (one page shows no pattern):"
        " about (about/index.md)" in out.splitlines()
    )
    assert [p.name for p in (tmp_path / "schemas").iterdir()] == ["posts.schema.json"]
    got = collections_of(tmp_path, "content/posts/b/index.md", "content/about/index.md")
    assert got == ["posts", "-"]


def test_language_folders_beside_the_root_language_share_its_schemas(tmp_path: Path) -> None:
    """Starlight's docs: the root locale's sections, and a folder per other language that
    mirrors them; a language-named folder whose pages share no keys stays a section."""
    page = fm(title="T", description="D", sidebar="{order: 1}")
    write(
        tmp_path / "docs",
        {
            "index.mdx": page,
            "guides/a.md": page,
            "guides/b.md": page,
            "de/index.mdx": page,
            "de/guides/a.md": page,
            "fr/guides/b.md": page,
            "id/x.md": fm(identifier="1", owner="o"),
            "id/y.md": fm(identifier="2", owner="p"),
        },
    )
    code, out = run_in(tmp_path, "docs")
    assert code == 0, out
    assert "languages (top folders): de, fr" in out.splitlines()
    config = (tmp_path / "yeplint.toml").read_text()
    assert 'glob = "docs/{,de/,fr/}guides/**/*.{md,mdx}"' in config
    got = collections_of(
        tmp_path, "docs/index.mdx", "docs/de/index.mdx", "docs/fr/guides/b.md", "docs/id/x.md"
    )
    assert got == ["pages", "pages", "guides", "id"]
    assert sorted(p.name for p in (tmp_path / "schemas").iterdir()) == [
        "guides.schema.json",
        "id.schema.json",
        "pages.schema.json",
    ]


def test_partials_are_in_no_page_collection(tmp_path: Path) -> None:
    write(
        tmp_path / "docs",
        {
            "cli/add.md": fm(title="add", id="add"),
            "cli/remove.md": fm(title="remove", id="remove"),
            "cli/_options.mdx": "Shared options.\n",
            "_intro.md": fm(note="x"),
        },
    )
    code, out = run_in(tmp_path, "docs")
    assert code == 0, out
    assert (
        "partials (included, no pages): 2 files, in no page collection: _intro.md,"
        " cli/_options.mdx" in out.splitlines()
    )
    assert collections_of(tmp_path, "docs/cli/_options.mdx", "docs/_intro.md") == [
        "partials",
        "partials",
    ]
    assert schema_of(tmp_path, "cli")["required"] == ["title", "id"]


def test_static_roots_are_only_folders_the_generator_serves(tmp_path: Path) -> None:
    """Astro serves its ``publicDir`` (``./files`` here), not ``public/``."""
    astro = {
        "astro.config.mjs": "export default { publicDir: './files' };\n",
        "src/content/blog/a.md": fm(title="A"),
        "src/content/blog/b.md": fm(title="B"),
    }
    write(tmp_path, astro)
    for folder in ("public", "files"):
        (tmp_path / folder).mkdir()
    assert run_in(tmp_path, "src/content")[0] == 0
    config = (tmp_path / "yeplint.toml").read_text()
    assert 'static-roots = ["files"]  # served at / by astro' in config
    hugo = tmp_path / "hugo"
    pages = {k: v for k, v in astro.items() if k.endswith(".md")}
    write(hugo, {"hugo.toml": 'baseURL = "https://example.org/"\n', **pages})
    for folder in ("static", "assets"):
        (hugo / folder).mkdir()
    assert run_in(hugo, "src/content")[0] == 0
    # assets/ is read by Hugo's templates (resources.Get), never served at /
    assert 'static-roots = ["static"]  # served at / by hugo' in (hugo / "yeplint.toml").read_text()


def test_the_generator_is_named_as_a_sentence_says_it(tmp_path: Path) -> None:
    write(tmp_path, {"eleventy.config.js": "export default {};\n", "src/a.md": fm(title="A")})
    code, out = run_in(tmp_path, "src")
    assert code == 0, out
    assert out.splitlines()[0] == (
        f"1 Markdown file, 1 with front matter (an Eleventy site at {tmp_path})"
    )


def test_toml_and_json_front_matter_are_read_without_a_generator(tmp_path: Path) -> None:
    """A content folder copied out of its Hugo or Zola site: no marker file says which
    generator, and its `+++` pages are still pages with front matter."""
    write(
        tmp_path / "content",
        {
            "docs/a.md": '+++\ntitle = "A"\nweight = 1\n+++\n\nText.\n',
            "docs/b.md": '+++\ntitle = "B"\nweight = 2\n+++\n\nText.\n',
            "docs/c.md": '{\n  "title": "C",\n  "weight": 3\n}\n\nText.\n',
        },
    )
    code, out = run(tmp_path)
    assert code == 0, out
    assert out.splitlines()[0] == (
        "3 Markdown files, 3 with front matter (no generator recognised)"
    )
    assert schema_of(tmp_path, "docs")["required"] == ["title", "weight"]
    assert 'front-matter = ["toml", "json"]' in (tmp_path / "yeplint.toml").read_text()
    settings = load_settings(config=tmp_path / "yeplint.toml")
    assert lint_paths([tmp_path / "content"], tmp_path, select=["YEP1"], settings=settings) == []
