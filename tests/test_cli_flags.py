"""The flags ruff and rumdl users type (issue 28, item 4), end to end through the CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from yeplint.cli import main

BROKEN = "##Kop\n\n![Foto](weg.jpg)\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "content" / "drafts").mkdir(parents=True)
    (tmp_path / "content" / "p.md").write_text(BROKEN)
    (tmp_path / "content" / "drafts" / "d.md").write_text(BROKEN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YEPLINT_OUTPUT_FORMAT", raising=False)
    monkeypatch.delenv("YEPLINT_CACHE_DIR", raising=False)
    return tmp_path


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, env=env)


def codes(result: Result) -> list[str]:
    return [" ".join(line.split()[:2]) for line in result.stdout.splitlines() if line]


def check(*args: str, **kwargs: str | None) -> Result:
    return run("check", "--no-cache", "--output-format", "concise", *args, **kwargs)  # type: ignore[arg-type]


def test_extend_select_adds_to_the_configuration(site: Path) -> None:
    (site / "yeplint.toml").write_text('select = ["YEP2"]\n')
    assert codes(check("content/p.md")) == ["content/p.md:1:1: YEP201"]
    assert codes(check("content/p.md", "--extend-select", "YEP301")) == [
        "content/p.md:1:1: YEP201",
        "content/p.md:3:1: YEP301",
    ]
    assert check("content/p.md", "--extend-select", "YEP999").exit_code == 2


def test_exclude_replaces_and_extend_exclude_adds(site: Path) -> None:
    (site / "yeplint.toml").write_text('exclude = ["content/p.md"]\nselect = ["YEP201"]\n')
    assert codes(check()) == ["content/drafts/d.md:1:1: YEP201"]
    assert codes(check("--exclude", "content/drafts/")) == ["content/p.md:1:1: YEP201"]
    assert check("--extend-exclude", "content/drafts/").exit_code == 2  # nothing left to check


def test_a_negated_exclude_is_rejected(site: Path) -> None:
    done = check("--exclude", "!content/p.md")
    assert done.exit_code == 2
    assert "`!` does not re-include files here" in done.stderr
    (site / "yeplint.toml").write_text('exclude = ["content/**", "!content/p.md"]\n')
    done = check()
    assert done.exit_code == 2
    assert "yeplint.toml: `exclude` pattern `!content/p.md`" in done.stderr


def test_per_file_ignores_from_the_command_line(site: Path) -> None:
    found = codes(check("--select", "YEP201", "--per-file-ignores", "content/drafts/**:YEP2"))
    assert found == ["content/p.md:1:1: YEP201"]
    done = check("--per-file-ignores", "content/drafts/**")
    assert done.exit_code == 2 and "GLOB:CODES" in done.stderr


def test_respect_gitignore_on_and_off(site: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    (site / ".gitignore").write_text("content/drafts/\n")
    found = codes(check("--select", "YEP201", "--respect-gitignore"))
    assert found == ["content/p.md:1:1: YEP201"]
    found = codes(check("--select", "YEP201", "--no-respect-gitignore"))
    assert found == ["content/drafts/d.md:1:1: YEP201", "content/p.md:1:1: YEP201"]


def test_the_cache_folder_from_a_flag_or_the_environment_and_clean(site: Path) -> None:
    elsewhere = site / "elders"
    run("check", "--cache-dir", str(elsewhere), "content/p.md")
    assert list(elsewhere.glob("*.sqlite")) and not (site / ".yeplint_cache").exists()
    run("check", "content/p.md", env={"YEPLINT_CACHE_DIR": str(site / "env-cache")})
    assert list((site / "env-cache").glob("*.sqlite"))
    assert run("clean", "--cache-dir", str(elsewhere)).exit_code == 0
    assert not elsewhere.exists()
    run("check", "content/p.md")
    assert (site / ".yeplint_cache").is_dir()
    done = run("clean")
    assert done.exit_code == 0 and not (site / ".yeplint_cache").exists()
    assert "no cache" in run("clean").stderr


def test_exit_non_zero_on_fix(site: Path) -> None:
    page = site / "content" / "p.md"
    page.write_text("##Kop\n")
    assert check("content/p.md", "--fix").exit_code == 0
    page.write_text("##Kop\n")
    assert check("content/p.md", "--fix", "--exit-non-zero-on-fix").exit_code == 1
    assert page.read_text() == "## Kop\n"
    assert check("content/p.md", "--fix", "--exit-non-zero-on-fix").exit_code == 0  # no change


def test_a_dash_reads_standard_input(site: Path) -> None:
    done = check("-", "--stdin-filename", "content/x.md", stdin="##Kop\n")
    assert codes(done) == ["content/x.md:1:1: YEP201"]
    assert codes(check("-", stdin="##Kop\n")) == ["stdin.md:1:1: YEP201"]
    assert check("-", "content/p.md", stdin="x").exit_code == 2


def test_the_output_format_from_the_environment(site: Path) -> None:
    done = run("check", "--no-cache", "content/p.md", env={"YEPLINT_OUTPUT_FORMAT": "json"})
    assert {d["code"] for d in json.loads(done.stdout)["diagnostics"]} >= {"YEP201", "YEP301"}


def test_baseline_writes_with_o_like_check(site: Path) -> None:
    done = run("baseline", "content/p.md", "-o", "base.json")
    assert done.exit_code == 0, done.output
    assert json.loads((site / "base.json").read_text())["version"] == 2


def test_verbose_says_what_ran(site: Path) -> None:
    done = check("content/p.md", "-v")
    assert "yeplint: configuration: no configuration file" in done.stderr
    assert "yeplint: 1 files checked with" in done.stderr


QUESTION = "# Vragen\n\n**Waarom?**\n\nDaarom.\n"


def test_inline_config_overrides_a_key_and_a_rule_option(site: Path) -> None:
    """ruff's `--config 'key = value'`: over the file's `select`, and into a rule's options
    by the dotted key the configuration file's table has."""
    (site / "yeplint.toml").write_text('select = ["YEP2"]\n')
    (site / "content" / "q.md").write_text(QUESTION)
    assert codes(check("content/q.md")) == []  # `?` ends a question, not a heading
    found = check("content/q.md", "--config", 'rule-options.YEP209.punctuation = "."')
    assert codes(found) == ["content/q.md:3:1: YEP209"]
    found = check(
        "content/p.md",
        "--config",
        'select = ["YEP301"]',
        "--config",
        "yeplint.toml",  # a file among them is the configuration file
    )
    assert codes(found) == ["content/p.md:3:1: YEP301"]


