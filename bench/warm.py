"""Warm runs (issue 29, item 4): ``yeplint check`` with nothing changed since the run that filled
the cache, this checkout against an earlier commit, beside rumdl's cold run of the same tree;
interleaved rounds, medians of wall and CPU seconds (user + system, workers included).

Usage:
    python bench/warm.py BASE TREE [TREE …] [--rounds 7] [--rumdl PATH] [--target .]

Each tree is checked in place, as ``run.py --corpus`` does (default jobs, ``--format concise``,
the whole tree); the base commit's ``yeplint/`` and ``schemas/`` come first on ``PYTHONPATH``
(:func:`commit_cost.extract`). The two keep separate cache files (the cache key holds the hash
of yeplint's own files); each fills its own with three untimed runs, 2 s apart (the first of
them also makes the cache's folder, which changes the root's stamp; stamps younger than 2 s
are not trusted, so the next run checks those pages again and stores their stamps). rumdl
runs MD001, MD018 and MD045 with ``--no-cache``, as in ``run.py``. Never run by the tests.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from commit_cost import extract


def timed(command: list[str], cwd: Path, python_path: str | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command``."""
    env = dict(os.environ)
    if python_path:
        env["PYTHONPATH"] = python_path
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the commit to compare with")
    parser.add_argument("trees", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--rumdl", default=shutil.which("rumdl"))
    parser.add_argument("--target", default=".")
    parser.add_argument("--work", type=Path, default=Path("/tmp/yeplint-warm"))
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    base = args.work / "base"
    extract(args.base, base)
    yeplint = [sys.executable, "-m", "yeplint", "check", "--format", "concise", args.target]
    tools: dict[str, tuple[list[str], str | None]] = {
        "base warm": (yeplint, str(base)),
        "branch warm": (yeplint, None),
    }
    if args.rumdl:
        rules = ["--enable", "MD001,MD018,MD045"]
        tools["rumdl cold"] = ([args.rumdl, "check", "--isolated", "--no-cache", *rules, "."], None)
    for tree in args.trees:
        for command, path in list(tools.values())[:2]:
            for _ in range(3):
                timed(command, tree, path)
                time.sleep(2)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in tools}
        for number in range(args.rounds):
            names = list(tools) if number % 2 == 0 else list(tools)[::-1]
            for name in names:
                command, path = tools[name]
                runs[name].append(timed(command, tree, path))
        print(f"{tree.name} ({args.rounds} rounds, medians):")
        medians = {}
        for name, values in runs.items():
            wall = statistics.median(v[0] for v in values)
            cpu = statistics.median(v[1] for v in values)
            medians[name] = wall, cpu
            print(f"  {name:12} wall {wall:6.2f} s  CPU {cpu:6.2f} s")
        if "rumdl cold" in medians:
            for name in ("base warm", "branch warm"):
                wall, cpu = (medians[name][i] / medians["rumdl cold"][i] for i in (0, 1))
                print(f"  {name} / rumdl cold: wall x{wall:.2f}, CPU x{cpu:.2f}")


if __name__ == "__main__":
    main()
