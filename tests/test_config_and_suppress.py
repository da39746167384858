"""Configuration files, rule selection and inline suppression."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LintFn, lint_paths
from yeplint.config.load import load_settings
from yeplint.config.settings import ConfigError, Settings
from yeplint.diagnostics import Severity
from yeplint.engine.selection import resolve_selection
from yeplint.site.discovery import discover

TWO_PROBLEMS = "##Kop\n\n## Tot slot:\n"


def codes(diagnostics: list) -> list[str]:  # type: ignore[type-arg]
    return [d.code for d in diagnostics]


@pytest.mark.parametrize(
    ("select", "expected"),
    [
        (["YEP201"], ["YEP201"]),
        (["YEP2"], ["YEP201", "YEP210"]),
        (["no-space-after-hash"], ["YEP201"]),
        (["ALL"], ["YEP201", "YEP210"]),
    ],
)
def test_selector_forms(lint: LintFn, select: list[str], expected: list[str]) -> None:
    assert codes(lint(TWO_PROBLEMS, name="x.md", select=select)) == expected


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (["YEP201"], ["YEP2"], ["YEP201"]),
        (["YEP2"], ["YEP201"], ["YEP210"]),
        (["ALL"], ["heading-trailing-punctuation"], ["YEP201"]),
        (["YEP210"], ["YEP210"], []),
    ],
)
def test_most_specific_selector_wins(
    select: list[str], ignore: list[str], expected: list[str]
) -> None:
    from yeplint.rules.select import resolve

    assert sorted(resolve(select, ignore) & {"YEP201", "YEP210"}) == expected


def test_ignore_and_per_file_ignores(lint: LintFn) -> None:
    settings = Settings(ignore=("YEP210",))
    assert codes(lint(TWO_PROBLEMS, name="x.md", settings=settings)) == ["YEP201"]
    settings = Settings(per_file_ignores=(("drafts/*.md", ("YEP2",)),))
    assert codes(lint(TWO_PROBLEMS, name="drafts/x.md", settings=settings)) == []
    assert codes(lint(TWO_PROBLEMS, name="other/x.md", settings=settings)) == ["YEP201", "YEP210"]


def test_severity_override(lint: LintFn) -> None:
    settings = Settings(severity=(("YEP210", Severity.ERROR),))
    diagnostics = lint("## Tot slot:\n", name="x.md", settings=settings)
    assert [d.severity for d in diagnostics] == [Severity.ERROR]


@pytest.mark.parametrize(
    "table",
    [
        (("YEP210", Severity.ERROR), ("YEP2", Severity.WARNING)),
        (("YEP2", Severity.WARNING), ("YEP210", Severity.ERROR)),
        (("heading-trailing-punctuation", Severity.ERROR), ("ALL", Severity.WARNING)),
    ],
)
def test_the_most_specific_severity_wins_wherever_it_is_written(
    lint: LintFn, table: tuple[tuple[str, Severity], ...]
) -> None:
    """`severity = {YEP210 = "error", YEP2 = "warning"}` made YEP210 a warning: the entries
    were applied in the order written, not as select and ignore are, most specific last."""
    diagnostics = lint(TWO_PROBLEMS, name="x.md", settings=Settings(severity=table))
    assert [(d.code, d.severity) for d in diagnostics] == [
        ("YEP201", Severity.WARNING),
        ("YEP210", Severity.ERROR),
    ]


def test_config_discovery_precedence(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.yeplint]\nignore = ["YEP2"]\n')
    sub = tmp_path / "site"
    sub.mkdir()
    assert load_settings(start=sub).ignore == ("YEP2",)
    (sub / "yeplint.toml").write_text('select = ["YEP3"]\n')
    nearest = load_settings(start=sub)
    assert nearest.select == ("YEP3",)
    assert nearest.root == sub.resolve()
    assert load_settings(start=sub, isolated=True) == Settings()
    assert load_settings(config=tmp_path / "pyproject.toml").ignore == ("YEP2",)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("selekt = []\n", "unknown key `selekt`"),
        ("select = 3\n", "`select` must be a list of strings"),
        ("max-image-width = 'wide'\n", "`max-image-width` must be a positive integer"),
        ("select = ['YEP999']\n", "`YEP999` is not a rule code"),
        ("[[collections]]\nglob = 'a/[b'\nschema = 'blog'\n", "bad glob `a/[b`"),
        ("[severity]\nYEP210 = 'fatal'\n", "`severity.YEP210` must be `error` or `warning`"),
        ("[rule-options.YEP999]\nx = 1\n", "`rule-options.YEP999`: no such rule"),
        ("[rule-options.YEP201]\nx = 1\n", "YEP201 has no options"),
        ("[rule-options.YEP209]\nlength = 1\n", "unknown option `rule-options.YEP209.length`"),
        (
            "[rule-options.YEP209]\nmax-length = 'x'\n",
            "yeplint.toml:2:1: `rule-options.YEP209.max-length` must be an integer from 0 to"
            " 1,000,000, not 'x'",
        ),
        ("[rule-options.YEP306]\nplaceholders = 3\n", "must be a list of strings"),
    ],
)
def test_config_errors_name_the_key(tmp_path: Path, toml: str, message: str) -> None:
    """Wrong keys and values when the configuration is read; unknown rules, selectors and
    options when a run resolves its rules (yeplint.engine.selection): each names the key's line."""
    (tmp_path / "yeplint.toml").write_text(toml)
    with pytest.raises(ConfigError) as info:
        resolve_selection(load_settings(start=tmp_path))
    assert message in str(info.value)
    assert "yeplint.toml:" in str(info.value)


