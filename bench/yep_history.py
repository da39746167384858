"""The Yep site's history of broken pages, as a table: each writer mistake of
tests/test_yep_history.py made on every page it applies to, in a fresh copy of
../shared/corpus/yep-site, and how yeplint with no configuration reports it.

    python bench/yep_history.py [NAME-SUBSTRING ...]

One row per mistake: how many of the pages got it reported with the right code at the right
line and column, the findings it should not have caused, and one finding's message and hint
(the first wanted one, else the first new one). Run it with another checkout's package first
on PYTHONPATH to see that checkout's row for the same mistakes.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.test_yep_history import CASES, Finding, fresh, lint, outcome


def main(filters: list[str]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        base = fresh(Path(temp) / "base")
        baseline: Counter[Finding] = Counter((str(d["path"]), str(d["code"])) for d in lint(base))
        print("| mistake | reported at its place | wrong extra | one finding (hint) |")
        print("|---|---|---|---|")
        for i, name in enumerate(CASES):
            if filters and not any(f in name for f in filters):
                continue
            result = outcome(name, fresh(Path(temp) / f"case{i}"), baseline)
            wanted = [w for w in result.wants if w.code]
            right = len(wanted) - len(result.missed)
            first = wanted[0] if wanted else None
            shown = next(
                (
                    d
                    for d in result.new
                    if first is not None
                    and (d["path"], d["line"], d["column"], d["code"])
                    == (first.path, first.line, first.column, first.code)
                ),
                result.new[0] if result.new else None,
            )
            sample = (
                f"{shown['code']} {shown['line']}:{shown['column']} {shown['message']} "
                f"({shown['hint']})"
                if shown
                else "-"
            )
            caught = f"{right}/{len(wanted)} {first.code}" if first else "silent (wanted)"
            print(f"| {name} | {caught} | {len(result.extra)} | {sample} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
