"""What start-up costs: ``python -X importtime`` for the pre-commit case, grouped by owner.

Usage: python bench/startup.py [--rounds 9] [--work /tmp/yeplint-bench] [--cpu N [--base DIR]]

Runs ``yeplint check --no-cache`` on three generated posts (bench/gen_corpus.py, made under
``--work`` if missing) ``--rounds`` times in fresh interpreters, with bytecode compiled first,
and takes for every module its smallest self time over the rounds. Modules are grouped by who
brings them in (click, PyYAML, jsonschema-rs, pyromark, imagesize, yeplint itself, and the
standard library modules those pull in), printed as a table with ``python -c pass`` and the
wall time of the whole run beside it. With ``--cpu N``: the run's CPU time (user + sys of
the child) and ``python -c pass``'s, interleaved N times, medians and their ratio; ``--base DIR``
adds the same run of another checkout's ``yeplint`` package (``DIR/yeplint``, first on
``PYTHONPATH``, e.g. ``git archive COMMIT yeplint schemas | tar -x -C DIR``) in the same rounds,
and a row "stack alone": every module the run imports that is not yeplint's (click, PyYAML,
jsonschema-rs, the standard library, ``runpy`` for ``-m``) imported with no yeplint code, the
floor under the run. Never run by the tests.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_corpus import generate

LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
OWNERS = ("click", "yaml", "jsonschema_rs", "pyromark", "imagesize", "yeplint")


def _owner(chain: list[str]) -> str:
    """Who a module's import is charged to: the nearest of ``OWNERS`` on its import chain
    (itself first), ``"X: stdlib"`` for the standard library modules X pulls in, and the
    interpreter's own start-up when none."""
    name = chain[-1].split(".")[0]
    for outer in reversed(chain):
        top = outer.split(".")[0]
        if top in OWNERS:
            return top if top == name else f"{top}: stdlib"
    return "python start-up"


def measure(command: list[str], cwd: Path, rounds: int) -> tuple[dict[str, float], float]:
    best: dict[str, float] = {}
    owners: dict[str, str] = {}
    walls = []
    for _ in range(rounds):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-X", "importtime", *command],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )
        walls.append(time.perf_counter() - start)
        stack: list[tuple[int, str]] = []
        for line in done.stderr.splitlines():
            match = LINE.match(line)
            if not match:
                continue
            own, depth, name = int(match.group(1)), len(match.group(3)) // 2, match.group(4)
            # importtime prints children before their parent: collect, then resolve chains
            stack.append((depth, name))
            best[name] = min(best.get(name, own), own)
        chains: list[str] = []
        for depth, name in reversed(stack):  # parents come first when reversed
            del chains[depth:]
            chains.append(name)
            owners.setdefault(name, _owner(chains))
    grouped: dict[str, float] = defaultdict(float)
    for name, micros in best.items():
        grouped[owners.get(name, "stdlib")] += micros / 1000
    return grouped, min(walls) * 1000


def _cpu(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    """User + system CPU of one fresh interpreter running ``command``, in ms."""
    process = subprocess.Popen(
        [sys.executable, *command],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(process.pid, 0)
    return (usage.ru_utime + usage.ru_stime) * 1000


STACK_PROBE = """
import sys
before = set(sys.modules)
from yeplint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(",".join(m for m in sys.modules if m not in before and m.split(".")[0] != "yeplint"))
"""


def _stack(command: list[str], cwd: Path) -> str:
    """The modules the run imports besides yeplint's own, as one ``import`` statement."""
    args = command[command.index("yeplint") + 1 :]  # after ``-m yeplint``
    done = subprocess.run(
        [sys.executable, "-c", STACK_PROBE, *args], cwd=cwd, capture_output=True, text=True
    )
    modules = [m for m in done.stdout.strip().splitlines()[-1].split(",") if m != "__main__"]
    return "import runpy, " + ", ".join(modules)


def cpu_rounds(command: list[str], cwd: Path, rounds: int, base: Path | None) -> None:
    """The run (and ``base``'s) against ``python -c pass`` and the stack alone, interleaved,
    CPU medians."""
    runs: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "python -c pass": (["-c", "pass"], None),
        "stack alone": (["-c", _stack(command, cwd)], None),
        "yeplint": (command, None),
    }
    if base is not None:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(base / "yeplint")], check=True
        )
        base_env = {**os.environ, "PYTHONPATH": str(base)}
        runs["yeplint (base)"] = (command, base_env)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, (args, env) in runs.items():
            times[name].append(_cpu(args, cwd, env))
    bare = median(times["python -c pass"])
    for name, values in times.items():
        print(f"{name:16} {median(values):7.1f} ms CPU  {median(values) / bare:5.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--work", type=Path, default=Path("/tmp/yeplint-bench"))
    parser.add_argument("--cpu", type=int, default=0, help="interleaved CPU rounds instead")
    parser.add_argument("--base", type=Path, help="a checkout whose yeplint/ to compare (--cpu)")
    args = parser.parse_args()
    import yeplint

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(yeplint.__file__).parent)], check=True
    )
    root = args.work / "1000"
    if not (root / "content").exists():
        generate(root / "content", 1000)
    (root / "yeplint.toml").write_text('preset = "yep-trainingen"\n')  # the Yep site's rules
    blog = sorted((root / "content" / "blog").glob("*.md"))[:2]
    team = sorted((root / "content" / "team").glob("*.md"))[:1]
    files = [str(p.relative_to(root)) for p in (*blog, *team)]
    command = ["-m", "yeplint", "check", "--no-cache", "--format", "concise", *files]
    if args.cpu:
        cpu_rounds(command, root, args.cpu, args.base)
        return
    grouped, wall = measure(command, root, args.rounds)
    _, bare = measure(["-c", "pass"], root, args.rounds)
    print(
        f"3 files, cold: {wall:.0f} ms wall (best of {args.rounds}); python -c pass {bare:.0f} ms"
    )
    print(f"{'imported by':18} {'ms':>6}")
    for owner, ms in sorted(grouped.items(), key=lambda item: -item[1]):
        print(f"{owner:18} {ms:6.1f}")
    print(f"{'all imports':18} {sum(grouped.values()):6.1f}")


if __name__ == "__main__":
    main()