@pytest.mark.parametrize(
    ("closed", "expected"),
    [
        # one mistake, one finding: at the misspelt key, naming the key it should be
        (True, [("YEP103", "unknown key `Titel`", "did you mean `titel`?")]),
        # a schema that takes any key cannot call `Titel` a mistake: the missing key says it
        (False, [("YEP102", "missing required key `titel`", "rename `Titel` to `titel`")]),
    ],
)
def test_custom_collection_and_schema(
    tmp_path: Path, closed: bool, expected: list[tuple[str, str, str]]
) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "page.json").write_text(
        '{"type": "object", "required": ["titel"], "properties": {"titel": {"type": "string"}}'
        + (', "additionalProperties": false}' if closed else "}")
    )
    (tmp_path / "yeplint.toml").write_text(
        '[[collections]]\nglob = "pages/*.md"\nschema = "schemas/page.json"\n'
    )
    page = tmp_path / "pages" / "a.md"
    page.parent.mkdir()
    page.write_text("---\nTitel: x\n---\n")
    settings = load_settings(start=tmp_path)
    diagnostics = lint_paths([page], tmp_path, select=["YEP1"], settings=settings)
    assert [(d.code, d.message, d.hint) for d in diagnostics] == expected

    page.write_text("---\ntitle: x\n---\n")
    assert [d.code for d in lint_paths([page], tmp_path, select=["YEP1"], settings=settings)] == (
        ["YEP103"] if closed else ["YEP102"]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!-- yeplint-disable-next-line YEP201 -->\n##Kop\n\n## Tot slot:\n", ["YEP210"]),
        ("##Kop <!-- yeplint-disable-line -->\n\n## Tot slot:\n", ["YEP210"]),
        ("<!-- yeplint-disable-file heading-trailing-punctuation -->\n" + TWO_PROBLEMS, ["YEP201"]),
        (
            "<!-- yeplint-disable YEP2 -->\n\n##Kop\n\n<!-- yeplint-enable YEP2 -->\n\n"
            "## Tot slot:\n",
            ["YEP210"],
        ),
        ("<!-- yeplint-disable -->\n\n" + TWO_PROBLEMS, []),
        ("<!-- yeplint-disable YEP210 -->\n\n" + TWO_PROBLEMS, ["YEP201"]),
        ("```\n<!-- yeplint-disable -->\n```\n\n" + TWO_PROBLEMS, ["YEP201", "YEP210"]),
    ],
)
def test_inline_suppression(lint: LintFn, text: str, expected: list[str]) -> None:
    assert codes(lint(text, name="x.md")) == expected


