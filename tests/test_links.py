"""Links: the site's URL map, browser resolution, and the link rules on whole sites."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED_SITE, YEP, lint_paths
from yeplint.cli import main
from yeplint.config.settings import Collection, Settings
from yeplint.diagnostics import Diagnostic
from yeplint.document.post import Post
from yeplint.rules.links import github_slug
from yeplint.site.discovery import Target, discover
from yeplint.site.urls import classify, join, normalize, slug_of, url_of

LANGUAGES = (("nl", ""), ("en", "/en"))


@pytest.mark.parametrize(
    ("base", "reference", "expected"),
    [
        ("/blog/a", "./b", "/blog/b"),
        ("/blog/a", "b", "/blog/b"),
        ("/blog/a", "../../trainingen/x", "/trainingen/x"),
        ("/blog/a/", "./b", "/blog/a/b"),
        ("/trainingen/x", "./../Brochure.pdf", "/Brochure.pdf"),
        ("/blog/a", "/contact/", "/contact/"),
        ("/", "../../a", "/a"),
        ("/blog/a", ".", "/blog/"),
    ],
)
def test_links_resolve_as_a_browser_does(base: str, reference: str, expected: str) -> None:
    assert join(base, reference) == expected


def test_urls_compare_without_trailing_slash_query_or_fragment() -> None:
    assert normalize("/blog/a/?x=1#kop") == normalize("/blog/a") == "/blog/a"
    assert normalize("/") == "/"


@pytest.mark.parametrize(
    ("name", "slug", "url"),
    [
        ("over-grenzen.nl.md", "over-grenzen", "/blog/over-grenzen"),
        ("over-grenzen.en.md", "over-grenzen", "/en/blog/over-grenzen"),
        ("plain.md", "plain", "/blog/plain"),
        ("reis/index.md", "reis", "/blog/reis"),
        ("versie.1.2.md", "versie.1.2", "/blog/versie.1.2"),
    ],
)
def test_page_urls_from_the_collection_pattern(name: str, slug: str, url: str) -> None:
    path = Path("content/blog") / name
    settings = Settings(languages=LANGUAGES)
    collection = Collection("blog", ("**",), None, url="{lang}/blog/{slug}")
    assert slug_of(path, LANGUAGES) == slug
    assert url_of(path, collection, settings) == url


@pytest.mark.parametrize(
    ("target", "kind", "path"),
    [
        ("https://example.org", "skip", ""),
        ("mailto:a@b.nl", "skip", ""),
        ("#kop", "skip", ""),
        ("//cdn.example.org/x.js", "skip", ""),
        ("{{ site.url }}/x", "skip", ""),
        ("./dos-en-donts", "page", "./dos-en-donts"),
        ("/trainingen/improviseren/", "page", "/trainingen/improviseren/"),
        ("../../Brochure%20CL.pdf", "file", "../../Brochure CL.pdf"),
        ("<./../Brochure-PEP Yep.pdf>", "file", "./../Brochure-PEP Yep.pdf"),
        ("./x.nl.md#kop", "file", "./x.nl.md"),
        ("/v1.2/", "page", "/v1.2/"),
    ],
)
def test_link_targets_are_classified(target: str, kind: str, path: str) -> None:
    found = classify(target)
    assert (found.kind, found.path) == (kind, path)


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Waarom coachen?", "waarom-coachen"),
        ("Café één", "café-één"),
        ("C++ & Rust: a_b", "c--rust-a_b"),
        ("⚙️ Configuration", "\ufe0f-configuration"),
    ],
)
def test_heading_anchors_follow_github(heading: str, anchor: str) -> None:
    assert github_slug(heading) == anchor


def yep_site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for name in ("blog", "trainingen", "coaching"):
        (root / "content" / name).mkdir(parents=True)
    (root / "static").mkdir()
    (root / "static" / "Brochure.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "content" / "trainingen" / "droom-naar-doel.nl.md").write_text("# Droom\n")
    (root / "content" / "coaching" / "loopbaan.nl.md").write_text("# Loopbaan\n")
    (root / "content" / "blog" / "post.nl.md").write_text(
        "Zie [de training](../../trainingen/droom-naar-doel) en\n"
        "[de brochure](../../Brochure.pdf).\n"
    )
    (root / "yeplint.toml").write_text('preset = "yep-trainingen"\nselect = ["YEP4"]\n')
    return root


def test_a_link_to_a_yep_page_file_is_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mdsvex writes `./x.nl.md` as it is: the route `/blog/[slug]` has no page `x.nl.md`."""
    root = yep_site(tmp_path)
    blog = root / "content" / "blog"
    (blog / "weekplanning.nl.md").write_text("# Week\n")
    (blog / "weekplanning.en.md").write_text("# Week\n")
    (blog / "post.nl.md").write_text(
        "[a](./weekplanning.nl.md) [b](./weekplanning.en.md) [c](./weekplanning)\n"
    )
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check", "content", "--format", "json", "--no-cache"])
    found = [
        (d["column"], d["code"], d["message"], d["hint"])
        for d in json.loads(result.stdout)["diagnostics"]
    ]
    leaves = "the site leaves it as written and serves no such file"
    assert found == [
        (
            1,
            "YEP401",
            f"link to the page file `./weekplanning.nl.md`: {leaves}",
            "link the page's URL: `/blog/weekplanning`",
        ),
        (
            27,
            "YEP401",
            f"link to the page file `./weekplanning.en.md`: {leaves}",
            "link the page's URL: `/en/blog/weekplanning`",
        ),
    ]


