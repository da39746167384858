"""Hostile input shapes at doubling sizes: every one must take time linear in its size.

Prints, per shape, the seconds for each size and each ratio to the previous size (about 2 for
linear, about 4 for quadratic; ``-`` where the smaller size took under 5 ms).
Run: ``python bench/hostile_shapes.py [--max-kb 512]``.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from yeplint.config.settings import Settings
from yeplint.engine.linter import Linter
from yeplint.site.discovery import discover


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: unit * (size // len(unit))


SHAPES: dict[str, Callable[[int], str]] = {
    "setext heading, inner spaces": lambda n: "a" + " " * n + "b\n===\n",
    "repeated <!--": _repeat("<!--"),
    "repeated <!-- on lines": _repeat("<!--\n"),
    "reference, unclosed title": lambda n: '[a]: /url "' + "x\n" * (n // 2),
    "reference, unclosed title, one line": lambda n: '[a]: /url "' + "x" * n,
    "runs of [": _repeat("["),
    "runs of *": _repeat("*a"),
    "nested >": lambda n: ">" * min(n, 100_000) + " a\n",
    "backticks": _repeat("`a``"),
    "##Kop lines": _repeat("##Kop\n"),
    "## Kop   ## closed": _repeat("## Kop" + " " * 50 + "##\n"),
    "<img tags": _repeat('<img src="a.png" alt="x">\n'),
    "yeplint-disable comments": _repeat("<!-- yeplint-disable YEP201 -->\n"),
    "YAML flow list": lambda n: "---\nk: [" + "a, " * (n // 3) + "]\n---\n",
    "links to one missing anchor": lambda n: "# Kop\n\n" + _repeat("[a](#nergens)\n")(n),
    "near-miss anchors, as many headings": lambda n: _near_misses(n // 30),
}


def _near_misses(count: int) -> str:
    """``count`` headings and as many links, each to an anchor one character off."""
    headings = "".join(f"## Kop {i}\n\n" for i in range(count))
    return headings + "".join(f"[a](#kop-{i}x)\n" for i in range(count))


def time_one(linter: Linter, root: Path, text: str) -> float:
    page = root / "p.md"
    page.write_text(text, encoding="utf-8")
    targets = discover([page], linter.settings, cwd=root)
    started = time.perf_counter()
    linter.run(targets)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-kb", type=int, default=512)
    parser.add_argument("--only", help="shapes whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        settings = replace(Settings(), root=root, max_file_size=4 * 1024 * 1024)
        linter = Linter(settings)
        sizes = []
        size = 32 * 1024
        while size <= args.max_kb * 1024:
            sizes.append(size)
            size *= 2
        header = "".join(f"{s // 1024:>8} KB" for s in sizes)
        print(f"{'shape':<38}{header}   ratio per doubling")
        for name, make in SHAPES.items():
            if args.only and args.only not in name:
                continue
            times = [time_one(linter, root, make(s)) for s in sizes]
            ratios = [b / a if a > 0.005 else None for a, b in itertools.pairwise(times)]
            worst = max((r for r in ratios if r is not None), default=0.0)
            row = "".join(f"{t:>10.3f} s" for t in times)
            shown = " ".join("-" if r is None else f"{r:.1f}" for r in ratios)
            print(f"{name:<38}{row}   {shown}" + ("  <- super-linear" if worst > 3 else ""))


if __name__ == "__main__":
    main()
