"""What issue 30's site and image rules cost on the shared sites: two pages at one address
(YEP504, a pass over every page's front matter when the run ends) and images as served (YEP309
weight, YEP310 GPS in EXIF, YEP311 formats browsers do not show, from the header the image
rules read anyway).

Usage: python bench/served_rules.py [--rounds 5] [--corpus ../shared/corpus]

For each shared site, checked from the folder a user would run in with no configuration: the
cold run in one process (no cache) with and without those rules, best of N, interleaved, and
YEP504's pass alone (best of N, the site's walk done: the orphan check makes it anyway), then
the totals over the sites. On a machine shared with other work the two cold runs differ by
more than the rules cost, so the pass alone against the cold run is the steadier number. The
issue's budget: at most 5% slower.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from yeplint.config.load import load_settings
from yeplint.engine.linter import Linter, tune_gc
from yeplint.rules.duplicate_url import find_duplicates
from yeplint.site.discovery import discover
from yeplint.site.index import SiteIndex

NEW_RULES = ["YEP309", "YEP310", "YEP311", "YEP504"]
SITES = {
    "yep-site": "content",
    "hugo-docs": ".",
    "zola-docs/docs": ".",
    "mkdocs-docs": ".",
    "jekyll-docs/docs": ".",
    "eleventy-site": ".",
    "docusaurus-site": ".",
    "vitepress-site": ".",
    "starlight-site": ".",
}
"""Each site's folder a user runs `yeplint check` in, and what they check from there."""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    parser.add_argument("--corpus", type=Path, default=default)
    args = parser.parse_args()
    tune_gc()  # as `yeplint check` does
    totals = {"without": 0.0, "with": 0.0, "pass": 0.0}
    for name, checked in SITES.items():
        folder = args.corpus / name
        os.chdir(folder)
        paths = [folder / checked]
        settings = load_settings(start=folder, paths=paths)
        targets = discover(paths, settings, cwd=folder)
        best: dict[str, float] = {}
        found: dict[str, int] = {}
        for _ in range(args.rounds):
            for kind, ignore in (("without", NEW_RULES), ("with", [])):
                linter = Linter(settings, ignore=ignore)
                start = time.perf_counter()
                result = linter.run(targets)
                best[kind] = min(best.get(kind, 1e9), time.perf_counter() - start)
                found[kind] = len(result.diagnostics)
            site = SiteIndex(settings)
            for root in {settings.root or t.root for t in targets}:
                site.discovered(root)
            start = time.perf_counter()
            list(find_duplicates(targets, site))
            best["pass"] = min(best.get("pass", 1e9), time.perf_counter() - start)
        for kind in totals:
            totals[kind] += best[kind]
        ratio = best["with"] / best["without"] - 1
        print(
            f"{name}: {len(targets)} files, cold without {best['without']:.3f} s, "
            f"with {best['with']:.3f} s ({ratio:+.1%}); YEP504's pass {best['pass']:.3f} s "
            f"({best['pass'] / best['without']:.1%}); new findings: "
            f"{found['with'] - found['without']}"
        )
    ratio = totals["with"] / totals["without"] - 1
    print(
        f"all nine: without {totals['without']:.2f} s, with {totals['with']:.2f} s ({ratio:+.1%});"
        f" YEP504's pass {totals['pass']:.3f} s ({totals['pass'] / totals['without']:.1%})"
    )


if __name__ == "__main__":
    main()
