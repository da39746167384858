"""The smaller false classes of issue 27: findings on correct content (email autolinks, routes
with a dot, dates under a title, linked thumbnails) and content left unchecked (MkDocs
admonitions and tabs, a Hugo site's `content/en/resources/`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import lint_paths
from yeplint.config.settings import Collection, Settings
from yeplint.diagnostics import Diagnostic

BLOG = Settings(collections=(Collection("blog", ("blog/**/*.md",), None, url="/blog/{slug}"),))


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.message) for d in diagnostics]


def page(body: str, title: str = "T") -> str:
    return f"---\ntitle: {title}\n---\n\n{body}\n"


# links: email autolinks and routes with a dot


def test_an_email_autolink_is_no_broken_link(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "blog/post.md": page(
                "Mail <security@example.org>, <mailto:info@example.org> or"
                " [ons](mailto:team@example.org).\n\nNot [this](./gone.pdf)."
            )
        },
    )
    diagnostics = lint_paths([tmp_path], tmp_path, ["YEP401"], Settings())
    assert found(diagnostics) == [("YEP401", 7, "link target `./gone.pdf` does not exist")]


def test_a_route_whose_last_segment_has_a_dot_is_a_page(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "blog/releases/10.26.md": page("Release."),
            "blog/notes.v2": "a file with an unusual ending\n",
            "blog/post.md": page(
                "See [the release](/blog/10.26), [its notes](./notes.v2) and [next](/blog/10.27)."
            ),
        },
    )
    diagnostics = lint_paths([tmp_path], tmp_path, ["YEP401"], BLOG)
    assert found(diagnostics) == [("YEP401", 5, "link to `/blog/10.27`: no page at `/blog/10.27`")]
    assert diagnostics[0].hint == "did you mean `/blog/10.26`?"


# YEP209: peers' punctuation by default, the Yep preset's own; dates and bylines

INTERVIEW = page(
    "**Q: Waarom plannen?**\n\nOmdat het rust geeft.\n\n**Drie stappen**\n\nEerst dit.", "Interview"
)


def test_bold_questions_are_emphasis_without_a_preset_and_headings_with_yep(
    tmp_path: Path,
) -> None:
    write(tmp_path, {"interview.md": INTERVIEW})
    generic = lint_paths([tmp_path], tmp_path, ["YEP209"], Settings())
    assert [d.line for d in generic] == [9]
    yep = lint_paths([tmp_path], tmp_path, ["YEP209"])
    assert [d.line for d in yep] == [5, 9]


def test_a_config_naming_the_preset_keeps_its_choice_when_it_sets_another_option(
    tmp_path: Path,
) -> None:
    from yeplint.config.load import settings_from

    write(tmp_path, {"interview.md": INTERVIEW})
    table = {"preset": "yep-trainingen", "rule-options": {"YEP209": {"max-length": 50}}}
    settings = settings_from(table, tmp_path / "yeplint.toml")
    assert [d.line for d in lint_paths([tmp_path], tmp_path, ["YEP209"], settings)] == [5, 9]
    table["rule-options"] = {"emphasis-as-heading": {"punctuation": "?"}}
    settings = settings_from(table, tmp_path / "yeplint.toml")
    assert [d.line for d in lint_paths([tmp_path], tmp_path, ["YEP209"], settings)] == [9]


def test_an_italic_date_or_byline_under_the_title_is_no_heading(tmp_path: Path) -> None:
    lines = [
        "*12 March 2024*",
        "_door Anna_",
        "*March 12, 2024*",
        "_Gepubliceerd op 3 mei 2023_",
        "*2024-03-12*",
        "*By Anna Jansen*",
        "*By the numbers*",  # names no one: a heading
        "**12 March 2024**",  # bold: a heading
        "*Door de bomen het bos*",  # a heading
    ]
    write(tmp_path, {"post.md": page("\n\n".join([*lines, "Tekst."]))})
    reported = lint_paths([tmp_path], tmp_path, ["YEP209"])
    assert [post_line(d.line, lines) for d in reported] == lines[-3:]


def post_line(line: int, lines: list[str]) -> str:
    """The paragraph of ``lines`` (each followed by a blank line, after a 4-line front matter
    block and a blank line) at ``line``."""
    return lines[(line - 5) // 2]


# YEP402: a linked thumbnail is no forgotten `!`


def test_a_linked_thumbnail_is_no_forgotten_exclamation_mark(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "post.md": page(
                "[![Kaart](klein.webp)](kaart.webp)\n\n"
                '<a href="kaart.webp"><img src="klein.webp" alt="Kaart"></a>\n\n'
                "[Het schema](schema.webp)"
            )
        },
    )
    assert [d.line for d in lint_paths([tmp_path], tmp_path, ["YEP402"], Settings())] == [9]


# no configuration: a generator's output folders are the site root's, notices name paths as typed


def test_a_hugo_sites_output_folders_are_excluded_only_at_its_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from yeplint.cli import main

    write(
        tmp_path,
        {
            "hugo.toml": 'baseURL = "https://example.org/"\n',
            "content/en/resources/guide.md": page("![Kaart](gone.png)"),
            "public/en/index.md": page("![Kaart](gone.png)"),  # the build's copy: not checked
            "resources/_gen/x.md": page("![Kaart](gone.png)"),
        },
    )
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["check", "--no-cache", "--format", "concise", "."])
    assert done.stdout.splitlines() == [
        "content/en/resources/guide.md:5:1: YEP301 image `gone.png` does not exist"
    ]
    assert done.stderr.startswith("yeplint: no yeplint.toml: ./ looks like a Hugo site,")
    monkeypatch.chdir(tmp_path / "content")
    done = CliRunner().invoke(main, ["check", "--no-cache", "--format", "concise", "."])
    assert done.stderr.startswith("yeplint: no yeplint.toml: ../ looks like a Hugo site,")


# MkDocs admonitions and content tabs hold Markdown

ADMONITIONS = page(
    '!!! note "Let op"\n\n'
    "    Zie [de gids](./gone.md) en ![Kaart](missing.png).\n\n"
    "    ### Te diep\n\n"
    '=== "Tab"\n\n'
    "    ??? tip\n"
    "        Meer in [het archief](./archive.md).\n\n"
    "```\n!!! note\n    [voorbeeld](./example.md)\n```"
)


def test_mkdocs_admonitions_and_tabs_hold_markdown(tmp_path: Path) -> None:
    write(tmp_path, {"docs/index.md": ADMONITIONS})
    select = ["YEP301", "YEP401", "YEP205"]
    mkdocs = lint_paths([tmp_path], tmp_path, select, Settings(generator="mkdocs"))
    assert [(d.code, d.line, d.column) for d in mkdocs] == [
        ("YEP401", 7, 9),
        ("YEP301", 7, 33),
        ("YEP205", 9, 5),
        ("YEP401", 14, 17),
    ]
    assert lint_paths([tmp_path], tmp_path, select, Settings()) == []  # indented code elsewhere


def test_mkdocs_yml_extensions_turn_the_blocks_on(tmp_path: Path) -> None:
    write(tmp_path, {"docs/index.md": ADMONITIONS})
    settings = Settings(root=tmp_path)
    (tmp_path / "mkdocs.yml").write_text("markdown_extensions:\n  - toc\n", encoding="utf-8")
    assert lint_paths([tmp_path], tmp_path, ["YEP401"], settings) == []
    (tmp_path / "mkdocs.yml").write_text(
        "markdown_extensions:\n  - admonition\n  - pymdownx.tabbed:\n      alternate_style: true\n",
        encoding="utf-8",
    )
    assert [d.line for d in lint_paths([tmp_path], tmp_path, ["YEP401"], settings)] == [7, 14]


def test_turning_admonitions_on_in_mkdocs_yml_checks_cached_pages_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from yeplint.cli import main

    write(
        tmp_path,
        {
            "yeplint.toml": 'include = ["docs/**/*.md"]\n',
            "mkdocs.yml": "markdown_extensions:\n  - toc\n",
            "docs/index.md": ADMONITIONS,
        },
    )
    monkeypatch.chdir(tmp_path)

    def check() -> list[str]:
        args = ["check", "docs", "--format", "concise", "--select", "YEP401"]
        return CliRunner().invoke(main, args).stdout.splitlines()

    assert check() == []
    (tmp_path / "mkdocs.yml").write_text("markdown_extensions:\n  - admonition\n")
    assert [line.split(" ")[0] for line in check()] == [
        "docs/index.md:7:9:",
        "docs/index.md:14:17:",
    ]


# YEP209: the caption of a code sample is no heading


def test_a_bold_caption_of_a_code_sample_is_no_heading(tmp_path: Path) -> None:
    body = (
        "**_config.yml**\n\n```yaml\nname: site\n```\n\n"
        "**Liquid**\n\n{% raw %}\n```liquid\n{{ site.name }}\n```\n{% endraw %}\n\n"
        '**Result**\n<div class="highlight result">\n<p>site</p>\n</div>\n\n'
        "**Output**\n\n<pre>site</pre>\n\n"
        "**Drie stappen**\n\nEerst dit.\n\n"
        '**Team**\n\n<div class="team">Anna</div>\n'
    )
    write(tmp_path, {"post.md": page(body)})
    reported = lint_paths([tmp_path], tmp_path, ["YEP209"], Settings())
    assert [d.message for d in reported] == [
        "bold or italic text `Drie stappen` used as a heading",
        "bold or italic text `Team` used as a heading",
    ]


def test_an_aside_in_parentheses_is_no_heading(tmp_path: Path) -> None:
    body = (
        "_(This number counts the core only, not the plugins.)_\n\n"
        "**(Optioneel)**\n\nTekst.\n\n"
        "**Stappen (optioneel)**\n\nTekst.\n"
    )
    write(tmp_path, {"post.md": page(body)})
    reported = lint_paths([tmp_path], tmp_path, ["YEP209"], Settings())
    assert [d.message for d in reported] == [
        "bold or italic text `Stappen (optioneel)` used as a heading"
    ]


# YEP401: an address the host redirects reaches a page


def test_an_address_the_host_redirects_is_no_broken_link(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "vercel.json": '{"trailingSlash": true, "redirects": ['
            '{"source": "/blog/memoize/", "destination": "/blog/post/#memo"},'
            '{"source": "/blog/old/:path*", "destination": "/blog/:path*"}]}',
            "netlify.toml": '[[redirects]]\nfrom = "/blog/moved"\nto = "/blog/post/"\n',
            "blog/post.md": page(
                "[memo](/blog/memoize), [moved](/blog/moved/), [old](/blog/old/post) and"
                " [gone](/blog/gone)."
            ),
        },
    )
    diagnostics = lint_paths([tmp_path], tmp_path, ["YEP401"], BLOG)
    assert [d.message for d in diagnostics] == [
        "link to `/blog/old/post`: no page at `/blog/old/post`",
        "link to `/blog/gone`: no page at `/blog/gone`",
    ]


# YEP501: an image a page of the site's own code shows is used


def test_an_image_a_script_of_the_site_names_is_no_orphan(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "static/img/features/sources.md": page("Where the pictures come from."),
            "src/pages/index.js": 'const features = [{image: "/img/features/fast.png"}];\n',
            "node_modules/x/index.js": '"/img/features/old.png"\n',
            "build/index.html": '<img src="/img/features/strict.png">\n',  # the build's output
        },
    )
    for name in ("fast.png", "old.png", "strict.png"):
        (tmp_path / "static/img/features" / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    settings = Settings(exclude=("/build/",))
    diagnostics = lint_paths([tmp_path], tmp_path, ["YEP501"], settings)
    assert [d.message for d in diagnostics] == [
        "image `old.png` is not used by any page",
        "image `strict.png` is not used by any page",
    ]


def test_an_image_the_sites_configuration_names_is_no_orphan(tmp_path: Path) -> None:
    """The theme shows the logo and favicon `mkdocs.yml` (or `zensical.toml`) names; a
    template, the avatar a data file names."""
    write(
        tmp_path,
        {
            "mkdocs.yml": "site_name: S\ntheme:\n  name: material\n  logo: logo.svg\n",
            "zensical.toml": '[project]\nsite_name = "S"\n[project.theme]\nfavicon = "fav.png"\n',
            "_data/authors.yml": "anna:\n  avatar: /docs/anna.jpg\n",
            "docs/index.md": page("Home."),
        },
    )
    for name in ("logo.svg", "fav.png", "anna.jpg", "old.png"):
        (tmp_path / "docs" / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    diagnostics = lint_paths([tmp_path], tmp_path, ["YEP501"], Settings())
    assert [d.message for d in diagnostics] == ["image `old.png` is not used by any page"]


# YEP308: Eleventy Image serves an <img> in the widths it names


def wide_png(width: int) -> bytes:
    """The header of a PNG ``width`` px wide: YEP308 reads no more."""
    import struct
    import zlib

    body = b"IHDR" + struct.pack(">IIBBBBB", width, 10, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", 13) + body + struct.pack(">I", zlib.crc32(body))
    return b"\x89PNG\r\n\x1a\n" + chunk


def test_an_image_eleventy_image_resizes_is_not_too_wide(tmp_path: Path) -> None:
    body = (
        '<img src="./a.png" alt="A" eleventy:widths="350, 700" sizes="100vw">\n\n'
        '<img src="./b.png" alt="B" eleventy:widths="350, auto">\n\n'
        '<img src="./c.png" alt="C">\n\n![D](./a.png)\n'
    )
    write(tmp_path, {"blog/post.md": page(body)})
    for name in ("a.png", "b.png", "c.png"):
        (tmp_path / "blog" / name).write_bytes(wide_png(2000))
    eleventy = lint_paths([tmp_path], tmp_path, ["YEP308"], Settings(generator="eleventy"))
    assert [d.line for d in eleventy] == [7, 9, 11]
    assert [d.line for d in lint_paths([tmp_path], tmp_path, ["YEP308"], Settings())] == [
        5,
        7,
        9,
        11,
    ]


def test_emphasis_holding_a_template_tag_is_no_heading(tmp_path: Path) -> None:
    body = '_Work in progress: {% include "edit-on-github.njk" %}_\n\n**{{ title }}**\n\n**Kop**\n'
    write(tmp_path, {"docs/page.md": page(body)})
    reported = lint_paths([tmp_path], tmp_path, ["YEP209"], Settings())
    assert [d.message for d in reported] == ["bold or italic text `Kop` used as a heading"]


# YEP401: a file the built-in MkDocs theme writes


@pytest.mark.parametrize(
    ("theme", "reported"),
    [("", [7, 9]), ("theme:\n  name: readthedocs\n", [7, 9]), ("theme: material\n", [5, 7, 9])],
)
def test_a_file_the_mkdocs_theme_writes_exists(
    tmp_path: Path, theme: str, reported: list[int]
) -> None:
    body = (
        "[the favicon](img/favicon.ico)\n\n"
        "[not the theme's](img/favicon.png)\n\n[outside docs](../img/favicon.ico)\n"
    )
    write(tmp_path, {"mkdocs.yml": f"site_name: S\n{theme}", "docs/setup/page.md": "x\n"})
    write(tmp_path, {"docs/index.md": page(body)})
    settings = Settings(generator="mkdocs", static_roots=("docs",), root=tmp_path)
    diagnostics = lint_paths([tmp_path / "docs"], tmp_path, ["YEP401"], settings)
    assert [d.line for d in diagnostics] == reported
