"""Build every oracle site with its generator and print how far yeplint agrees with the build.

Usage: python bench/oracle/run.py [--shared] [--install] [--show N] [NAME ...]

NAME is a folder of tests/oracle_sites (the generator's name); ``--shared`` builds the sites of
../shared/corpus that build offline instead (NAME then a folder of it: ``hugo-docs``), each
from a copy in a temporary folder (``oracle/shared.py`` says what the copy changes);
``--install`` first installs the Node generators (npm, pinned) into the tools folder, with
``--shared`` what the shared sites build with (pip, apt). A generator that is absent is skipped
with a line saying so.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/: `oracle` is a package

from oracle import yeplint_side
from oracle.builders import BUILDERS, NOT_BUILT, NPM, Builder, BuildError, install
from oracle.compare import Agreement, compare
from oracle.output import read
from oracle.shared import SHARED, Shared
from oracle.shared import install as install_shared

HERE = Path(__file__).resolve().parents[2]
SITES = HERE / "tests" / "oracle_sites"
SHARED_CORPUS = HERE.parent / "shared" / "corpus"


@dataclass(frozen=True)
class Site:
    name: str
    path: Path
    builder: Builder


def oracle_sites() -> list[Site]:
    return [
        Site(p.name, p, BUILDERS[p.name])
        for p in sorted(SITES.iterdir())
        if p.is_dir() and p.name in BUILDERS
    ]


def check(site: Site, work: Path) -> Agreement:
    """Build ``site`` in ``work`` and compare the output with yeplint's conclusions."""
    out = site.builder.build(site.path, work)
    output = read(out, site.builder.region)
    return compare(
        site.name,
        yeplint_side.pages(site.path),
        yeplint_side.findings(site.path),
        output,
        site.path,
        base=site.builder.base,
        hosts=site.builder.hosts,
    )


def check_shared(shared: Shared, work: Path, corpus: Path = SHARED_CORPUS) -> Agreement:
    """Build a copy of the shared site in ``work`` and compare it with yeplint on the site
    itself (read only: no cache is written)."""
    site = corpus / shared.name / shared.folder
    builder = shared.builder
    out = builder.build(site, work, shared.prepare, ignore=(".yeplint_cache", ".git"))
    return compare(
        shared.name,
        yeplint_side.pages(site),
        yeplint_side.findings(site),
        read(out, builder.region),
        site,
        base=builder.base,
        hosts=builder.hosts,
    )


def table(results: list[Agreement]) -> str:
    rows = [
        "| site | pages | URLs right | findings confirmed / findings / missed"
        " | heading findings confirmed | other disagreements |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        other = sum(d.kind not in ("unconfirmed", "missed") for d in r.disagreements)
        rows.append(
            f"| {r.site} | {r.pages} | {r.urls_right}/{r.urls_known} |"
            f" {r.confirmed} / {r.findings} / {r.missed} |"
            f" {r.heading_confirmed}/{r.heading_findings} | {other} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*")
    parser.add_argument("--shared", action="store_true")
    parser.add_argument("--install", action="store_true")
    parser.add_argument("--show", type=int, default=50)
    args = parser.parse_args(argv)
    if args.shared:
        results = run_shared(args.names, args.install)
    else:
        results = run_oracle_sites(args.names, args.install)
    for result in results:
        print(f"\n## {result.site}")
        for disagreement in result.disagreements[: args.show]:
            print(f"- {disagreement}")
        if len(result.disagreements) > args.show:
            print(f"- ... {len(result.disagreements) - args.show} more (--show)")
        if result.not_compared:
            print(f"not compared: {dict(sorted(result.not_compared.items()))}")
    print()
    print(table(results))
    return 0


def run_oracle_sites(names: list[str], install_tools: bool) -> list[Agreement]:
    sites = [s for s in oracle_sites() if not names or s.name in names]
    if install_tools:
        install(sorted({s.builder.name for s in sites} & set(NPM)))
    results: list[Agreement] = []
    for name, why in NOT_BUILT.items():
        if not names or name in names:
            print(f"skipped {why}")
    for site in sites:
        missing = site.builder.available()
        if missing is not None:
            print(f"skipped {site.name}: {missing}")
            continue
        with tempfile.TemporaryDirectory(prefix=f"oracle-{site.name}-") as work:
            try:
                results.append(check(site, Path(work)))
            except BuildError as error:
                print(f"skipped {site.name}: {error}")
    return results


def run_shared(names: list[str], install_tools: bool) -> list[Agreement]:
    if install_tools:
        install_shared()
    results: list[Agreement] = []
    for shared in SHARED.values():
        if names and shared.name not in names:
            continue
        if not (SHARED_CORPUS / shared.name).is_dir():
            print(f"skipped {shared.name}: no {SHARED_CORPUS / shared.name}")
            continue
        missing = shared.available()
        if missing is not None:
            print(f"skipped {shared.name}: {missing} (--install)")
            continue
        print(f"{shared.name}: the copy built changes: {'; '.join(shared.changes)}")
        with tempfile.TemporaryDirectory(prefix=f"oracle-{shared.name}-") as work:
            try:
                results.append(check_shared(shared, Path(work)))
            except BuildError as error:
                print(f"skipped {shared.name}: {error}")
    return results


if __name__ == "__main__":
    sys.exit(main())
