"""Baselines: record today's problems, then fail only on new ones.

A problem is keyed by file, rule and message with line numbers masked (its fingerprint), plus
its occurrence among identical ones, so that editing a post above a problem does not turn it
into a new one, while a second copy of the same problem is new.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from yeplint import __version__
from yeplint.diagnostics import Diagnostic

VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read (exit 2)."""


def fingerprints(diagnostics: list[Diagnostic]) -> list[str]:
    seen: Counter[str] = Counter()
    result = []
    for d in diagnostics:
        result.append(d.fingerprint(seen[d.identity]))
        seen[d.identity] += 1
    return result


def write(path: Path, diagnostics: list[Diagnostic]) -> None:
    problems = [
        {"fingerprint": fp, "path": d.path, "code": d.code, "message": d.message}
        for d, fp in zip(diagnostics, fingerprints(diagnostics), strict=True)
    ]
    problems.sort(key=lambda p: (p["path"], p["code"], p["message"], p["fingerprint"]))
    document = {"version": VERSION, "generated_by": f"yeplint {__version__}", "problems": problems}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load(path: Path) -> frozenset[str]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise BaselineError(f"{path} is not a yeplint baseline (version {VERSION})")
    problems = document.get("problems", [])
    return frozenset(
        p["fingerprint"] for p in problems if isinstance(p, dict) and "fingerprint" in p
    )


def apply(diagnostics: list[Diagnostic], known: frozenset[str]) -> tuple[list[Diagnostic], int]:
    """The diagnostics not in the baseline, and how many were hidden."""
    kept = [
        d for d, fp in zip(diagnostics, fingerprints(diagnostics), strict=True) if fp not in known
    ]
    return kept, len(diagnostics) - len(kept)
