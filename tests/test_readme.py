"""The README's first screen (issue 28): what yeplint is, how to install it today (from the
repository) and after a release (`pip install yeplint`), the two commands, and the Action;
everything else lives in docs/."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SCREEN = 60
"""Lines a reader sees before scrolling far: the README fits in them."""


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def test_the_readme_is_one_screen() -> None:
    assert len(README.splitlines()) <= SCREEN


def test_install_today_and_after_a_release() -> None:
    install = README.split("## Install", 1)[1].split("\n## ", 1)[0]
    assert "pip install -q -e ." in install and "pip install yeplint" in install


def test_the_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    command = next(line for line in ci if "pytest" in line)
    shell = [block.strip() for block in blocks("sh")]
    assert command in shell
    assert any(b.endswith(".venv/bin/yeplint check examples/content") for b in shell)


def test_the_action_is_shown() -> None:
    (step,) = blocks("yaml")
    assert "uses: <owner>/yeplint@<tag>" in step and "src: content" in step


def test_every_link_leads_to_a_file() -> None:
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        assert (ROOT / target).is_file(), target
