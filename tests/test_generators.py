"""Each generator's conventions on a small site written from its docs (tests/sites/<name>):
`yeplint init` then `yeplint check`, snapshot of exactly what a user sees; and the pieces one
by one (template paths, shortcodes, MDX, dated post names)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import UPDATE
from yeplint.cli import main
from yeplint.config.generators import by_name, detect
from yeplint.config.settings import Settings
from yeplint.document.mdx import scan
from yeplint.document.templates import expand_path, shortcode_images

SITES = Path(__file__).parent / "sites"
GOLDEN = Path(__file__).parent / "golden" / "sites"
CONTENT = {
    "astro": "src/content",
    "docusaurus": ".",
    "eleventy": ".",
    "hugo": "content",
    "jekyll": ".",
    "mkdocs": "docs",
    "sveltekit": "src/posts",
    "vitepress": "src",
    "zola": "content",
}


@pytest.mark.parametrize("name", sorted(CONTENT))
def test_init_then_check_on_a_site_of_each_generator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    site = tmp_path / name
    shutil.copytree(SITES / name, site)
    monkeypatch.chdir(site)
    init = CliRunner().invoke(main, ["init", CONTENT[name]])
    assert init.exit_code == 0, init.output
    check = CliRunner().invoke(main, ["check", "--format", "concise", "--no-cache"])
    assert check.exit_code in (0, 1), check.output
    text = (
        f"$ yeplint init {CONTENT[name]}\n{init.output}"
        f"$ yeplint check --format concise\n{check.output}"
        f"(exit {check.exit_code})\n"
    ).replace(str(site), "<site>")
    golden = GOLDEN / f"{name}.txt"
    if UPDATE or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CONTENT))
def test_each_generator_is_recognised_from_its_own_files(name: str) -> None:
    found = detect((SITES / name / CONTENT[name]).resolve(), (SITES / name).resolve())
    assert found is not None
    assert found[0].name == name


@pytest.mark.parametrize(
    ("target", "expanded"),
    [
        ("img/a.png", "img/a.png"),
        ("{{ site.baseurl }}/assets/a.png", "/assets/a.png"),
        ("{{site.baseurl}}/assets/a.png", "/assets/a.png"),
        ("{{ site.url }}{{ site.baseurl }}/a.png", "/a.png"),
        ("{{ '/assets/a.png' | relative_url }}", "/assets/a.png"),
        ('{{ "assets/a.png" | absolute_url }}', "/assets/a.png"),
        ('{{ "/a.png" | prepend: site.baseurl }}', "/a.png"),
        ('{{ "images/a.png" | relURL }}', "/images/a.png"),
        ("{{ page.image }}", None),
        ("{{ site.baseurl }}/{{ page.slug }}.png", None),
        ("{% link assets/a.png %}", None),
    ],
)
def test_template_paths(target: str, expanded: str | None) -> None:
    assert expand_path(target) == expanded


def test_shortcode_images_and_what_is_not_one() -> None:
    text = (
        '{{< figure src="a.jpg" alt="A" >}}\n'  # 1
        '{{< figure\n  src=`b.jpg`\n  alt="B"\n>}}\n'  # 2-5
        '{{</* figure src="commented.jpg" */>}}\n'  # 6
        '`{{< figure src="in-code-span.jpg" >}}`\n'  # 7
        '{{< figure src="in-code-block.jpg" >}}\n'  # 8
        "{{% img src=c.png %}}\n"  # 9
        '{{< youtube id="x" >}}\n'  # 10
    )
    found = shortcode_images(text, 10, skip_lines={18})
    assert [(src, alt, span.line, span.end_line) for src, alt, span in found] == [
        ("a.jpg", "A", 11, 11),
        ("b.jpg", "B", 12, 15),
        ("c.png", None, 19, 19),
    ]


def test_mdx_lines_that_are_not_markdown() -> None:
    lines = [
        "import A from './a'",  # 0 ESM
        "export const meta = {",  # 1
        "  title: 'x',",  # 2
        "}",  # 3
        "",
        "  import b from 'c'",  # 5: indented: Markdown
        "import('x')",  # 6: a call: Markdown
        "{`",  # 7 expression with a template literal holding braces
        "# not } a heading {",  # 8
        "`}",  # 9
        "<Card",  # 10 a tag over lines
        "  title={'a > b'}",  # 11
        ">",  # 12
        "## Inside the card",  # 13: Markdown
        "</Card>",  # 14
        "```jsx",  # 15 a fence: skipped whole
        "<Card>",  # 16
        "```",  # 17
        '<img src="/x.png" alt="X" /><Image src={pic} />',  # 18
        "",
        # text after the tags: a paragraph with inline JSX (MDX's JSX block ends its line)
        '<a href="/x">tekst</a> en meer',  # 20
        '<img src="/y.png" alt="Y" /> onderschrift',  # 21: the Markdown parser's HTML image
        "<Card>  ",  # 22
    ]
    found = scan(lines)
    assert sorted(found.opaque) == [0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 14, 18, 22]
    assert [(i.src, i.alt, i.line, i.column) for i in found.images] == [("/x.png", "X", 18, 0)]


def test_an_unclosed_mdx_tag_ends_within_the_last_line() -> None:
    """Found by bench/hostile_probe.py: a tag never closed ran to the page's end, and its
    image's span ended a column past the last line."""
    found = scan(['<img src="a.png" alt="x', "tekst", ""])
    assert [(i.line, i.column, i.end_line, i.end_column) for i in found.images] == [(0, 0, 1, 5)]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("2024-02-29-leap.md", None),
        ("2023-02-29-leap.md", "`2023-02-29` in the file name `2023-02-29-leap.md` is not a date"),
        (
            "2024-3-5-short.md",
            "`2024-3-5` in the file name `2024-3-5-short.md` is not a YYYY-MM-DD",
        ),
        ("hello.md", "post file name `hello.md` does not start with a date"),
    ],
)
def test_dated_post_file_names(tmp_path: Path, name: str, message: str | None) -> None:
    from dataclasses import replace

    from tests.conftest import lint_paths

    page = tmp_path / "_posts" / name
    page.parent.mkdir()
    page.write_text("---\ntitle: x\n---\n\nText.\n", encoding="utf-8")
    settings = replace(Settings(), dated_folders=("_posts",))
    found = [d.message for d in lint_paths([page], tmp_path, select=["YEP601"], settings=settings)]
    if message is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(message), found
    assert lint_paths([page], tmp_path, select=["YEP601"], settings=Settings()) == []