def test_front_matter_suppression_comments(lint: LintFn) -> None:
    text = (
        "---\nname: Anna\nvolgnummer: 1\nVolgnummer: 3  # yeplint: disable-line unknown-key\n"
        "# yeplint: disable-next-line YEP103\nOrder: 2\nSort: 4\n---\n"
    )
    diagnostics = lint(text, name="team/anna.nl.md", select=["YEP1"])
    assert [(d.code, d.line) for d in diagnostics] == [("YEP103", 7)]


def test_rule_options(tmp_path: Path) -> None:
    (tmp_path / "yeplint.toml").write_text(
        "[rule-options.heading-trailing-punctuation]\npunctuation = '.!'\n"
        "[rule-options.YEP209]\nmax-length = 5\n"
    )
    page = tmp_path / "x.md"
    page.write_text("## Doe mee!\n\n## Tot slot:\n\n**Drie stappen**\n\n**Kort**\n")
    settings = load_settings(start=tmp_path)
    diagnostics = lint_paths([page], tmp_path, select=["YEP209", "YEP210"], settings=settings)
    assert [(d.code, d.line) for d in diagnostics] == [("YEP210", 1), ("YEP209", 7)]


def test_unused_suppressions_are_reported(lint: LintFn) -> None:
    text = (
        "<!-- yeplint-disable-next-line YEP201 -->\n##Kop\n\n"
        "<!-- yeplint-disable-next-line YEP201 -->\n## Kop twee\n\n"
        "<!-- yeplint-disable YEP3 -->\n\nTekst.\n"
    )
    diagnostics = lint(text, name="x.md", select=["YEP201", "YEP3", "YEP015"])
    assert [(d.code, d.line, d.message) for d in diagnostics] == [
        (
            "YEP015",
            4,
            "unused suppression `<!-- yeplint-disable-next-line YEP201 -->`: it hides no problem",
        ),
        ("YEP015", 7, "unused suppression `<!-- yeplint-disable YEP3 -->`: it hides no problem"),
    ]
    # A suppression of a rule that did not run is not judged.
    assert lint("<!-- yeplint-disable-next-line YEP201 -->\nTekst.\n", select=["YEP015"]) == []


def test_a_code_in_a_suppression_that_hides_nothing_is_reported_on_its_own(lint: LintFn) -> None:
    """As ruff's RUF100 says `unused: F401` of a `noqa` that hides something else: the code
    that hides nothing would hide the next problem of its rule there."""
    text = (
        "# Titel\n\n<!-- yeplint-disable-next-line YEP201, YEP205 -->\n##Kop\n\n"
        "<!-- yeplint-disable YEP201 heading-increment -->\n#### Te diep\n"
        "<!-- yeplint-enable YEP201 heading-increment -->\n"
    )
    diagnostics = lint(text, name="x.md", select=["YEP201", "YEP205", "YEP015"])
    assert [(d.code, d.line, d.message) for d in diagnostics] == [
        (
            "YEP015",
            3,
            "suppression `<!-- yeplint-disable-next-line YEP201, YEP205 -->`: `YEP205` hides no"
            " problem here",
        ),
        (
            "YEP015",
            6,
            "suppression `<!-- yeplint-disable YEP201 heading-increment -->`: `YEP201` hides no"
            " problem here",
        ),
    ]
    assert diagnostics[0].hint == "remove `YEP205` from the comment"


