"""Where yeplint's time goes, stage by stage, for one process checking a generated tree.

Usage: python bench/profile_stages.py [CONTENT_DIR] [--limit N]

Runs the real linter (all rules, no cache, one process) over the posts of a generated tree
(bench/gen_corpus.py; default /tmp/yeplint-bench/10000/content), with a timer around each
stage: reading, decoding and splitting into lines, YAML (compose and build the data), Markdown
(parse and extract the model), schema validation, image resolution and headers, each rule
family's own code, suppression comments, and reporting (the text a user sees, rendered once
at the end). Timers are exclusive: a rule that triggers the Markdown parse is not charged for
it. It prints microseconds per post and each stage's share of the total; anything of
yeplint's own above 20% is marked as a target. Never run by the tests.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from yeplint.config.load import preset_settings
from yeplint.document import post as document
from yeplint.engine import linter as engine
from yeplint.engine import suppress
from yeplint.rules import schema_check as schemas
from yeplint.rules.catalogue import all_rules
from yeplint.site import files as images
from yeplint.site.discovery import discover

LIBRARY = {"YAML", "Markdown", "schema", "read"}
"""Stages that are mostly a library's time (PyYAML, pyromark, jsonschema-rs, the OS)."""


class Stages:
    """Exclusive wall time per stage: entering a stage pauses the one it interrupts."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.stack: list[tuple[str, float]] = []

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.enter(stage)
            try:
                result = function(*args, **kwargs)
                if isinstance(result, Iterator):  # a rule: its work happens as it is consumed
                    result = list(result)
                return result
            finally:
                self.leave()

        return timed

    def enter(self, stage: str) -> None:
        now = time.perf_counter()
        if self.stack:
            outer, since = self.stack[-1]
            self.spent[outer] += now - since
        self.stack.append((stage, now))

    def leave(self) -> None:
        now = time.perf_counter()
        stage, since = self.stack.pop()
        self.spent[stage] += now - since
        if self.stack:
            outer, _ = self.stack[-1]
            self.stack[-1] = (outer, now)


def instrument(stages: Stages) -> None:
    """Put a timer around each stage's function where the engine calls it."""
    patches: list[tuple[Any, str, str]] = [
        (document, "parse_yaml", "YAML"),
        (document, "parse_body", "Markdown"),
        (document, "decode", "decode+split"),
        (document, "split_lines", "decode+split"),
        (schemas, "validate", "schema"),
        (images.ImageResolver, "resolve", "images"),
        (images.ImageResolver, "info", "images"),
        (suppress.Suppressions, "apply", "suppression"),
        (engine.Linter, "read", "read"),
    ]
    for owner, name, stage in patches:
        setattr(owner, name, stages.wrap(stage, getattr(owner, name)))
    from_post = suppress.Suppressions.from_post.__func__  # type: ignore[attr-defined]
    setattr(suppress.Suppressions, "from_post", classmethod(stages.wrap("suppression", from_post)))  # noqa: B010
    for rule in all_rules():
        object.__setattr__(rule, "check", stages.wrap(f"rules {rule.code[:4]}xx", rule.check))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("content", nargs="?", type=Path, default="/tmp/yeplint-bench/10000/content")
    parser.add_argument("--limit", type=int, default=10_000)
    args = parser.parse_args()
    if not args.content.is_dir():
        sys.exit(f"no tree at {args.content}: run bench/gen_corpus.py first")
    stages = Stages()
    instrument(stages)
    settings = replace(preset_settings("yep-trainingen"), root=args.content.parent)
    targets = discover([args.content], settings, cwd=args.content.parent)[: args.limit]
    linter = engine.Linter(settings)
    start = time.perf_counter()
    stages.enter("engine (rest)")
    result = linter.run(targets)
    stages.enter("reporting")
    from yeplint.report import ReportOptions
    from yeplint.report.text import report

    report(result, io.StringIO(), ReportOptions(color=False))
    stages.leave()
    stages.leave()
    total = time.perf_counter() - start
    count = len(targets)
    print(f"{count:,} posts from {args.content}, one process, all rules, no cache")
    print(f"{len(result.diagnostics):,} problems; {total:.2f} s, {total / count * 1e6:.0f} µs/post")
    print(f"{'stage':18} {'µs/post':>8} {'share':>7}")
    for stage, seconds in sorted(stages.spent.items(), key=lambda item: -item[1]):
        share = seconds / total
        mark = "  <- target (yeplint's own, > 20%)" if share > 0.2 and stage not in LIBRARY else ""
        print(f"{stage:18} {seconds / count * 1e6:8.1f} {share:7.1%}{mark}")


if __name__ == "__main__":
    main()
