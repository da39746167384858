"""Benchmark yeplint against the floor and its peers, interleaved, and print medians and ratios.

Usage:
    python bench/run.py [--sizes 1000,10000] [--rounds 3] [--work /tmp/yeplint-bench]
                        [--markdownlint PATH] [--pymarkdown PATH] [--no-peers]

For each size a deterministic Yep-shaped corpus is generated (bench/gen_corpus.py) once under
``--work``. Each round runs every tool once, in turn (interleaved, so load and cache effects
spread evenly); the table shows medians. Tools:

- floor: a Python process that reads every Markdown file (the bytes alone);
- yeplint cold: ``yeplint check --no-cache`` (all rules, default jobs);
- yeplint warm: ``yeplint check`` with the cache filled by an untimed run;
- markdownlint-cli2: heading and alt-text rules only (npm; skipped when not found);
- PyMarkdown (``pymarkdownlnt`` from PyPI, front-matter extension on; skipped when not found).

Then the pre-commit case: 3 files, cold, against ``python -c pass`` and the peers.
Peak RSS is the child process's (with its waited-for workers). Never run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate

MARKDOWNLINT_CONFIG = {
    "config": {
        "default": False,
        **dict.fromkeys(("MD001", "MD018", "MD019", "MD020", "MD021", "MD023"), True),
        **dict.fromkeys(("MD025", "MD026", "MD036", "MD045"), True),
        "MD024": {"siblings_only": True},
    }
}


@dataclass
class Tool:
    name: str
    command: list[str]
    cwd: Path
    seconds: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    def run(self) -> None:
        start = time.perf_counter()
        process = subprocess.Popen(
            self.command, cwd=self.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, _, usage = os.wait4(process.pid, 0)
        self.seconds.append(time.perf_counter() - start)
        self.rss_kb.append(usage.ru_maxrss)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def find(explicit: str | None, name: str, fallbacks: list[Path]) -> str | None:
    if explicit:
        return explicit
    found = shutil.which(name)
    if found:
        return found
    return next((str(p) for p in fallbacks if p.exists()), None)


def compile_yeplint() -> None:
    """Write yeplint's bytecode once, as installing a wheel does. Where PYTHONDONTWRITEBYTECODE
    is set (this machine), an editable checkout would otherwise be compiled on every run."""
    import yeplint

    package = str(Path(yeplint.__file__).parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], check=True)


def corpus(work: Path, size: int) -> Path:
    root = work / str(size)
    content = root / "content"
    if not content.exists():
        print(f"generating {size:,} posts in {content} …", flush=True)
        generate(content, size)
    (root / ".markdownlint-cli2.jsonc").write_text(json.dumps(MARKDOWNLINT_CONFIG))
    return root


def tools_for(root: Path, args: argparse.Namespace, files: list[str] | None) -> list[Tool]:
    targets = files or ["content"]
    python = sys.executable
    yeplint = [python, "-m", "yeplint", "check", "--format", "concise", "--isolated"]
    floor = (
        "import pathlib,sys\n"
        "for a in sys.argv[1:]:\n"
        " p=pathlib.Path(a)\n"
        " for f in ([p] if p.is_file() else p.rglob('*.md')): f.read_bytes()\n"
    )
    tools = [
        Tool("floor (read bytes)", [python, "-c", floor, *targets], root),
        Tool("yeplint cold", [*yeplint, "--no-cache", *targets], root),
    ]
    if files is None:
        tools.append(Tool("yeplint warm", [*yeplint, *targets], root))
    else:
        tools.append(Tool("python -c pass", [python, "-c", "pass"], root))
    if args.peers and args.markdownlint_path:
        globs = files or ["content/**/*.md"]
        tools.append(Tool("markdownlint-cli2", [args.markdownlint_path, *globs], root))
    if args.peers and args.pymarkdown_path:
        command = [args.pymarkdown_path, "--enable-extensions", "front-matter", "scan"]
        tools.append(Tool("PyMarkdown", [*command, *(files or ["-r", "content"])], root))
    return tools


def report(title: str, tools: list[Tool], count: int) -> dict[str, float]:
    print(f"\n{title}")
    print(f"{'tool':22} {'median s':>9} {'files/s':>10} {'peak RSS MB':>12}")
    medians = {}
    for tool in tools:
        medians[tool.name] = tool.median
        print(
            f"{tool.name:22} {tool.median:9.3f} {count / tool.median:10,.0f} "
            f"{max(tool.rss_kb) / 1024:12.0f}"
        )
    return medians


def ratios(medians: dict[str, float], pre_commit: bool) -> None:
    ours = medians["yeplint cold"]
    for peer in ("markdownlint-cli2", "PyMarkdown"):
        if peer in medians:
            if pre_commit:
                print(f"  yeplint / {peer} wall time: {ours / medians[peer]:.2f}x")
            else:
                print(f"  yeplint throughput = {medians[peer] / ours:.1f}x {peer}'s")
    if pre_commit:
        print(f"  yeplint / python -c pass: {ours / medians['python -c pass']:.1f}x")
    elif "yeplint warm" in medians:
        floor = medians["floor (read bytes)"]
        print(f"  warm / floor: {medians['yeplint warm'] / floor:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/yeplint-bench"))
    parser.add_argument("--markdownlint")
    parser.add_argument("--pymarkdown")
    parser.add_argument("--no-peers", dest="peers", action="store_false")
    args = parser.parse_args()
    args.markdownlint_path = find(
        args.markdownlint,
        "markdownlint-cli2",
        [args.work / "node_modules" / ".bin" / "markdownlint-cli2"],
    )
    args.pymarkdown_path = find(
        args.pymarkdown, "pymarkdown", [Path(sys.executable).parent / "pymarkdown"]
    )
    if args.peers and not args.markdownlint_path:
        print("markdownlint-cli2 not found (npm install markdownlint-cli2): skipped")
    if args.peers and not args.pymarkdown_path:
        print("PyMarkdown not found (pip install pymarkdownlnt): skipped")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    compile_yeplint()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    for size in sizes:
        root = corpus(args.work, size)
        tools = tools_for(root, args, None)
        warm = next((t for t in tools if t.name == "yeplint warm"), None)
        if warm:
            subprocess.run(warm.command, cwd=root, capture_output=True, check=False)
        for _ in range(args.rounds):
            for tool in tools:
                tool.run()
        results[size] = report(f"{size:,} posts", tools, size)
        ratios(results[size], pre_commit=False)
    if len(sizes) > 1:
        small, large = sizes[-2], sizes[-1]
        grow = results[large]["yeplint cold"] / results[small]["yeplint cold"]
        print(f"\n{large:,} vs {small:,} posts: {grow:.2f}x the time for {large / small:.0f}x")
    root = corpus(args.work, sizes[0])
    blog = sorted((root / "content" / "blog").glob("*.md"))[:2]
    team = sorted((root / "content" / "team").glob("*.md"))[:1]
    files = [str(p.relative_to(root)) for p in (*blog, *team)]
    tools = tools_for(root, args, files)
    for _ in range(max(args.rounds, 5)):
        for tool in tools:
            tool.run()
    ratios(report("3 files (pre-commit), cold", tools, len(files)), pre_commit=True)


if __name__ == "__main__":
    main()
