"""Compare yeplint's heading and alt-text rules with markdownlint on the rule fixtures.

Usage: python bench/markdownlint_diff.py [path/to/markdownlint-cli2]
(``npm install markdownlint-cli2`` somewhere first; default: ``markdownlint-cli2`` on PATH.)
Prints, per fixture, the ``line:col`` each tool reports; the deliberate differences are written
in the rules' docs (``yeplint rule CODE``). Never run by the tests.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from yeplint.config.load import preset_settings
from yeplint.engine.linter import Linter
from yeplint.site.discovery import discover

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
PEERS = {
    "YEP201": ("MD018", "MD020"),
    "YEP202": ("MD019",),
    "YEP203": ("MD020", "MD021"),
    "YEP204": ("MD023",),
    "YEP205": ("MD001",),
    "YEP207": ("MD024",),
    "YEP208": ("MD025",),
    "YEP209": ("MD036",),
    "YEP210": ("MD026",),
    "YEP302": ("MD045",),
}
CONFIG = {
    "config": {"default": False, "MD024": {"siblings_only": True}}
    | {rule: True for peers in PEERS.values() for rule in peers if rule != "MD024"}
}
_LINE = re.compile(r"^(?P<file>[^:]+):(?P<pos>\d+(?::\d+)?) (?:error )?(?P<rule>MD\d+)")


def markdownlint(binary: str, path: Path) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / ".markdownlint-cli2.jsonc"
        config.write_text(json.dumps(CONFIG))
        done = subprocess.run(
            [binary, "--config", str(config), path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    found = []
    for line in (done.stdout + done.stderr).splitlines():
        match = _LINE.match(line)
        if match:
            found.append(f"{match['pos']} {match['rule']}")
    return found


def main() -> None:
    binary = sys.argv[1] if len(sys.argv) > 1 else shutil.which("markdownlint-cli2")
    if not binary:
        print("markdownlint-cli2 not found; install it with npm and pass its path")
        return
    for code, peers in PEERS.items():
        settings = preset_settings("yep-trainingen")  # the fixtures are Yep-like pages
        linter = Linter(settings, select=[code])
        for path in sorted((FIXTURES / code).rglob("*.md")):
            theirs = [f for f in markdownlint(binary, path) if f.split()[1] in peers]
            ours = [
                f"{d.line}:{d.column} {d.code}"
                for d in linter.run(discover([path], settings, cwd=FIXTURES / code)).diagnostics
            ]
            print(f"{path.relative_to(FIXTURES)!s:40} markdownlint: {theirs}  yeplint: {ours}")


if __name__ == "__main__":
    main()
