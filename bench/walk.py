"""The Markdown walk alone: pyromark's own event stream against ``parse_body`` (the events
turned into the model the rules read), per page, on real trees; with ``--base``, the walk of an
earlier commit beside this one, checked to build the same model on every page. A paragraph's
lines are built when a rule first reads them; the last step reads them all (the worst case).

Usage:
    python bench/walk.py [DIR ...] [--rounds 5] [--base COMMIT]

Default trees: every site of ../shared/corpus and the examples. Each page is read and split as
the linter does (front matter off, MDX pages as MDX); the rounds are interleaved and the CPU
time (user + system) of each step is a median, in µs per page. ``--base`` loads the commit's
``yeplint/document/markdown.py`` (``git show``) as a module of its own, compares ``repr`` of
both models for every page (with and without MkDocs admonitions) and stops on the first
difference. Never run by the tests.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yeplint.document import markdown  # noqa: E402
from yeplint.document.post import load_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
Page = tuple[str, list[str], int, bool]
"""Path, body lines, the line the body starts after, whether it is MDX."""


def pages(trees: list[Path]) -> list[Page]:
    found: list[Page] = []
    for tree in trees:
        for path in sorted(tree.rglob("*")):
            if path.suffix.lower() not in (".md", ".markdown", ".mdx") or not path.is_file():
                continue
            if "node_modules" in path.parts:
                continue
            post = load_text(path, str(path), path.read_bytes())
            if post.binary:
                continue
            start = post.body_start_line - 1
            found.append((str(path), post.lines[start:], start, path.suffix.lower() == ".mdx"))
    return found


def base_module(commit: str) -> ModuleType:
    """The commit's ``document/markdown.py`` as a module named ``base_markdown``."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{commit}:yeplint/document/markdown.py"],
        capture_output=True,
        check=True,
    ).stdout
    folder = Path(tempfile.mkdtemp())
    (folder / "base_markdown.py").write_bytes(source)
    spec = importlib.util.spec_from_file_location("base_markdown", folder / "base_markdown.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["base_markdown"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def same_models(found: list[Page], base: ModuleType) -> None:
    for path, lines, offset, mdx in found:
        for admonitions in (False, True):
            before = repr(base.parse_body(list(lines), offset, mdx=mdx, admonitions=admonitions))
            after = repr(markdown.parse_body(list(lines), offset, mdx=mdx, admonitions=admonitions))
            if before != after:
                sys.exit(f"{path} (admonitions={admonitions}): the models differ")
    print(f"the same model on all {len(found):,} pages, with and without admonitions")


def cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--base", help="an earlier commit whose walk to compare with")
    args = parser.parse_args()
    trees = args.trees or [*sorted(p for p in CORPUS.iterdir() if p.is_dir()), ROOT / "examples"]
    found = pages(trees)
    print(f"{len(found):,} pages from {len(trees)} trees")
    texts = ["\n".join(lines) for _, lines, _, _ in found]
    parser_of = markdown._markdown(markdown.OPTIONS)

    def stream() -> None:
        for text in texts:
            for _ in parser_of.events_with_range(text):
                pass

    def walk(module: ModuleType) -> Callable[[], None]:
        def run() -> None:
            for _, lines, offset, mdx in found:
                module.parse_body(lines, offset, mdx=mdx)

        return run

    def walk_and_read() -> None:
        for _, lines, offset, mdx in found:
            for paragraph in markdown.parse_body(lines, offset, mdx=mdx).paragraphs:
                paragraph.plain_starts  # noqa: B018 (builds the lines a rule may ask for)

    steps: dict[str, Callable[[], None]] = {"pyromark's event stream": stream}
    if args.base:
        base = base_module(args.base)
        same_models(found, base)
        steps[f"parse_body at {args.base}"] = walk(base)
    steps["parse_body (this checkout)"] = walk(markdown)
    steps["… every paragraph's lines read"] = walk_and_read
    spent: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(args.rounds):
        for name, step in steps.items():
            began = cpu()
            step()
            spent[name].append((cpu() - began) / len(found) * 1e6)
    floor = statistics.median(spent["pyromark's event stream"])
    for name, values in spent.items():
        median = statistics.median(values)
        print(f"{name:32} {median:8.1f} µs/page  {median / floor:5.1f}x the stream")


if __name__ == "__main__":
    main()