def test_inline_config_without_a_configuration_file(site: Path) -> None:
    done = check("--isolated", "content/p.md", "--config", "select = ['YEP301']")
    assert codes(done) == ["content/p.md:3:1: YEP301"]


@pytest.mark.parametrize(
    ("value", "told"),
    [
        ("max-file-size = 0", "--config `max-file-size = 0`: `max-file-size` must be a positive"),
        ("colour = 'red'", "--config `colour = 'red'`: unknown key `colour`"),
        ("no-such-file.toml", "`no-such-file.toml` is no file and no TOML `key = value` line"),
        ("content", "`content` is a folder, not a configuration file"),
        ("select = ['YEP999']", "--config `select = ['YEP999']`: `YEP999` is not a rule code"),
        (
            "rule-options.YEP209.nope = 1",
            "--config `rule-options.YEP209.nope = 1`: unknown option `rule-options.YEP209.nope`",
        ),
    ],
)
def test_a_bad_inline_config_is_a_usage_error(site: Path, value: str, told: str) -> None:
    done = check("content/p.md", "--config", value)
    assert done.exit_code == 2
    assert told in done.stderr


def test_two_configuration_files_are_a_usage_error(site: Path) -> None:
    (site / "yeplint.toml").write_text("")
    done = check("--config", "yeplint.toml", "--config", "yeplint.toml")
    assert done.exit_code == 2 and "--config names 2 configuration files" in done.stderr