def test_a_code_in_a_suppression_that_names_no_rule_is_reported(lint: LintFn) -> None:
    """`YEP2O1` (a letter O) hid nothing and said nothing: the problem showed, and the comment
    looked as if it worked. Reported whichever rules run, with the closest rule as a
    suggestion the editor can apply."""
    text = "<!-- yeplint-disable-next-line YEP2O1 -->\n##Kop\n"
    diagnostics = lint(text, name="x.md", select=["YEP015"])
    assert [(d.code, d.line, d.column, d.hint) for d in diagnostics] == [
        ("YEP015", 1, 1, "did you mean `YEP201`?")
    ]
    suggestion = diagnostics[0].suggestion
    assert suggestion is not None and suggestion.edits[0].replacement == "YEP201"
    assert suggestion.edits[0].span.column == text.index("YEP2O1") + 1


def test_a_suppression_may_give_its_reason_after_two_dashes(lint: LintFn) -> None:
    """The reason is not read as codes (it would be words that name no rule)."""
    for comment in (
        "<!-- yeplint-disable-next-line YEP201 -- de kop staat zo in het citaat -->",
        "<!-- yeplint-disable-next-line -- alles, het is een citaat -->",
    ):
        diagnostics = lint(f"{comment}\n##Kop\n", name="x.md", select=["YEP201", "YEP015"])
        assert diagnostics == [], comment


def test_a_suppression_of_a_rule_ignored_for_the_file_is_not_judged(tmp_path: Path) -> None:
    """per-file-ignores turns the rule off there: its suppressions hide nothing, rightly."""
    (tmp_path / "drafts").mkdir()
    page = tmp_path / "drafts" / "x.md"
    page.write_text("<!-- yeplint-disable-next-line YEP201 -->\n##Kop\n")
    settings = Settings(per_file_ignores=(("drafts/", ("YEP201",)),))
    assert lint_paths([page], tmp_path, select=["YEP201", "YEP015"], settings=settings) == []


MDX_PAGE = """\
{/* yeplint-disable-next-line YEP201 */}
##Eén

{/*
  yeplint-disable-next-line no-space-after-hash
*/}
##Twee

##Drie {/* yeplint-disable-line YEP201 */}

`{/* yeplint-disable-line YEP201 */}` is code
##Vier

<Card>
{/* yeplint-disable-next-line YEP301 */}
##Vijf
</Card>
"""


def test_mdx_comments_suppress(lint: LintFn) -> None:
    """MDX has no HTML comments (`<!-- -->` is a syntax error in MDX 2+): its writers suppress
    with `{/* … */}`, on a line of its own or at the end of a line. A comment inside a code
    span is text."""
    diagnostics = lint(MDX_PAGE, name="x.mdx", select=["YEP201", "YEP301", "YEP015"])
    assert [(d.code, d.line) for d in diagnostics] == [
        ("YEP201", 12),
        ("YEP015", 15),
        ("YEP201", 16),
    ]
    assert diagnostics[1].message == (
        "unused suppression `{/* yeplint-disable-next-line YEP301 */}`: it hides no problem"
    )


def test_an_unused_suppression_can_itself_be_suppressed(lint: LintFn) -> None:
    """YEP015's page says so (`<!-- yeplint-disable-next-line YEP015 -->` above it), as ruff's
    `# noqa: RUF100` works; its problems came after the suppressions were applied."""
    kept = "<!-- yeplint-disable-next-line YEP015 -->\n<!-- yeplint-disable-next-line YEP201 -->\n"
    assert lint(kept + "## Kop\n", name="x.md", select=["YEP201", "YEP015"]) == []
    whole = "<!-- yeplint-disable-file YEP015 -->\n<!-- yeplint-disable-next-line YEP201 -->\n"
    assert lint(whole + "## Kop\n", name="x.md", select=["YEP201", "YEP015"]) == []
    every = "<!-- yeplint-disable-file -->\n"  # naming every rule: not itself
    diagnostics = lint(every + "## Kop\n", name="x.md", select=["YEP201", "YEP015"])
    assert [(d.code, d.line) for d in diagnostics] == [("YEP015", 1)]
    alone = "<!-- yeplint-disable-next-line YEP015 -->\n## Kop\n"
    diagnostics = lint(alone, name="x.md", select=["YEP201", "YEP015"])
    assert [(d.code, d.line) for d in diagnostics] == [("YEP015", 1)]  # it hides nothing


