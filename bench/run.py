"""Benchmark yeplint against the floor and its peers, interleaved, and print medians and ratios.

Usage:
    python bench/run.py [--sizes 1000,10000] [--rounds 3] [--work /tmp/yeplint-bench]
                        [--markdownlint PATH] [--pymarkdown PATH] [--rumdl PATH]
                        [--no-peers] [--corpus DIR [--pages N]]...

With ``--corpus DIR`` (repeatable) a real tree is measured instead of generated posts: it is
copied under ``--work`` (the original is never written to), each of its pages copied beside
itself until it has ``--pages`` pages when asked (``guide-2.md`` next to ``guide.md``, so
relative links and images hold), and ``yeplint init`` writes its configuration in the copy
unless it has one. Every tool checks the whole copy.

For each size a deterministic Yep-shaped corpus is generated (bench/gen_corpus.py) once under
``--work``. Each round runs every tool once, in turn (interleaved, so load and cache effects
spread evenly); the table shows medians. Tools:

- floor: a Python process that reads every Markdown file (the bytes alone);
- yeplint cold: ``yeplint check --no-cache`` (all rules, default jobs);
- yeplint warm: ``yeplint check`` with the cache filled by an untimed run;
- rumdl (Rust, ``rumdl`` on PyPI; ``--no-cache``), markdownlint-cli2 (npm) and PyMarkdown
  (``pymarkdownlnt`` on PyPI, front-matter extension on) running the three rules yeplint's
  heading and alt-text checks share with them: MD001, MD018, MD045 (each skipped when not
  found). yeplint runs all its rules.

Then the pre-commit case: 3 files, cold, against ``python -c pass`` and the peers. Each row
shows the median wall time and the median CPU time (user + system, the process and its
workers: on a shared machine the steadier of the two). Peak
memory is the whole process tree's: the sum over the process and its workers of their
proportional set size (pages shared after fork counted once), sampled every 5 ms from /proc,
and never less than the largest single process's peak RSS. Every ratio of issue 13's targets
is printed. Never run by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate
from markdownlint_agreement import CACHE

SHARED_RULES = ("MD001", "MD018", "MD045")
"""The rules every peer runs: heading levels, no space after hash, alt text."""
MARKDOWNLINT_CONFIG = {"config": {"default": False, **dict.fromkeys(SHARED_RULES, True)}}


@dataclass
class Tool:
    name: str
    command: list[str]
    cwd: Path
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User + system seconds of the process and the children it waited for."""
    rss_kb: list[int] = field(default_factory=list)

    def run(self) -> None:
        start = time.perf_counter()
        process = subprocess.Popen(
            self.command, cwd=self.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        peak = [0]
        sampler = threading.Thread(target=_sample, args=(process.pid, peak), daemon=True)
        sampler.start()
        _, _, usage = os.wait4(process.pid, 0)
        self.seconds.append(time.perf_counter() - start)
        self.cpu.append(usage.ru_utime + usage.ru_stime)
        sampler.join()
        self.rss_kb.append(max(peak[0], usage.ru_maxrss))

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def _tree_rss_kb(pid: int) -> int:
    """Memory of a process and all its descendants, from /proc (0 once it is gone): the sum
    of their proportional set sizes (PSS: a page shared by forked workers counts once, split
    between them), or of their resident sizes where the kernel has no smaps_rollup."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            try:
                rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
                key = "Pss:"
            except OSError:
                rollup, key = Path(f"/proc/{current}/status").read_text(), "VmRSS"
            total += next(
                (int(line.split()[1]) for line in rollup.splitlines() if line.startswith(key)),
                0,
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def _sample(pid: int, peak: list[int]) -> None:
    while Path(f"/proc/{pid}/status").exists():
        try:
            if "State:\tZ" in Path(f"/proc/{pid}/status").read_text():
                return
        except OSError:
            return
        peak[0] = max(peak[0], _tree_rss_kb(pid))
        time.sleep(0.005)


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
    (root / "yeplint.toml").write_text('preset = "yep-trainingen"\n')  # the Yep site's rules
    return root


PAGE_SUFFIXES = (".md", ".markdown", ".mdx")


def real_corpus(work: Path, source: Path, pages: int | None) -> tuple[Path, int]:
    """A copy of the tree at ``source`` under ``work``, grown to ``pages`` pages when asked,
    with a yeplint configuration (``yeplint init``'s, unless the tree has one): the folder
    and its number of pages."""
    root = work / f"corpus-{source.name}-{pages or 'as-is'}"
    if not root.exists():
        print(f"copying {source} to {root} …", flush=True)
        shutil.copytree(source, root, symlinks=True)
        originals = sorted(
            p
            for p in root.rglob("*")
            if p.suffix in PAGE_SUFFIXES and p.is_file() and "node_modules" not in p.parts
        )
        count, copy = len(originals), 1
        while pages and count < pages and originals:
            for original in originals:
                if count >= pages:
                    break
                stem, _, suffixes = original.name.partition(".")
                original.with_name(f"{stem}-{copy}.{suffixes}").write_bytes(original.read_bytes())
                count += 1
            copy += 1
        if not (root / "yeplint.toml").exists():
            subprocess.run(
                [sys.executable, "-m", "yeplint", "init"],
                cwd=root,
                capture_output=True,
                check=False,
            )
    (root / ".markdownlint-cli2.jsonc").write_text(json.dumps(MARKDOWNLINT_CONFIG))
    found = sum(
        1
        for p in root.rglob("*")
        if p.suffix in PAGE_SUFFIXES and "node_modules" not in p.parts and ".git" not in p.parts
    )
    return root, found


def tools_for(
    root: Path, args: argparse.Namespace, files: list[str] | None, tree: str = "content"
) -> list[Tool]:
    targets = files or [tree]
    python = sys.executable
    yeplint = [python, "-m", "yeplint", "check", "--format", "concise"]
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
    if args.peers and args.rumdl_path:
        rules = ",".join(SHARED_RULES)
        command = [args.rumdl_path, "check", "--isolated", "--no-cache", "--enable", rules]
        tools.append(Tool("rumdl", [*command, *targets], root))
    if args.peers and args.markdownlint_path:
        globs = files or ([f"{tree}/**/*.md"] if tree != "." else ["**/*.md", "#node_modules"])
        tools.append(Tool("markdownlint-cli2", [args.markdownlint_path, *globs], root))
    if args.peers and args.pymarkdown_path:
        command = [args.pymarkdown_path, "--enable-extensions", "front-matter", "scan"]
        tools.append(Tool("PyMarkdown", [*command, *(files or ["-r", "content"])], root))
    return tools


def chosen(tools: list[Tool], skip: str) -> list[Tool]:
    left_out = {name.strip().lower() for name in skip.split(",") if name.strip()}
    return [tool for tool in tools if tool.name.lower() not in left_out]


def report(title: str, tools: list[Tool], count: int) -> dict[str, float]:
    print(f"\n{title}")
    print(f"{'tool':22} {'median s':>9} {'CPU s':>7} {'files/s':>10} {'peak MB':>8}")
    medians = {}
    for tool in tools:
        medians[tool.name] = tool.median
        medians[f"{tool.name} CPU"] = tool.median_cpu
        print(
            f"{tool.name:22} {tool.median:9.3f} {tool.median_cpu:7.3f} "
            f"{count / tool.median:10,.0f} {max(tool.rss_kb) / 1024:8.0f}"
        )
    return medians


def ratios(medians: dict[str, float], pre_commit: bool) -> None:
    """Every ratio issue 13 sets a target for (the target in brackets)."""
    ours = medians["yeplint cold"]
    for peer in ("rumdl", "markdownlint-cli2", "PyMarkdown"):
        if peer in medians:
            if pre_commit:
                target = " [<= 0.3x]" if peer == "markdownlint-cli2" else ""
                print(f"  yeplint / {peer} wall time: {ours / medians[peer]:.2f}x{target}")
            elif peer == "rumdl":
                print(f"  yeplint / rumdl wall time: {ours / medians[peer]:.2f}x [<= 3.5x]")
                cpu = medians["yeplint cold CPU"] / medians["rumdl CPU"]
                print(f"  yeplint / rumdl CPU time: {cpu:.2f}x")
                if "yeplint warm" in medians:
                    warm = medians["yeplint warm"] / medians[peer]
                    print(f"  yeplint warm / rumdl cold wall time: {warm:.2f}x [< 1x]")
            else:
                target = " [>= 10x]" if peer == "markdownlint-cli2" else ""
                print(f"  yeplint throughput = {medians[peer] / ours:.1f}x {peer}'s{target}")
    if pre_commit:
        passed = medians["python -c pass"]
        print(f"  yeplint / python -c pass: {ours / passed:.1f}x [<= 8x]")
        cpu = medians["yeplint cold CPU"] / medians["python -c pass CPU"]
        print(f"  yeplint / python -c pass CPU time: {cpu:.1f}x")
    elif "yeplint warm" in medians:
        floor = medians["floor (read bytes)"]
        print(f"  warm / floor: {medians['yeplint warm'] / floor:.1f}x [<= 10x]")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/yeplint-bench"))
    parser.add_argument("--markdownlint")
    parser.add_argument("--pymarkdown")
    parser.add_argument("--rumdl")
    parser.add_argument("--no-peers", dest="peers", action="store_false")
    parser.add_argument("--skip", default="", help="tools to leave out, e.g. PyMarkdown")
    parser.add_argument(
        "--corpus", type=Path, action="append", default=[], help="a real tree (repeatable)"
    )
    parser.add_argument("--pages", type=int, help="with --corpus: grow each copy to N pages")
    args = parser.parse_args()
    args.markdownlint_path = find(
        args.markdownlint,
        "markdownlint-cli2",
        [
            args.work / "node_modules" / ".bin" / "markdownlint-cli2",
            *sorted(CACHE.glob("markdownlint-cli2-*/node_modules/.bin/markdownlint-cli2")),
        ],
    )
    args.pymarkdown_path = find(
        args.pymarkdown, "pymarkdown", [Path(sys.executable).parent / "pymarkdown"]
    )
    args.rumdl_path = find(args.rumdl, "rumdl", [Path(sys.executable).parent / "rumdl"])
    if args.peers and not args.rumdl_path:
        print("rumdl not found (pip install rumdl): skipped")
    if args.peers and not args.markdownlint_path:
        print("markdownlint-cli2 not found (npm install markdownlint-cli2): skipped")
    if args.peers and not args.pymarkdown_path:
        print("PyMarkdown not found (pip install pymarkdownlnt): skipped")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    compile_yeplint()
    if args.corpus:
        for source in args.corpus:
            root, count = real_corpus(args.work, source.resolve(), args.pages)
            tools = chosen(tools_for(root, args, None, "."), args.skip)
            warm = next((t for t in tools if t.name == "yeplint warm"), None)
            if warm:
                subprocess.run(warm.command, cwd=root, capture_output=True, check=False)
            for _ in range(args.rounds):
                for tool in tools:
                    tool.run()
            ratios(report(f"{source.name}: {count:,} pages", tools, count), pre_commit=False)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    for size in sizes:
        root = corpus(args.work, size)
        tools = chosen(tools_for(root, args, None), args.skip)
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
        print(
            f"\n{large:,} vs {small:,} posts: {grow:.2f}x the time for {large / small:.0f}x"
            f" [<= {large / small * 1.1:.1f}x]"
        )
    root = corpus(args.work, sizes[0])
    blog = sorted((root / "content" / "blog").glob("*.md"))[:2]
    team = sorted((root / "content" / "team").glob("*.md"))[:1]
    files = [str(p.relative_to(root)) for p in (*blog, *team)]
    tools = chosen(tools_for(root, args, files), args.skip)
    for _ in range(max(args.rounds, 5)):
        for tool in tools:
            tool.run()
    ratios(report("3 files (pre-commit), cold", tools, len(files)), pre_commit=True)


if __name__ == "__main__":
    main()
