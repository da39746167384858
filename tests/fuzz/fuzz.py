"""A mutation fuzzer over the document loader and every rule.

Usage: python tests/fuzz/fuzz.py [--seconds 60] [--seed 1]
Starts from the seed corpus beside this file, mutates bytes (flips, inserts Markdown and YAML
tokens, splices seeds together), lints each input with every rule, applies the fixes and lints
again, and reports any internal error, exception, or position outside the file. Prints how
many inputs it tried.
Never run by the test suite (tests/test_properties.py runs the same checks with hypothesis).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from yeplint.config.settings import Settings
from yeplint.engine.fix import fix_files
from yeplint.engine.linter import Linter
from yeplint.site.discovery import discover

CORPUS = Path(__file__).parent / "corpus"
TOKENS = [
    b"---\n",
    b"+++\n",
    b"\r\n",
    b"\r",
    b"\n",
    b"#",
    b"##",
    b"###### ",
    b"![",
    b"](",
    b")",
    b"[",
    b"]",
    b"<img src=",
    b'alt="',
    b">",
    b"<!--",
    b"-->",
    b"`",
    b"```\n",
    b"*",
    b"**",
    b"_",
    b"> ",
    b"- ",
    b"1. ",
    b"    ",
    b"\t",
    b": ",
    b"'",
    b'"',
    b"&a ",
    b"*a",
    b"!!python/",
    b"!tag ",
    b"? ",
    b"{",
    b"}",
    b"|\n",
    b">-\n",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xe9",
    b"%20",
    b"../",
    b"\\",
    b"yeplint-disable ",
    b"yeplint: disable-line",
    b"title:",
    b"img:",
    b"date: 2024-02-30",
    b"=====\n",
    b"| a |\n|---|\n",
    b"\\#",
    b"&#35;",
    "é".encode(),
    b"{a: 1}",
    b"[x, y]",
    b"- {",
    b"<<: *",
    b"&x ",
    b"!!int ",
    b"!!binary ",
    b"~",
    b"1e3",
    b".inf",
    b"0x1F",
    b"categories:\n  - ",
    b"volgnummer: '3'\n",
    b"alt: \n",
]


def mutate(
    rng: random.Random,
    data: bytes,
    seeds: list[bytes],
    tokens: Sequence[bytes] = TOKENS,
    rounds: int = 8,
) -> bytes:
    """``data`` with 1 to ``rounds`` random edits: a token inserted or repeated, bytes cut or
    changed, the tail of another seed spliced in."""
    for _ in range(rng.randint(1, rounds)):
        choice = rng.random()
        pos = rng.randint(0, len(data)) if data else 0
        if choice < 0.45:
            data = data[:pos] + rng.choice(tokens) + data[pos:]
        elif choice < 0.65 and data:
            end = min(len(data), pos + rng.randint(1, 16))
            data = data[:pos] + data[end:]
        elif choice < 0.8 and data:
            index = rng.randrange(len(data))
            data = data[:index] + bytes([rng.randrange(256)]) + data[index + 1 :]
        elif choice < 0.9:
            other = rng.choice(seeds)
            cut = rng.randint(0, len(other))
            data = data[:pos] + other[cut:]
        else:
            data = data[:pos] + rng.choice(tokens) * rng.randint(2, 200) + data[pos:]
    return data


def check(linter: Linter, root: Path, data: bytes) -> str | None:
    page = root / "blog" / "post.nl.md"
    page.write_bytes(data)
    try:
        result = linter.run(discover([page], linter.settings, cwd=root))
    except Exception:
        return traceback.format_exc()
    if result.internal_errors:
        return result.tracebacks[0]
    lines = len(data.splitlines()) + 2
    for d in result.diagnostics:
        if not (1 <= d.line <= lines and d.column >= 1 and d.end_line >= d.line):
            return f"position out of range: {d}"
    try:  # the fixes verify and apply, and the fixed file lints cleanly too
        fixed = fix_files(result.diagnostics, result.files, linter.lint_bytes, unsafe=True)
        again = linter.run(discover([page], linter.settings, cwd=root))
    except Exception:
        return traceback.format_exc()
    if fixed.refused:
        return f"fix refused: {fixed.refused[0].message}"
    return again.tracebacks[0] if again.internal_errors else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seeds = [p.read_bytes() for p in sorted(CORPUS.glob("*.md"))]
    tried = crashes = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "blog").mkdir()
        (root / "blog" / "y.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        linter = Linter(Settings())
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline:
            data = mutate(rng, rng.choice(seeds), seeds)
            tried += 1
            failure = check(linter, root, data)
            if failure:
                crashes += 1
                out = Path(f"crash-{args.seed}-{tried}.md")
                out.write_bytes(data)
                print(f"crash #{crashes} saved to {out}:\n{failure}")
    print(f"{tried:,} inputs tried in {args.seconds:.0f} s (seed {args.seed}), {crashes} crashes")


if __name__ == "__main__":
    main()
