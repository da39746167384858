"""Start-up stays light: a pre-commit run on a clean post imports only what it uses.

Each check runs in a fresh interpreter, since the test process has imported everything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "rich",
    "hashlib",
    "tomllib",
    "difflib",
    "PIL",
    "imagesize",
    "markdown_it",
    "jsonschema",
    "yeplint.engine.cache",
    "html.parser",
    "pygls",
    "lsprotocol",
)

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


@pytest.mark.parametrize(
    ("args", "text", "code", "expected"),
    [
        (("--no-cache",), CLEAN, "0", set()),
        (("--no-cache",), BROKEN, "1", set()),  # plain text needs no rich
        (("--no-cache", "--format", "gitlab"), CLEAN, "0", set()),
        (("--no-cache", "--format", "gitlab"), BROKEN, "1", {"hashlib"}),  # fingerprints
        ((), CLEAN, "0", {"hashlib", "yeplint.engine.cache"}),
        (("--no-cache", "--color", "always"), BROKEN, "1", {"rich"}),
    ],
)
def test_what_is_imported_is_what_is_used(
    tmp_path: Path, args: tuple[str, ...], text: str, code: str, expected: set[str]
) -> None:
    (tmp_path / "post.md").write_text(text)
    assert _imported(tmp_path, "check", "--isolated", *args, "post.md") == (code, expected)