def test_show_settings_names_an_inline_override(site: Path) -> None:
    (site / "yeplint.toml").write_text('select = ["YEP2"]\n')
    shown = run("check", "--show-settings", "--config", "max-image-width = 2000").stdout
    assert "max-image-width = 2000  # from --config" in shown.splitlines()
    assert 'select = ["YEP2"]  # from yeplint.toml' in shown.splitlines()


def test_inline_config_in_help_and_completion(site: Path) -> None:
    assert "--config FILE | 'KEY = VALUE'" in run("check", "--help").stdout
    env = {"_YEPLINT_COMPLETE": "bash_complete", "COMP_WORDS": "yeplint check --con"}
    done = CliRunner().invoke(main, [], env={**env, "COMP_CWORD": "2"}, prog_name="yeplint")
    assert "plain,--config" in done.stdout.splitlines()
    env["COMP_WORDS"] = "yeplint check --config yep"
    done = CliRunner().invoke(main, [], env={**env, "COMP_CWORD": "3"}, prog_name="yeplint")
    assert done.stdout.splitlines() == ["file,yep"]


@pytest.mark.parametrize(
    ("args", "stdin", "expected"),
    [
        (["content/p.md", "--diff"], None, 1),
        (["content/p.md", "--diff", "--exit-zero"], None, 0),
        (["-", "--diff"], "##Kop\n", 1),
        (["-", "--diff", "--exit-zero"], "##Kop\n", 0),
        (["-", "--fix"], BROKEN, 1),  # the image is still missing
        (["-", "--fix", "--exit-zero"], BROKEN, 0),
        (["-", "--fix"], "**Vet als kop**\n", 0),
        (["-", "--fix", "--warnings-as-errors"], "**Vet als kop**\n", 1),
        (["-", "--fix"], "##Kop\n", 0),
        (["-", "--fix", "--exit-non-zero-on-fix"], "##Kop\n", 1),
        (["-", "--fix", "--exit-non-zero-on-fix"], "## Kop\n", 0),
    ],
)
def test_the_exit_flags_hold_for_diff_and_fixing_standard_input(
    site: Path, args: list[str], stdin: str | None, expected: int
) -> None:
    """`--exit-zero`, `--warnings-as-errors` and `--exit-non-zero-on-fix` were ignored by
    `--diff` and by `--fix` on standard input, which exited on their own (ruff applies them
    to every mode)."""
    assert check(*args, stdin=stdin).exit_code == expected
    assert (site / "content" / "p.md").read_text() == BROKEN  # --diff writes nothing


def test_force_exclude_holds_for_standard_input(site: Path) -> None:
    """An editor lints its unsaved buffer through stdin with `--force-exclude`: a page the
    configuration excludes gets no problems, and `--fix` gives the text back unchanged (an
    empty answer would empty the buffer), as ruff does."""
    (site / "yeplint.toml").write_text('exclude = ["drafts"]\n')
    named = ("--stdin-filename", "content/drafts/x.md")
    done = check(*named, "--force-exclude", stdin="##Kop\n")
    assert (done.exit_code, done.stdout) == (0, "")
    assert "excluded by the configuration" in done.stderr
    done = check(*named, "--force-exclude", "--fix", stdin="##Kop\n")
    assert (done.exit_code, done.stdout) == (0, "##Kop\n")
    assert check(*named, "--fix", stdin="##Kop\n").stdout == "## Kop\n"  # without the flag
    assert check(*named, stdin="##Kop\n").exit_code == 1