def test_respect_gitignore(tmp_path: Path) -> None:
    from yeplint.site.discovery import discover

    (tmp_path / ".gitignore").write_text("build/\n*.draft.md\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".gitignore").write_text("local.md\n")
    for name in ("a.md", "x.draft.md", "build/b.md", "sub/local.md", "sub/c.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x\n")
    names = [t.relative for t in discover([tmp_path], Settings(respect_gitignore=True), tmp_path)]
    assert names == ["a.md", "sub/c.md"]
    everything = [t.relative for t in discover([tmp_path], Settings(), tmp_path)]
    assert len(everything) == 5


def test_schema_refs_to_local_files(tmp_path: Path) -> None:
    (tmp_path / "schemas" / "defs").mkdir(parents=True)
    (tmp_path / "schemas" / "page.json").write_text(
        '{"type": "object", "properties": {"date": {"$ref": "defs/common.json#/$defs/date"},'
        ' "tags": {"$ref": "defs/common.json#/$defs/tags"}}}'
    )
    (tmp_path / "schemas" / "defs" / "common.json").write_text(
        '{"$defs": {"date": {"type": "string", "format": "date"}, "tags": {"$ref": "tags.json"}}}'
    )
    (tmp_path / "schemas" / "defs" / "tags.json").write_text('{"type": "array", "minItems": 1}')
    (tmp_path / "yeplint.toml").write_text(
        '[[collections]]\nglob = "*.md"\nschema = "schemas/page.json"\n'
    )
    page = tmp_path / "a.md"
    page.write_text("---\ndate: 2018-3-26\ntags: []\n---\n")
    settings = load_settings(start=tmp_path)
    diagnostics = lint_paths([page], tmp_path, select=["YEP1"], settings=settings)
    assert [(d.code, d.line) for d in diagnostics] == [("YEP105", 2), ("YEP101", 3)]


def test_a_schema_nested_past_the_json_parser_is_a_config_error(tmp_path: Path) -> None:
    """json.loads recurses: deep nesting was a RecursionError, an internal error."""
    from yeplint.config.page_schemas import load_schema
    from yeplint.config.settings import Collection

    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "s.json").write_text(f'{{"type": "object",\n "x": {deep}}}')
    with pytest.raises(ConfigError) as info:
        load_schema(Collection("pages", ("*.md",), "s.json", tmp_path))
    assert str(info.value) == f"{tmp_path / 's.json'}:2:7: nested too deeply"


def test_remote_schema_ref_is_config_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from yeplint.cli import main

    (tmp_path / "s.json").write_text('{"$ref": "https://example.invalid/x.json"}')
    (tmp_path / "yeplint.toml").write_text('[[collections]]\nglob = "*.md"\nschema = "s.json"\n')
    (tmp_path / "a.md").write_text("---\ntitle: x\n---\n")
    result = CliRunner().invoke(
        main, ["check", str(tmp_path), "--config", str(tmp_path / "yeplint.toml")]
    )
    assert result.exit_code == 2
    assert "cannot resolve" in result.output and "example.invalid" in result.output
    assert "YEP000" not in result.output


GLOB_PATTERNS = [
    "*.md",
    "drafts/",
    "content/drafts/",
    "blog/*.md",
    "/blog/*.md",
    "**/blog/*.md",
    "content/**",
    "**/team/**",
    "a?.md",
    "[ab]*.md",
    "*_index.md",
    "content/*/x.md",
]
GLOB_PATHS = [
    "a.md",
    "ab.md",
    "b.markdown",
    "drafts/a.md",
    "content/drafts/a.md",
    "content/drafts/deep/a.md",
    "blog/x.md",
    "content/blog/x.md",
    "content/blog/sub/x.md",
    "content/team/x.md",
    "team/y/z.md",
    "content/_index.md",
    "content/en/_index.md",
    "content/en/x.md",
]


