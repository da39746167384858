"""What a branch costs on a cold run: ``yeplint check --no-cache --jobs 1`` on the nine sites of
../shared/corpus (no configuration: each site's generator is detected), this checkout against an
earlier commit, interleaved rounds, CPU seconds (user + system) summed over the sites.

Usage:
    python bench/commit_cost.py BASE [--rounds 7] [--work /tmp/yeplint-commit-cost]
    python bench/commit_cost.py BASE --tree /tmp/yeplint-bench/corpus-hugo-docs-5000 [--tree …]

``--tree DIR`` (repeatable) checks each given tree, with its own configuration, in place of the
nine sites, and prints each tree's medians (for the grown copies of ``run.py --corpus``).

CPU time rather than wall time: the machine is shared, and wall time moved by a factor of two
between rounds where CPU time moved by a tenth. The base commit's ``yeplint/`` and ``schemas/``
are taken with ``git archive`` and put first on ``PYTHONPATH``; the sites are copied once, so
that nothing either run writes (a cache, a configuration) changes what the other sees. Never
run by the tests.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SITES = {
    "yep-site": ".",
    "hugo-docs": ".",
    "jekyll-docs": "docs",
    "mkdocs-docs": ".",
    "zola-docs": "docs",
    "eleventy-site": ".",
    "docusaurus-site": ".",
    "vitepress-site": ".",
    "starlight-site": "docs",
}
"""Each site and the folder its generator's marker file is in."""


def extract(commit: str, into: Path) -> None:
    """The commit's ``yeplint/`` and ``schemas/`` under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "yeplint", "schemas"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    for catalog in (ROOT / "yeplint" / "locale").glob("*/LC_MESSAGES/*.mo"):
        target = into / catalog.relative_to(ROOT)
        if target.parent.is_dir() and not target.exists():
            shutil.copy(catalog, target)  # the build compiles them; the archive has none
    # compiled once, as the checkout is: with PYTHONDONTWRITEBYTECODE set (as on the shared
    # machine) every run of the base would otherwise compile all its modules (~90 ms a run)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into)], check=True)


def cpu(site: Path, python_path: str | None) -> float:
    """CPU seconds of one cold check of ``site``."""
    env = dict(os.environ)
    if python_path:
        env["PYTHONPATH"] = python_path
    command = [sys.executable, "-m", "yeplint", "check", "--no-cache", "--jobs", "1", "."]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=site, env=env, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the commit to compare with (a hash, a branch, HEAD~3)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/yeplint-commit-cost"))
    parser.add_argument("--tree", type=Path, action="append", help="check this tree instead")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    base, sites = args.work / "base", args.work / "sites"
    extract(args.base, base)
    if args.tree:
        trees(args.tree, str(base), args.rounds)
        return
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is not there")
    for name in SITES:
        shutil.copytree(CORPUS / name, sites / name, symlinks=True)
    runs: dict[str, list[float]] = {"base": [], "branch": []}
    for number in range(args.rounds):
        order = [("base", str(base)), ("branch", None)]
        for label, path in order if number % 2 == 0 else order[::-1]:
            runs[label].append(sum(cpu(sites / n / f, path) for n, f in SITES.items()))
    for label, values in runs.items():
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"{label}: {shown} (median {statistics.median(values):.2f} s CPU)")
    ratio = statistics.median(runs["branch"]) / statistics.median(runs["base"])
    print(f"branch / base: {ratio:.3f}")


def trees(folders: list[Path], base: str, rounds: int) -> None:
    """Each tree checked in place by the base and the branch, interleaved; per tree the median
    CPU seconds of each and their ratio."""
    runs: dict[Path, dict[str, list[float]]] = {f: {"base": [], "branch": []} for f in folders}
    for number in range(rounds):
        order = [("base", base), ("branch", None)]
        for folder in folders:
            for label, path in order if number % 2 == 0 else order[::-1]:
                runs[folder][label].append(cpu(folder, path))
    for folder, by_label in runs.items():
        old, new = (statistics.median(by_label[k]) for k in ("base", "branch"))
        print(f"{folder.name}: base {old:.2f} s CPU, branch {new:.2f} s (x{new / old:.3f})")


if __name__ == "__main__":
    main()
