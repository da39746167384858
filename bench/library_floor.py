"""What the libraries alone cost per post: the floor under any linter built on this stack.

Usage: python bench/library_floor.py [CONTENT_DIR] [--limit N]

For each post of a generated tree (bench/gen_corpus.py; default /tmp/yeplint-bench/10000/content)
it times, one process, no yeplint code: reading the bytes, PyYAML's C loader composing the
front matter (yeplint needs the nodes, for positions), pyromark's ``events_with_range`` over
the body, jsonschema-rs validation against the collection's schema, and imagesize reading the
header of each image the post names.
It prints microseconds per post for each step, their sum, and the wall time that sum implies
for 10,000 posts on this machine's cores (no start-up, discovery, rules or reporting). Then
the import time of the same libraries in a fresh interpreter, against ``python -c pass``.
Never run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import imagesize
import jsonschema_rs
import pyromark
import yaml

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
IMAGE = re.compile(r"!\[[^\]]*\]\(\./([^)\s]+)\)")
STACK = "import click, jsonschema_rs, pyromark, yaml, imagesize"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("content", nargs="?", type=Path, default="/tmp/yeplint-bench/10000/content")
    parser.add_argument("--limit", type=int, default=3000)
    args = parser.parse_args()
    posts = sorted(args.content.rglob("*.md"))[: args.limit]
    if not posts:
        sys.exit(f"no posts under {args.content}: run bench/gen_corpus.py first")
    validators = {}
    for folder in {p.parent.name for p in posts}:
        schema = json.loads((SCHEMAS / f"{folder}.schema.json").read_text())
        validators[folder] = jsonschema_rs.validator_for(schema, validate_formats=True)
    md = pyromark.Markdown(options=pyromark.Options.ENABLE_TABLES)
    spent = dict.fromkeys(("read", "yaml", "markdown", "jsonschema", "imagesize"), 0.0)
    clock = time.perf_counter
    for post in posts:
        start = clock()
        text = post.read_bytes().decode("utf-8")
        spent["read"] += clock() - start
        _, front, body = text.split("---\n", 2) if text.startswith("---\n") else ("", "", text)
        start = clock()
        try:
            node = yaml.compose(front, Loader=yaml.CSafeLoader)
            data = _plain(node)
        except yaml.YAMLError:
            data = None
        spent["yaml"] += clock() - start
        start = clock()
        for _ in md.events_with_range(body):
            pass
        spent["markdown"] += clock() - start
        start = clock()
        if isinstance(data, dict):  # dates become strings, as JSON Schema needs
            instance = json.loads(json.dumps(data, default=str))
            list(validators[post.parent.name].iter_errors(instance))
        spent["jsonschema"] += clock() - start
        start = clock()
        for name in IMAGE.findall(body):
            try:
                with (post.parent / name).open("rb") as handle:
                    imagesize.get(BytesIO(handle.read(65536)))
            except (OSError, ValueError):
                pass
        spent["imagesize"] += clock() - start
    total = sum(spent.values()) / len(posts)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{len(posts):,} posts from {args.content}, one process")
    for step, seconds in spent.items():
        print(f"  {step:11} {seconds / len(posts) * 1e6:7.1f} µs/post")
    print(f"  {'sum':11} {total * 1e6:7.1f} µs/post")
    print(f"  10,000 posts on {cores} cores: at least {total * 10_000 / (cores or 1):.2f} s")
    pass_ms = _best([sys.executable, "-c", "pass"])
    stack_ms = _best([sys.executable, "-c", STACK])
    print(f"python -c pass {pass_ms:.1f} ms; importing the stack {stack_ms:.1f} ms", end="")
    print(f" ({stack_ms / pass_ms:.1f}x python -c pass)")


def _plain(node: yaml.Node | None) -> object:
    """The data of a composed node, scalars as text (yeplint resolves them itself)."""
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    return node.value if node is not None else None


def _best(command: list[str], rounds: int = 15) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, check=True)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


if __name__ == "__main__":
    main()