@pytest.mark.parametrize("name", sorted(CONTENT))
def test_without_a_configuration_the_generators_conventions_apply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """No yeplint.toml: checking the content, or one page from its own folder, finds the site by
    its generator's marker and applies its conventions: the same problems as after
    `yeplint init`, but for the schema rules init adds."""
    import json

    def problems(folder: Path, *args: str) -> set[tuple[str, int, str]]:
        monkeypatch.chdir(folder)
        done = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", *args])
        assert done.exit_code in (0, 1), done.output
        found = json.loads(done.stdout)["diagnostics"]
        return {(d["path"], d["line"], d["code"]) for d in found if d["code"][3] != "1"}

    bare, configured = tmp_path / "bare", tmp_path / "configured"
    shutil.copytree(SITES / name, bare)
    shutil.copytree(SITES / name, configured)
    monkeypatch.chdir(configured)
    assert CliRunner().invoke(main, ["init", CONTENT[name]]).exit_code == 0
    assert problems(bare, CONTENT[name]) == problems(configured, CONTENT[name])
    told = CliRunner().invoke(main, ["check", "--no-cache", CONTENT[name]]).stderr
    generator = by_name(name)
    assert generator is not None
    kind = f"{'an' if generator.vowel_sound else 'a'} {generator.shown} site"
    assert f"looks like {kind}" not in told  # a configuration is there: it decides
    monkeypatch.chdir(bare)
    told = CliRunner().invoke(main, ["check", "--no-cache", CONTENT[name]]).stderr
    assert f"looks like {kind}, whose conventions apply" in told


def test_a_marker_above_the_repository_is_not_the_sites(tmp_path: Path) -> None:
    from yeplint.config.load import generator_site

    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    assert generator_site([repo / "docs"]) is None
    found = generator_site([tmp_path / "docs-elsewhere"])
    assert found is not None and found.generator == "mkdocs" and found.root == tmp_path
