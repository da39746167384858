"""Baselines: record today's problems, then fail only on new ones.

A problem is keyed by its identity (file, rule, the source text it points at and the values its
message quotes: never the wording, so rewording or translating a message changes nothing), plus
its occurrence among identical ones, so that editing a post above a problem does not turn it
into a new one, while a second copy of the same problem is new. Version 1 files (keyed by the
message) are still read, and matched the way they were written.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from yeplint import __version__
from yeplint.diagnostics import Diagnostic

VERSION = 2
READ = (1, 2)


class BaselineError(Exception):
    """The baseline file cannot be read (exit 2)."""


def fingerprints(diagnostics: list[Diagnostic], *, legacy: bool = False) -> list[str]:
    seen: Counter[str] = Counter()
    result = []
    for d in diagnostics:
        identity = d.legacy_identity if legacy else d.identity
        result.append(d.fingerprint(seen[identity], legacy=legacy))
        seen[identity] += 1
    return result


@dataclass(frozen=True)
class Baseline:
    fingerprints: frozenset[str]
    version: int = VERSION


def write(path: Path, diagnostics: list[Diagnostic]) -> None:
    problems = [
        {"fingerprint": fp, "path": d.path, "code": d.code, "message": d.message}
        for d, fp in zip(diagnostics, fingerprints(diagnostics), strict=True)
    ]
    problems.sort(key=lambda p: (p["path"], p["code"], p["message"], p["fingerprint"]))
    document = {"version": VERSION, "generated_by": f"yeplint {__version__}", "problems": problems}
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load(path: Path) -> Baseline:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc}") from None
    version = document.get("version") if isinstance(document, dict) else None
    if not isinstance(document, dict) or version not in READ:
        raise BaselineError(f"{path} is not a yeplint baseline (version {VERSION})")
    problems = document.get("problems", [])
    found = frozenset(
        p["fingerprint"] for p in problems if isinstance(p, dict) and "fingerprint" in p
    )
    return Baseline(found, int(version))


def apply(diagnostics: list[Diagnostic], known: Baseline) -> tuple[list[Diagnostic], int]:
    """The diagnostics not in the baseline, and how many were hidden."""
    prints = fingerprints(diagnostics, legacy=known.version == 1)
    kept = [d for d, fp in zip(diagnostics, prints, strict=True) if fp not in known.fingerprints]
    return kept, len(diagnostics) - len(kept)
