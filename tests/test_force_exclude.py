"""``--force-exclude``: a file named on the command line is excluded too when the
configuration's ``exclude`` matches it (pre-commit names every staged file); without it a file
named is checked, as ruff does. Only a run whose every named file is excluded ends well with
nothing checked: a path that is not there is still a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "yeplint.toml").write_text('exclude = ["content/drafts/"]\n')
    drafts = tmp_path / "content" / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "concept.nl.md").write_text("##Nog niet af\n")
    (tmp_path / "content" / "klaar.nl.md").write_text("## Klaar\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "concise", *args])
    return done.exit_code, done.stdout, done.stderr


def test_every_named_file_excluded_is_nothing_to_check(site: Path) -> None:
    code, out, err = _check("--force-exclude", "content/drafts/concept.nl.md")
    assert (code, out) == (0, "")
    assert err == (
        "yeplint: the file named is excluded by the configuration (`exclude`): nothing to check\n"
    )


def test_an_excluded_file_beside_a_checked_one_is_left_out(site: Path) -> None:
    code, out, _ = _check("--force-exclude", "content/drafts/concept.nl.md", "content/klaar.nl.md")
    assert (code, out) == (0, "")


def test_without_the_flag_a_named_file_is_checked(site: Path) -> None:
    code, out, _ = _check("content/drafts/concept.nl.md")
    assert code == 1
    assert out.startswith("content/drafts/concept.nl.md:1:1: YEP201")


def test_a_folder_that_is_not_there_is_still_a_usage_error(site: Path) -> None:
    code, _, err = _check("--force-exclude", "contnet/")
    assert code == 2
    assert "contnet" in err


@pytest.mark.parametrize("pattern", ["content/drafts", "drafts", "dr*", "./content/drafts/"])
def test_a_file_in_an_excluded_folder_is_excluded_too(site: Path, pattern: str) -> None:
    """The walk never enters a folder `exclude` names (with or without the trailing `/`), so
    pre-commit naming a page inside it must not check it either (ruff looks at every folder
    above a named file)."""
    (site / "yeplint.toml").write_text(f'exclude = ["{pattern}"]\n')
    assert _check("content/drafts/concept.nl.md")[0] == 1  # named without the flag: checked
    code, out, _ = _check("--force-exclude", "content/drafts/concept.nl.md", "content/klaar.nl.md")
    assert (code, out) == (0, "")
    code, out, err = _check("--force-exclude", "content/drafts")
    assert (code, out) == (0, "")
    assert "excluded by the configuration" in err
