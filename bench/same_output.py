"""Does a change keep yeplint's findings byte for byte? The JSON report on the examples and on
every site of ../shared/corpus (no configuration, as a new user runs it), saved before a change
and compared after it.

    python bench/same_output.py save /tmp/before     # on the old code
    python bench/same_output.py compare /tmp/before  # on the new code: exit 1 on a difference

Each site is copied to a temporary folder first (a run never writes into ../shared) and checked
from its root with ``--no-cache``, in one process per site as a user runs it. Used for the
house move (issue 26), where behaviour must not change at all.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

TREES: dict[str, tuple[Path, str]] = {
    "examples": (ROOT / "examples", "content"),
    "yep-site": (CORPUS / "yep-site", "content"),
    "hugo-docs": (CORPUS / "hugo-docs", "content"),
    "jekyll-docs": (CORPUS / "jekyll-docs", "docs"),
    "mkdocs-docs": (CORPUS / "mkdocs-docs", "docs"),
    "zola-docs": (CORPUS / "zola-docs", "docs/content"),
    "eleventy-site": (CORPUS / "eleventy-site", "src"),
    "docusaurus-site": (CORPUS / "docusaurus-site", "."),
    "vitepress-site": (CORPUS / "vitepress-site", "src"),
    "starlight-site": (CORPUS / "starlight-site", "docs"),
}
"""Each tree: the folder copied, and the path checked inside it."""


def report(source: Path, checked: str) -> bytes:
    """The JSON report of ``yeplint check CHECKED`` run from a copy of ``source``."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / source.name
        shutil.copytree(source, copy, symlinks=True)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "yeplint",
                "check",
                checked,
                "--output-format",
                "json",
                "--no-cache",
                "--exit-zero",
            ],
            cwd=copy,
            capture_output=True,
            check=False,
        )
        return done.stdout + b"\n--- stderr ---\n" + done.stderr.replace(scratch.encode(), b"TMP")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("save", "compare"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    differ = 0
    for name, (source, checked) in TREES.items():
        if not source.is_dir():
            print(f"{name:16} absent")
            continue
        output = report(source, checked)
        saved = args.folder / f"{name}.json"
        if args.mode == "save":
            saved.write_bytes(output)
            print(f"{name:16} saved {len(output):,} bytes")
            continue
        same = saved.is_file() and saved.read_bytes() == output
        differ += not same
        print(f"{name:16} {'identical' if same else 'DIFFERENT'} ({len(output):,} bytes)")
        if not same:
            (args.folder / f"{name}.after.json").write_bytes(output)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