def test_a_page_that_moved_is_reported_until_the_link_follows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = yep_site(tmp_path)
    monkeypatch.chdir(root)
    run = CliRunner().invoke
    assert run(main, ["check", "content", "--format", "concise"]).exit_code == 0
    training = root / "content" / "trainingen"
    (training / "droom-naar-doel.nl.md").rename(training / "van-droom-naar-doel.nl.md")
    result = run(main, ["check", "content", "--format", "concise"])  # warm cache, one page moved
    assert result.exit_code == 1
    assert result.stdout == (
        "content/blog/post.nl.md:1:5: YEP401 link to `../../trainingen/droom-naar-doel`: no page "
        "at `/trainingen/droom-naar-doel`\n"
    )
    assert run(main, ["check", "content", "--statistics"]).exit_code == 1
    (training / "van-droom-naar-doel.nl.md").rename(training / "droom-naar-doel.nl.md")
    assert run(main, ["check", "content", "--format", "concise"]).exit_code == 0


def test_the_hint_names_the_page_that_moved(tmp_path: Path) -> None:
    root = yep_site(tmp_path)
    training = root / "content" / "trainingen"
    (training / "droom-naar-doel.nl.md").rename(training / "van-droom-naar-doel.nl.md")
    from dataclasses import replace

    found = lint_paths(
        [root / "content"], root, select=["YEP401"], settings=replace(YEP, root=root)
    )
    assert [(d.line, d.column, d.hint) for d in found] == [
        (1, 5, "did you mean `/trainingen/van-droom-naar-doel`?")
    ]


def test_the_yep_site_has_no_broken_link() -> None:
    site = SHARED_SITE
    if not (site / "content").is_dir():
        pytest.skip("../shared/corpus/yep-site is not present")
    from dataclasses import replace

    found = lint_paths([site / "content"], site, select=["YEP4"], settings=replace(YEP, root=site))
    # only the old address of a post, written in full (a warning)
    assert [(d.path, d.line, d.code) for d in found] == [
        ("content/blog/prioriteiten-stellen-extreem.nl.md", 20, "YEP405"),
        ("content/blog/prioriteiten-stellen-extreem.nl.md", 22, "YEP405"),
    ]


