"""End to end through click: the exact text a user sees, and the exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint import __version__
from yeplint.cli import main

BROKEN = (
    "---\ntitle: Netwerken\nimg: foto.jpg\nalt: Foto\ndate: 2018-3-26\n"
    "intro: Coachend leiderschap: de sleutel\n---\n"
)
WARN_ONLY = "## Tot slot:\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    (tmp_path / "content" / "blog").mkdir(parents=True)
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\n', encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_version() -> None:
    assert run("--version") == run("-V") == (0, f"yeplint, version {__version__}\n")


def test_output_format_output_file_and_exit_zero(site: Path) -> None:
    (site / "content/blog/post.nl.md").write_text(BROKEN, encoding="utf-8")
    code, out = run("check", "content", "--output-format", "json", "-o", "report.json")
    assert (code, out) == (1, "")
    written = json.loads((site / "report.json").read_text(encoding="utf-8"))
    assert written["summary"]["errors"] > 0
    assert run("check", "content", "--format", "json")[1] == (site / "report.json").read_text()
    code, out = run("check", "content", "--exit-zero", "--format", "concise")
    assert code == 0 and "YEP001 invalid YAML" in out
    (site / "yeplint.toml").write_text("selekt = []\n")
    assert run("check", "content", "--exit-zero")[0] == 2  # a usage error is never hidden


def test_text_output_exact(site: Path) -> None:
    (site / "content/blog/post.nl.md").write_text(BROKEN, encoding="utf-8")
    code, out = run("check", "content", "--color", "never")
    assert code == 1
    assert out == (
        "content/blog/post.nl.md (1 error)\n"
        "content/blog/post.nl.md:6:28 YEP001 invalid YAML: the value contains `: `, which "
        "starts a mapping\n"
        "  6 │ intro: Coachend leiderschap: de sleutel\n"
        "    │                            ^^^^^^^^^^^^\n"
        "  hint: quote the value: `intro: 'Coachend leiderschap: de sleutel'`\n"
        "\n"
        "Found 1 error in 1 of 1 file checked. 1 fixable with `--fix --unsafe-fixes`.\n"
    )


def test_text_output_exact_in_dutch(site: Path) -> None:
    (site / "content/blog/post.nl.md").write_text(BROKEN, encoding="utf-8")
    code, out = run("check", "content", "--color", "never", "--lang", "nl")
    assert code == 1
    assert out == (
        "content/blog/post.nl.md (1 fout)\n"
        "content/blog/post.nl.md:6:28 YEP001 ongeldige YAML: de waarde bevat `: `, en daarmee "
        "begint een nieuw veld\n"
        "  6 │ intro: Coachend leiderschap: de sleutel\n"
        "    │                            ^^^^^^^^^^^^\n"
        "  tip: zet de waarde tussen aanhalingstekens: "
        "`intro: 'Coachend leiderschap: de sleutel'`\n"
        "\n"
        "1 fout gevonden in 1 van 1 gecontroleerd bestand. 1 te verbeteren met "
        "`--fix --unsafe-fixes`.\n"
    )


def test_clean_exit_zero_and_warnings_allowed(site: Path) -> None:
    (site / "content/note.md").write_text(WARN_ONLY, encoding="utf-8")
    code, out = run("check", "content", "--color", "never", "--no-show-source")
    assert code == 0
    assert out == (
        "content/note.md (1 warning)\n"
        "content/note.md:1:12 YEP210 warning: heading ends with `:`\n"
        "  hint: remove it: `Tot slot`\n"
        "Found 1 warning in 1 of 1 file checked.\n"
    )
    code, out = run("check", "content", "--color", "never", "--no-show-source", "--lang", "nl")
    assert out == (
        "content/note.md (1 waarschuwing)\n"
        "content/note.md:1:12 YEP210 waarschuwing: de kop eindigt op `:`\n"
        "  tip: haal het weg: `Tot slot`\n"
        "1 waarschuwing gevonden in 1 van 1 gecontroleerd bestand.\n"
    )
    (site / "content/note.md").write_text("## Tot slot\n", encoding="utf-8")
    assert run("check", "content", "--color", "never") == (
        0,
        "All checks passed (1 file checked).\n",
    )
    assert run("check", "content", "--color", "never", "--lang", "nl") == (
        0,
        "Alles in orde (1 bestand gecontroleerd).\n",
    )


def test_json_format(site: Path) -> None:
    (site / "content/blog/post.nl.md").write_text(BROKEN, encoding="utf-8")
    code, out = run("check", "content", "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["version"] == 1
    assert document["files_checked"] == 1
    assert document["summary"] == {"errors": 1, "warnings": 0}
    assert document["diagnostics"][0] == {
        "path": "content/blog/post.nl.md",
        "line": 6,
        "column": 28,
        "end_line": 6,
        "end_column": 40,
        "code": "YEP001",
        "rule": "yaml-syntax-error",
        "severity": "error",
        "message": "invalid YAML: the value contains `: `, which starts a mapping",
        "hint": "quote the value: `intro: 'Coachend leiderschap: de sleutel'`",
        "fix": {
            "description": "quote the value: `'Coachend leiderschap: de sleutel'`",
            "applicability": "unsafe",
            "edits": [
                {
                    "line": 6,
                    "column": 8,
                    "end_line": 6,
                    "end_column": 40,
                    "replacement": "'Coachend leiderschap: de sleutel'",
                }
            ],
        },
    }


def test_concise_format_and_select(site: Path) -> None:
    text = BROKEN.replace("intro: Coachend leiderschap: de sleutel", "intro: x")
    (site / "content/blog/post.nl.md").write_text(text, encoding="utf-8")
    code, out = run("check", "content", "--format", "concise", "--select", "YEP105")
    assert code == 1
    assert out == (
        "content/blog/post.nl.md:5:7: YEP105 [*] `2018-3-26` in `date` is not a YYYY-MM-DD date\n"
    )


def test_rich_markup_in_user_text_is_printed_as_written(site: Path) -> None:
    (site / "content/x.md").write_text("## [/draft] [bold]niet vet[/bold]:\n", encoding="utf-8")
    code, out = run("check", "content", "--color", "always", "--no-show-source")
    assert code == 0
    assert "[/draft] [bold]niet vet[/bold]" in out


def test_missing_path_is_usage_error(site: Path) -> None:
    code, out = run("check", "does-not-exist")
    assert code == 2
    assert "yeplint: error: does-not-exist: No such file or directory" in out


def test_unknown_selector_is_usage_error(site: Path) -> None:
    code, out = run("check", "--select", "YEP999", ".")
    assert code == 2
    assert "`YEP999` is not a rule code, code prefix or rule name" in out


def test_rules_and_rule(site: Path) -> None:
    code, out = run("rules")
    assert code == 0
    assert "YEP301  missing-image" in out
    code, out = run("rule", "missing-image")
    assert code == 0
    assert out.startswith("# YEP301 missing-image (default: error)\n")
    assert "## How to fix" in out
    assert run("rule", "nope")[0] == 2


def test_output_file(site: Path) -> None:
    (site / "content/note.md").write_text(WARN_ONLY, encoding="utf-8")
    code, out = run("check", "content", "--format", "concise", "--output-file", "out.txt")
    assert (code, out) == (0, "")
    assert (site / "out.txt").read_text(encoding="utf-8").startswith("content/note.md:1:12:")


def test_python_dash_m(site: Path) -> None:
    import subprocess
    import sys

    (site / "content/note.md").write_text(WARN_ONLY, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "yeplint", "check", "content", "--format", "concise"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == "content/note.md:1:12: YEP210 warning: heading ends with `:`\n"


def test_config_error_exits_2_naming_key_and_file(site: Path) -> None:
    (site / "yeplint.toml").write_text("max-image-width = -3\n")
    code, out = run("check", "content")
    assert code == 2
    assert out == (
        f"yeplint: error: {site / 'yeplint.toml'}:1:1: `max-image-width` must be a positive "
        "integer up to 100,000, not -3\n"
    )
    (site / "content/note.md").write_text(WARN_ONLY, encoding="utf-8")
    assert run("check", "content", "--isolated")[0] == 0


def test_bad_schema_file_is_config_error(site: Path) -> None:
    (site / "broken.json").write_text("{not json")
    (site / "yeplint.toml").write_text(
        '[[collections]]\nglob = "**/*.md"\nschema = "broken.json"\n'
    )
    code, out = run("check", "content")
    assert code == 2
    assert "broken.json: not valid JSON" in out


def test_no_color_and_force_color(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (site / "content/note.md").write_text(WARN_ONLY, encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in run("check", "content")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("check", "content")[1]  # NO_COLOR beats FORCE_COLOR
    monkeypatch.delenv("FORCE_COLOR")
    assert "\x1b[" not in run("check", "content", "--color", "auto")[1]
    assert "\x1b[" not in run("check", "content", "--format", "concise")[1]


def test_a_report_file_is_not_coloured_by_force_color(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FORCE_COLOR (often set for a whole CI job) is for the terminal: `-o report.txt` got
    escape sequences in the file. Ruff turns colour off for `--output-file` too."""
    (site / "content/note.md").write_text(WARN_ONLY, encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    report = site / "report.txt"
    run("check", "content", "-o", str(report))
    assert "YEP" in report.read_text() and "\x1b[" not in report.read_text()
    run("check", "content", "-o", str(report), "--color", "always")
    assert "\x1b[" in report.read_text()  # asked for


def test_statistics_and_quiet(site: Path) -> None:
    (site / "content/note.md").write_text("## Tot slot:\n\n## Werkwijze.\n", encoding="utf-8")
    code, out = run("check", "content", "--statistics", "--quiet", "--color", "never")
    assert code == 0
    assert out == (  # the table replaces the list
        "    2  YEP210  heading-trailing-punctuation\nFound 2 warnings in 1 of 1 file checked.\n"
    )
    (site / "content/kop.md").write_text("##Kop\n", encoding="utf-8")
    code, out = run("check", "content", "--statistics", "--color", "never")
    assert out == (
        "    2  YEP210  heading-trailing-punctuation\n"
        "    1  YEP201  no-space-after-hash           [*]\n"
        "Found 1 error and 2 warnings in 2 of 2 files checked. 1 fixable with `--fix`.\n"
    )
    code, out = run("check", "content", "--severity", "error", "--format", "concise")
    assert (code, out) == (
        1,
        "content/kop.md:1:1: YEP201 [*] no space after `##`: this line is a paragraph, not a"
        " heading\n",
    )


def test_invalid_json_schema_is_config_error(site: Path) -> None:
    (site / "bad.json").write_text('{"type": 12}')
    (site / "yeplint.toml").write_text('[[collections]]\nglob = "**/*.md"\nschema = "bad.json"\n')
    (site / "content/a.md").write_text("---\ntitle: x\n---\n")
    code, out = run("check", "content")
    assert code == 2
    assert "bad.json: invalid JSON Schema: 12 is not valid" in out


def test_collections_found_when_run_inside_a_collection_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()  # the project is the git work tree
    blog = tmp_path / "content" / "blog"
    blog.mkdir(parents=True)
    (blog / "post.nl.md").write_text("---\ntitle: Netwerken\n---\n")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (blog / "other.md").write_text("![Logo van Yep](/logo.png)\n")
    for folder in ("trainingen", "coaching"):  # the Yep site's signature: its preset applies
        (tmp_path / "content" / folder).mkdir()
        (tmp_path / "content" / folder / "page.nl.md").write_text("# Kop\n")
    monkeypatch.chdir(blog)
    code, out = run("check", ".", "--format", "concise", "--select", "YEP102,YEP301")
    assert code == 1
    announcement, *lines = out.splitlines()
    assert announcement.startswith("yeplint: ../ looks like the ")  # from the working folder
    # The blog schema applies (its globs see content/blog/ from the project root), and
    # /logo.png is found in the project's static/ folder: no YEP301.
    assert lines == [
        f"post.nl.md:3:1: YEP102 missing required key `{key}`"
        for key in ("categories", "date", "english_title", "img", "intro")
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'select = ["\xff"]\n', "cannot read config: not UTF-8"),
        (b"[tool\n", "cannot read config: Expected ']'"),
    ],
)
def test_unreadable_config_is_usage_error(site: Path, data: bytes, message: str) -> None:
    (site / "yeplint.toml").write_bytes(data)
    code, out = run("check", "content")
    assert code == 2
    assert message in out and "Traceback" not in out


