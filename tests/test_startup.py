"""Start-up stays light: a pre-commit run on a clean post imports only what it uses.

Each check runs in a fresh interpreter, since the test process has imported everything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("rich", "hashlib", "tomllib", "difflib", "PIL", "yeplint.cache", "html.parser")

PROBE = """
import sys
from yeplint.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(code, ",".join(m for m in {heavy!r} if m in sys.modules))
"""

CLEAN = """---
title: Teamgevoel
date: 2024-03-01
categories: [Leiderschap]
---

## Inleiding

Tekst zonder beelden.
"""


BROKEN = CLEAN.replace("## Inleiding", "##Inleiding")


def _imported(folder: Path, *args: str) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    code, _, modules = done.stdout.strip().splitlines()[-1].partition(" ")
    return code, set(filter(None, modules.split(",")))


def test_clean_run_without_cache_imports_nothing_heavy(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(CLEAN)
    code, modules = _imported(tmp_path, "check", "--isolated", "--no-cache", "post.md")
    assert (code, modules) == ("0", set())


def test_problems_in_plain_text_need_no_rich(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(BROKEN)
    code, modules = _imported(tmp_path, "check", "--isolated", "--no-cache", "post.md")
    assert (code, modules) == ("1", set())


@pytest.mark.parametrize(
    ("args", "text", "expected"),
    [
        (("--no-cache", "--format", "gitlab"), CLEAN, set()),
        (("--no-cache", "--format", "gitlab"), BROKEN, {"hashlib"}),  # fingerprints
        ((), CLEAN, {"hashlib", "yeplint.cache"}),
        (("--no-cache", "--color", "always"), BROKEN, {"rich"}),
    ],
)
def test_what_is_imported_is_what_is_used(
    tmp_path: Path, args: tuple[str, ...], text: str, expected: set[str]
) -> None:
    (tmp_path / "post.md").write_text(text)
    _, modules = _imported(tmp_path, "check", "--isolated", *args, "post.md")
    assert modules == expected