@pytest.mark.parametrize(
    ("config", "args", "expected"),
    [
        # the command line's --extend-select outranks the configuration's ignore
        ('ignore = ["YEP201"]\n', ["--extend-select", "YEP201"], ["YEP201", "YEP301"]),
        ('select = ["YEP3"]\nignore = ["YEP301"]\n', ["--extend-select", "YEP2"], ["YEP201"]),
        # --select starts again: the configuration's ignore and extend-select no longer count
        ('ignore = ["YEP201"]\n', ["--select", "YEP2"], ["YEP201"]),
        ('extend-select = ["YEP301"]\nselect = ["YEP2"]\n', ["--select", "YEP201"], ["YEP201"]),
        # --ignore on top of the configuration, within the command line most specific wins
        ('select = ["YEP201"]\n', ["--ignore", "YEP2"], []),
        ("", ["--ignore", "YEP2", "--extend-select", "YEP201"], ["YEP201", "YEP301"]),
        ("", ["--select", "YEP201", "--ignore", "YEP2"], ["YEP201"]),
        ("", ["--select", "YEP2", "--ignore", "YEP201"], []),
    ],
)
def test_the_command_line_is_a_layer_above_the_configuration(
    site: Path, config: str, args: list[str], expected: list[str]
) -> None:
    """As in ruff: the configuration's selectors are resolved first, then the command line's;
    a rule named on the command line ran or not as the configuration's ignore said."""
    (site / "yeplint.toml").write_text(config)
    done = check("content/p.md", *args)
    assert done.exit_code in (0, 1), done.stderr
    shown = [line.split()[1] for line in done.stdout.splitlines()]
    assert [code for code in shown if code in ("YEP201", "YEP301")] == expected


@pytest.mark.parametrize(
    ("args", "told"),
    [
        (["--select", "YEP2O1"], "--select: `YEP2O1` is not a rule code, code prefix or rule "
         "name; did you mean `YEP201`?"),
        (["--ignore", "YEP3011"], "--ignore: `YEP3011` is not a rule code, code prefix or rule "
         "name; did you mean `YEP301`?"),
        (["--extend-select", "missing-imag"], "--extend-select: `missing-imag` is not a rule "
         "code, code prefix or rule name; did you mean `missing-image`?"),
        (["--per-file-ignores", "drafts/**:YEP3O1"], "--per-file-ignores: `YEP3O1` is not a "
         "rule code, code prefix or rule name; did you mean `YEP301`?"),
        (["--select", "nonsense"], "--select: `nonsense` is not a rule code, code prefix or rule "
         "name\n"),
    ],
)  # fmt: skip
def test_an_unknown_code_on_the_command_line_names_its_option_and_the_closest_rule(
    site: Path, args: list[str], told: str
) -> None:
    """The error used to say `configuration:` for --extend-select and --per-file-ignores
    (or point at a line of yeplint.toml that has no such code), with no "did you mean"."""
    (site / "yeplint.toml").write_text('select = ["YEP2"]\n')
    done = check("content/p.md", *args)
    assert done.exit_code == 2
    assert f"yeplint: error: {told}" in done.stderr


def test_an_unknown_code_in_the_configuration_and_yeplint_rule_suggest_the_closest(
    site: Path,
) -> None:
    (site / "yeplint.toml").write_text('ignore = ["missing-imag"]\n')
    done = check("content/p.md")
    assert done.exit_code == 2
    assert done.stderr.endswith("did you mean `missing-image`?\n")
    done = run("rule", "YEP2O1")
    assert (done.exit_code, done.stderr) == (
        2,
        "yeplint: error: no rule `YEP2O1`; did you mean `YEP201`?\n",
    )


def test_paths_beside_stdin_filename_are_said_to_be_ignored(site: Path) -> None:
    """`--stdin-filename` reads standard input; a path named beside it was silently skipped."""
    done = check("content/p.md", "--stdin-filename", "content/x.md", stdin="##Kop\n")
    assert codes(done) == ["content/x.md:1:1: YEP201"]
    assert "yeplint: ignoring content/p.md in favour of standard input\n" in done.stderr