def test_config_with_bom_is_read(site: Path) -> None:
    (site / "yeplint.toml").write_bytes(b'\xef\xbb\xbfignore = ["YEP210"]\n')
    (site / "content/note.md").write_text(WARN_ONLY, encoding="utf-8")
    assert run("check", "content", "--format", "concise") == (0, "")


def test_unexpected_error_is_one_line_and_exit_2(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yeplint.site.discovery

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(yeplint.site.discovery, "discover", broken)
    code, out = run("check", "content")
    assert code == 2
    assert out == (
        "yeplint: error: internal error: RuntimeError: kapot (--debug shows the traceback)\n"
    )


def test_progress_bar_goes_to_stderr_on_a_terminal(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    for i in range(210):
        (site / "content" / f"p{i:03d}.md").write_text("## Kop\n")
    script = (
        "import sys; sys.stderr.isatty = lambda: True\n"
        "from yeplint.cli import main\n"
        "main(['check', 'content', '--color', 'never', '--no-cache', '-j', '1'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout == "All checks passed (210 files checked).\n"  # nothing else on stdout
    assert "Checking" in done.stderr


def test_a_run_that_finds_no_file_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typo in the path or pages the include does not name must not pass CI silently."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.mdx").write_text("# Kop\n")
    result = CliRunner().invoke(main, ["check", "docs", "--isolated"])
    assert result.exit_code == 2
    assert result.output == (
        "yeplint: error: no Markdown files found under docs"
        " (include = ['*.md', '*.markdown']); nothing was checked\n"
    )


def test_show_files_lists_each_file_with_its_collection(site: Path) -> None:
    (site / "content" / "blog" / "post.nl.md").write_text("# Kop\n")
    (site / "content" / "blog" / "post.en.md").write_text("# Kop\n")
    (site / "content" / "note.md").write_text("# Kop\n")
    code, out = run("check", "content", "--show-files")
    assert code == 0
    assert out == (
        "content/blog/post.en.md\tblog-en\tblog-en\n"
        "content/blog/post.nl.md\tblog\tblog\n"
        "content/note.md\t-\t-\n"
    )


def test_shell_completion_as_documented() -> None:
    result = CliRunner().invoke(
        main, [], prog_name="yeplint", env={"_YEPLINT_COMPLETE": "bash_source"}
    )
    assert result.exit_code == 0 and "_yeplint_completion()" in result.output
    result = CliRunner().invoke(
        main,
        [],
        prog_name="yeplint",
        env={"_YEPLINT_COMPLETE": "bash_complete", "COMP_WORDS": "yeplint ch", "COMP_CWORD": "1"},
    )
    assert "plain,check" in result.output