@pytest.mark.parametrize("pattern", GLOB_PATTERNS)
def test_globs_match_as_gitignore_patterns_do(pattern: str) -> None:
    """yeplint's glob translator (no pathspec import at start-up) agrees with pathspec's
    gitignore matching on every pattern and path of the table."""
    import pathspec

    from yeplint.config.globs import matches

    spec = pathspec.GitIgnoreSpec.from_lines([pattern])
    ours = [path for path in GLOB_PATHS if matches(pattern, path)]
    theirs = [path for path in GLOB_PATHS if spec.match_file(path)]
    assert ours == theirs


def test_brace_globs_expand() -> None:
    from yeplint.config.globs import GlobError, expand_braces, matches

    assert expand_braces("content/{blog,team}/**") == ["content/blog/**", "content/team/**"]
    assert expand_braces("{a,{b,c}}.md") == ["a.md", "b.md", "c.md"]
    assert matches("content/{blog,team}/**", "content/team/x.md")
    assert not matches("content/{blog,team}/**", "content/drafts/x.md")
    with pytest.raises(GlobError):
        expand_braces("{blog,team/**")


def _tree(tmp_path: Path) -> None:
    for folder in ("drafts", "blog", "team"):
        (tmp_path / "content" / folder).mkdir(parents=True)
        (tmp_path / "content" / folder / "p.md").write_text("# Kop\n")


def _checked(tmp_path: Path, config: str) -> list[str]:
    (tmp_path / "yeplint.toml").write_text(config)
    settings = load_settings(start=tmp_path)
    return [t.relative for t in discover([tmp_path / "content"], settings, tmp_path)]


def test_exclude_of_a_folder_with_a_trailing_slash(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert _checked(tmp_path, 'exclude = ["drafts/"]\n') == [
        "content/blog/p.md",
        "content/team/p.md",
    ]
    assert _checked(tmp_path, 'exclude = ["content/{blog,team}/**"]\n') == ["content/drafts/p.md"]


def test_git_ignores_above_the_checked_folder_count(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("content/blog/\n")
    (tmp_path / ".gitignore").write_text("team/\n")
    assert _checked(tmp_path, "respect-gitignore = true\n") == ["content/drafts/p.md"]
    assert len(_checked(tmp_path, "respect-gitignore = false\n")) == 3


def _notices(tmp_path: Path, *paths: str) -> list[str]:
    from click.testing import CliRunner

    from yeplint.cli import main

    config = tmp_path / "yeplint.toml"
    args = ["check", *(str(tmp_path / p) for p in paths), "--config", str(config), "--no-cache"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return [line for line in result.stderr.splitlines() if "collection" in line]


def test_a_collection_glob_matching_no_page_is_told_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "yeplint.toml").write_text(
        '[[collections]]\nname = "posts"\nglob = "content/blgo/*.md"\n\n'
        '[[collections]]\nname = "team"\nglob = ["content/team/*.md", "team/*.md", "x/*.md"]\n'
        '\n[[collections]]\nname = "drafts"\nglob = "content/drafts/*.md"\n'
    )
    expected = [
        "yeplint: collection `posts`: glob `content/blgo/*.md` matches no page",
        "yeplint: collection `team`: globs `team/*.md`, `x/*.md` match no page",
    ]
    assert _notices(tmp_path, "content") == expected
    assert _notices(tmp_path, "content", "content/blog") == expected
    # a part of the site: another folder may hold the pages the glob means
    assert _notices(tmp_path, "content/team") == []
    assert _notices(tmp_path, "content/blog/p.md") == []


def test_collections_of_a_preset_are_not_told() -> None:
    from yeplint.config.load import collection_notices, preset_settings

    collections = preset_settings("yep-trainingen").collections
    assert collection_notices(collections, ["blog/a.nl.md"]) == []