def test_the_yep_site_without_its_static_folder_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = SHARED_SITE / "content"
    if not source.is_dir():
        pytest.skip("../shared/corpus/yep-site is not present")
    shutil.copytree(source, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "content", "--select", "YEP4", "--no-cache"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    start = lines.index(
        f"yeplint: static-roots (`static`) not found under {tmp_path}: these links to files "
        "served at `/` are not checked"
    )
    named = lines[start + 1 :]
    # the brochures, linked from the pages' URLs (`../../Brochure-CL-Yep.pdf`): served from
    # the absent `static/`, they are not next to the pages
    assert named and all(line.startswith("yeplint:   content/") for line in named)
    assert all(line.endswith(".pdf`") for line in named), named
    cached = CliRunner().invoke(main, ["check", "content", "--select", "YEP4"])
    again = CliRunner().invoke(main, ["check", "content", "--select", "YEP4"])
    assert cached.stderr == again.stderr == result.stderr  # named from the cache too


def test_without_static_roots_only_the_links_that_need_them_are_left_unchecked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = yep_site(tmp_path)
    shutil.rmtree(root / "static")
    blog = root / "content" / "blog"
    (blog / "bestaat.nl.md").write_text("# Bestaat\n")
    (root / "logo.png").write_bytes(b"")  # found from the root: judged, and not missing
    (blog / "post.nl.md").write_text("[a](./bestaat-niet.nl.md) [b](./bestaat) [c](/logo.png)\n")
    monkeypatch.chdir(root)
    args = ["check", "content", "--format", "concise", "--no-cache", "--ignore", "YEP402"]
    result = CliRunner().invoke(main, args)  # YEP402: no page shows the logo it links to
    assert result.stdout == (
        "content/blog/post.nl.md:1:1: YEP401 link target `./bestaat-niet.nl.md` does not exist\n"
    )
    assert result.stderr == ""  # nothing was left unchecked: no notice
    (blog / "post.nl.md").write_text("[d](/Brochure.pdf) [e](../../Brochure.pdf)\n")
    result = CliRunner().invoke(main, ["check", "content", "--no-cache"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1:] == [
        "yeplint:   content/blog/post.nl.md:1:1: `/Brochure.pdf`",
        "yeplint:   content/blog/post.nl.md:1:20: `../../Brochure.pdf`",
    ]


def orphan_site(tmp_path: Path) -> Path:
    from PIL import Image

    root = yep_site(tmp_path)
    (root / "yeplint.toml").write_text(
        'preset = "yep-trainingen"\nselect = ["YEP501"]\norphan-ignore = ["**/logos/**"]\n'
    )
    blog = root / "content" / "blog"
    for name in ("used.jpg", "in-front-matter.png", "linked.jpg", "old.jpg", "post.jpg"):
        Image.new("RGB", (4, 4)).save(blog / name)
    (blog / "post.nl.md").write_text(
        "---\nimg: in-front-matter.png\n---\n\n![Gebruikt](./used.jpg)\n\n"
        "Zie [de foto](linked.jpg) in het groot.\n"
    )
    (root / "content" / "logos").mkdir()
    Image.new("RGB", (4, 4)).save(root / "content" / "logos" / "acme.png")
    (root / "content" / "logos" / "index.md").write_text("# Logos\n")
    return root


def test_an_image_no_page_uses_is_an_orphan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yeplint.engine.linter

    root = orphan_site(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setattr(yeplint.engine.session, "PARALLEL_MIN", 1)  # two workers for a small site
    for jobs in ("1", "2"):
        result = CliRunner().invoke(
            main, ["check", "content", "--format", "concise", "--no-cache", "--jobs", jobs]
        )
        assert result.exit_code == 0, result.output  # a warning
        assert result.stdout == (
            "content/blog/old.jpg:1:1: YEP501 warning: image `old.jpg` is not used by any page\n"
        ), jobs


def test_a_partial_run_reports_no_orphan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = orphan_site(tmp_path)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check", "content/blog", "--format", "concise"])
    assert (result.exit_code, result.stdout) == (0, "")


@pytest.mark.parametrize(
    ("files", "config", "orphans"),
    [
        ({"post/index.md": "# Post\n"}, "page-bundles = true\n", 0),  # a bundle's resource
        ({"post/index.md": "# Post\n"}, "", 1),
        ({"post/page.md": '{{< gallery "photo.jpg" >}}\n'}, "", 0),  # a shortcode may use it
        ({"post/page.md": "{% include gallery.html %}\n"}, "", 0),
        ({"post/page.md": "# Page\n"}, "", 1),
    ],
)
def test_orphans_only_where_the_pages_show_what_they_use(
    tmp_path: Path, files: dict[str, str], config: str, orphans: int
) -> None:
    from PIL import Image

    root = tmp_path / "site"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    Image.new("RGB", (4, 4)).save(root / "post" / "photo.jpg")
    (root / "yeplint.toml").write_text(config)
    from yeplint.config.load import load_settings

    settings = load_settings(config=root / "yeplint.toml")
    found = lint_paths([root], root, select=["YEP501"], settings=settings)
    assert len(found) == orphans


def test_a_translation_is_checked_again_when_its_primary_page_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = yep_site(tmp_path)
    (root / "yeplint.toml").write_text('preset = "yep-trainingen"\nselect = ["YEP502"]\n')
    blog = root / "content" / "blog"
    (blog / "x.nl.md").write_text("---\ntitle: X\ndate: 2024-01-05\n---\n")
    (blog / "x.en.md").write_text("---\ntitle: X\ndate: 2024-01-05\n---\n")
    monkeypatch.chdir(root)
    assert CliRunner().invoke(main, ["check", "content"]).exit_code == 0
    (blog / "x.nl.md").write_text("---\ntitle: X\ndate: 2024-01-06\n---\n")
    result = CliRunner().invoke(main, ["check", "content", "--format", "concise"])
    assert result.stdout == (
        "content/blog/x.en.md:3:7: YEP502 `date` is `2024-01-05`; the nl page has `2024-01-06`\n"
    )


def test_an_anchor_on_another_page_is_checked_and_cached_on_its_headings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = yep_site(tmp_path)
    (root / "yeplint.toml").write_text('preset = "yep-trainingen"\nselect = ["YEP404"]\n')
    blog = root / "content" / "blog"
    (blog / "doel.nl.md").write_text("# Doel\n\n## Waarom coachen?\n\nTekst.\n")
    (blog / "post.nl.md").write_text(
        "Zie [waarom](./doel#waarom-coachen), [bestand](./doel.nl.md#waarom-coachen)\n"
        "en [de training](../../trainingen/droom-naar-doel#kop).\n"
    )
    monkeypatch.chdir(root)

    def check() -> str:
        return CliRunner().invoke(main, ["check", "content", "--format", "concise"]).stdout

    assert check() == (
        "content/blog/post.nl.md:2:4: YEP404 `../../trainingen/droom-naar-doel` has no heading "
        "with the anchor `#kop`\n"
    )
    (blog / "doel.nl.md").write_text("# Doel\n\n## Waarom coaching?\n\nTekst.\n")
    assert check() == (  # the linking page was cached; the target's headings changed
        "content/blog/post.nl.md:1:5: YEP404 `./doel` has no heading with the anchor "
        "`#waarom-coachen`\n"
        "content/blog/post.nl.md:1:38: YEP404 `./doel.nl.md` has no heading with the anchor "
        "`#waarom-coachen`\n"
        "content/blog/post.nl.md:2:4: YEP404 `../../trainingen/droom-naar-doel` has no heading "
        "with the anchor `#kop`\n"
    )


def test_ids_that_are_not_headings_count_as_anchors(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text(
        "[1](#mkdocs-locale) [2](#locale) [3](#extra)\n\n*   **`locale`**{ #mkdocs-locale }: x\n\n"
        "locale\n: the language\n\nText {: #extra }\n"
    )
    assert lint_paths([page], tmp_path, select=["YEP404"]) == []


def test_a_definition_term_has_the_id_its_headings_algorithm_makes(tmp_path: Path) -> None:
    # Hugo's autoDefinitionTermID (the oracle: hugo-docs built with Hugo 0.168): the term's
    # text as rendered, slugged as a heading is; a term that is only an autolink has no id
    page = tmp_path / "a.md"
    links = (
        "[1](#content-adapters) [2](#why-is-my-partial-template-not-rendered)"
        " [3](#an-_indexmd-file) [4](#hugo-lyra) [5](#contentadapters)"
    )
    page.write_text(
        f"{links}\n\nContent adapters\n: x\n\nWhy is my _partial_ template not rendered\n: x\n\n"
        "An `_index.md` file\n: x\n\n[Hugo Lyra](https://example.org/lyra)\n: x\n\n"
        "<https://example.org/a>\n: x\n"
    )
    found = lint_paths([page], tmp_path, select=["YEP404"])
    squashed = links.index("[5]") + 1  # the form the terms had before: no such id
    assert [(d.line, d.column, d.code) for d in found] == [(1, squashed, "YEP404")]


def test_a_page_that_includes_content_is_not_checked_for_anchors(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text('--8<-- "CONTRIBUTING.md"\n\n[x](#from-the-include)\n')
    (tmp_path / "b.md").write_text("::: mkdocs-click\n\n[x](#a-command)\n")
    assert lint_paths([tmp_path], tmp_path, select=["YEP404"]) == []


def _linted_again(root: Path) -> tuple[list[str], list[str]]:
    """A cached run over the site: the files linted again, and the findings (concise)."""
    from yeplint.config.load import load_settings
    from yeplint.engine.cache import Cache
    from yeplint.engine.linter import Linter

    settings = load_settings(config=root / "yeplint.toml")
    linter = Linter(settings, select=["YEP401"])
    linter.cache = Cache.open(root, linter.cache_key())
    linted: list[str] = []
    original = linter._lint_post

    def counted(post: Post, target: Target, *args: Any) -> list[Diagnostic]:
        linted.append(target.path.name)
        return original(post, target, *args)

    linter._lint_post = counted  # type: ignore[method-assign, assignment]
    result = linter.run(discover([root / "content"], settings, cwd=root))
    linter.cache.save()
    linter.cache.close()
    return sorted(linted), [
        f"{Path(d.path).name}:{d.line} {d.message} ({d.hint})" for d in result.diagnostics
    ]


def test_a_cached_page_is_linted_again_only_when_what_it_links_to_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("yeplint.engine.cache.RACY_NS", 0)  # the folders here are seconds old
    root = yep_site(tmp_path)
    blog = root / "content" / "blog"
    (blog / "later.nl.md").write_text("Zie [de nieuwe](./nieuw) en [x](../../coaching/loopbaan).\n")
    (blog / "apart.nl.md").write_text("Geen links.\n")
    first = _linted_again(root)
    assert first[1] == [
        "later.nl.md:1 link to `./nieuw`: no page at `/blog/nieuw` (check the address)"
    ]
    _linted_again(root)  # creating the cache folder changed the site folder's stamp
    assert _linted_again(root) == ([], first[1])  # nothing changed: all from the cache

    (blog / "nieuw.nl.md").write_text("# Nieuw\n")  # the missing page appears
    assert _linted_again(root) == (["later.nl.md", "nieuw.nl.md"], [])

    (blog / "ander.nl.md").write_text("# Ander\n")  # a page nobody links to
    assert _linted_again(root) == (["ander.nl.md"], [])

    (root / "content" / "coaching" / "loopbaan.nl.md").unlink()  # a linked page goes away
    again = _linted_again(root)
    assert again[0] == ["later.nl.md"]
    assert again[1] == [
        "later.nl.md:1 link to `../../coaching/loopbaan`: no page at `/coaching/loopbaan` "
        "(check the address)"
    ]


def test_a_better_suggestion_relints_the_page_that_gets_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("yeplint.engine.cache.RACY_NS", 0)
    root = yep_site(tmp_path)
    blog = root / "content" / "blog"
    (blog / "later.nl.md").write_text("Zie [de nieuwe](./hybride-bijenkomsten).\n")
    assert _linted_again(root)[1] == [
        "later.nl.md:1 link to `./hybride-bijenkomsten`: no page at `/blog/hybride-bijenkomsten` "
        "(check the address)"
    ]
    _linted_again(root)  # the cache folder's creation settles
    (blog / "hybride-bijeenkomsten.nl.md").write_text("# Hybride\n")
    linted, found = _linted_again(root)
    assert linted == ["hybride-bijeenkomsten.nl.md", "later.nl.md"]
    assert found == [  # the same finding, with a hint now
        "later.nl.md:1 link to `./hybride-bijenkomsten`: no page at `/blog/hybride-bijenkomsten` "
        "(did you mean `/blog/hybride-bijeenkomsten`?)"
    ]


def test_url_placeholders_read_the_pages_front_matter(tmp_path: Path) -> None:
    from yeplint.site.urls import build

    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "eerste.md").write_text("---\ntitle: Een\nslug: een-andere-naam\n---\n")
    (posts / "tweede.md").write_text("---\ntitle: Twee\n---\n")
    (posts / "derde.md").write_text("+++\ntitle = 'Drie'\nslug = 'drie'\n+++\n")
    settings = Settings(front_matter=("yaml", "toml"), generator="hugo")
    posts_collection = Collection("posts", ("**",), None, url="/posts/{slug}/")
    site = build(sorted(posts.iterdir()), settings, lambda _: posts_collection)
    assert sorted(site.pages) == ["/posts/drie", "/posts/een-andere-naam", "/posts/tweede"]
    assert site.unknown == 0

    dated = Collection("dated", ("**",), None, url="{permalink}")
    (posts / "eerste.md").write_text("---\npermalink: /2024/een/\n---\n")
    site = build(sorted(posts.iterdir()), settings, lambda _: dated)
    assert list(site.pages) == ["/2024/een"]
    assert site.unknown == 2  # the pages without a permalink: where they are is not known
    assert site.has("/elders")  # so no link is called broken

    sveltekit = Settings(generator="sveltekit")  # routes by file name: a `slug` key is data
    site = build(sorted(posts.iterdir()), sveltekit, lambda _: posts_collection)
    assert sorted(site.pages) == ["/posts/derde", "/posts/eerste", "/posts/tweede"]


def test_a_hugo_style_site_with_url_patterns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "static").mkdir()
    (root / "yeplint.toml").write_text(
        'generator = "hugo"\nselect = ["YEP401"]\nroutes = ["/", "/tags"]\n'
        '[[collections]]\nname = "posts"\nglob = "content/posts/**/*.md"\n'
        'url = "/posts/{slug}/"\n'
    )
    (posts / "hello.md").write_text("+++\ntitle = 'Hello'\nslug = 'hallo'\n+++\n\nHi.\n")
    (posts / "links.md").write_text(
        "+++\ntitle = 'Links'\n+++\n\n[1](/posts/hallo/) [2](../hallo/) [3](/tags/)\n"
        "[4](/posts/hello/) [5](../links/)\n"
    )
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check", "content", "--format", "concise"])
    assert result.output == (  # the page sets its slug: served at /posts/hallo/
        "content/posts/links.md:6:1: YEP401 link to `/posts/hello/`: no page at `/posts/hello/`\n"
    )


def _regex_calls_in_links(run: Any) -> int:
    """How many regex searches the links module makes while ``run()`` runs (its own code only,
    counted through the profiler's C-call events)."""
    import re
    import sys

    import yeplint.rules.links as links

    count = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        own = frame.f_code.co_filename == links.__file__
        if event == "c_call" and own and isinstance(getattr(arg, "__self__", None), re.Pattern):
            count += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count


def test_links_to_a_missing_anchor_scan_the_page_once(lint: Any) -> None:
    page = '# Kop\n\n<a id="oud"></a>\n\n'

    def scans(links: int) -> int:
        text = page + "[x](#nergens) [y](#oud)\n" * links
        found: list[Diagnostic] = []
        count = _regex_calls_in_links(lambda: found.extend(lint(text, select=["YEP404"])))
        assert len(found) == links  # each `#nergens` reported, each `#oud` found in the HTML
        return count

    assert scans(200) == scans(100)  # a scan per page, not one per link


@pytest.mark.parametrize(
    ("html", "anchors"),
    [
        ('<a id="oud"></a>', {"oud"}),
        ("<a name='oud'>", {"oud"}),
        ("<div id=oud>", {"oud"}),
        ('<span id="een twee">', {"een", "een twee"}),
    ],
)
def test_html_ids_count_as_anchors(lint: Any, html: str, anchors: set[str]) -> None:
    text = html + "\n\n" + "".join(f"[x](#{a.replace(' ', '%20')}) " for a in anchors)
    assert lint(text + "[y](#ander)\n", select=["YEP404"])[0].message == (
        "no heading on this page has the anchor `#ander`"
    )
    assert len(lint(text + "\n", select=["YEP404"])) == 0


def test_anchor_hints_compare_each_link_with_a_bounded_pool(
    lint: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import difflib

    compared: list[int] = []
    original = difflib.get_close_matches

    def counted(word: str, possibilities: list[str], *args: Any, **kwargs: Any) -> list[str]:
        compared.append(len(possibilities))
        return original(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    headings = "".join(f"## Kop {n}\n\n" for n in range(400))
    near = [f"kop-{n}x" for n in range(0, 400, 4)] + [f"xop-{n}" for n in range(1, 400, 4)]
    links = "".join(f"[a](#{a}) [b](#{a})\n" for a in near)  # each missing anchor twice
    found = lint(headings + links, select=["YEP404"])
    meant = [a.removesuffix("x").replace("xop", "kop") for a in near]
    assert [d.hint for d in found] == [f"did you mean `#{a}`?" for a in meant for _ in "ab"]
    assert len(compared) == len(near)  # one comparison per missing anchor, not per link
    assert max(compared) <= 40  # a bounded pool, not the page's 400 anchors


def test_an_id_written_in_html_is_an_anchor_for_other_pages_too(tmp_path: Path) -> None:
    # MkDocs' build (tests/oracle_sites/mkdocs): `<a id>` and `<h2 id>` keep their ids
    (tmp_path / "a.md").write_text(
        '# A\n\n<a id="legacy"></a>\n\n<h2 id="raw">Raw</h2>\n\n[x](#legacy)\n'
    )
    page = tmp_path / "b.md"
    page.write_text("# B\n\n[x](a.md#legacy) [y](a.md#raw) [z](a.md#gone)\n")
    found = lint_paths([tmp_path / "a.md", page], tmp_path, select=["YEP404"])
    assert [(Path(d.path).name, d.message) for d in found] == [
        ("b.md", "`a.md` has no heading with the anchor `#gone`")
    ]


def test_an_id_in_a_code_block_or_on_another_element_than_a_is_no_anchor(tmp_path: Path) -> None:
    # jekyll-docs built with Jekyll: `<p id="intro">` in a fenced example is text, and an
    # `<input name>` is no target; an `<a name>` and an id split over lines are
    (tmp_path / "a.md").write_text(
        '# A\n\n```html\n<p id="intro"></p>\n```\n\n`<b id="span">` <input name="q">\n\n'
        '<a name="old"></a> <div\n  id="multi"></div>\n'
    )
    page = tmp_path / "b.md"
    page.write_text(
        "# B\n\n[1](a.md#intro) [2](a.md#span) [3](a.md#q) [4](a.md#old) [5](a.md#multi)\n"
    )
    found = lint_paths([tmp_path / "a.md", page], tmp_path, select=["YEP404"])
    assert [d.column for d in found] == [1, 17, 32]  # intro, span, q


def test_a_link_out_of_the_content_root_says_so(tmp_path: Path) -> None:
    """`../../x.md` above the root names a file the site does not serve, whether or not it
    exists: said as such, not as a missing file (and nothing outside is looked at)."""
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (tmp_path / "notes.md").write_text("# Notes\n", encoding="utf-8")
    page = site / "docs" / "a.md"
    page.write_text("# A\n\n[notes](../../notes.md) [weg](./weg.md)\n", encoding="utf-8")
    settings = replace(Settings(), root=site, collections=())
    found = lint_paths([page], site, select=["YEP401"], settings=settings)
    assert [(d.column, d.message, d.hint) for d in found] == [
        (
            1,
            "link target `../../notes.md` is outside the content root: the site does not serve it",
            "link to a page or file of the site",
        ),
        (25, "link target `./weg.md` does not exist", "check the file name and folder"),
    ]
