"""What the site rules (URL map, links to other pages, orphans, translations) cost, and what a
warm run re-checks after one page is edited.

Usage: python bench/site_rules.py [--posts 2000] [--rounds 4] [--work /tmp/yeplint-bench]

Prints, for a generated site (bench/gen_corpus.py --site): the cold run in one process with and
without the site rules (best of N, interleaved; the ratio is what counts on a noisy machine), and
a warm run (cache on) after one page's text changed: how many files were linted again.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from gen_corpus import generate

from yeplint.cache import Cache
from yeplint.config import load_settings
from yeplint.discovery import Target, discover
from yeplint.engine import Linter, tune_gc

SITE_RULES = ["YEP401", "YEP404", "YEP501", "YEP502", "YEP503"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--work", type=Path, default=Path("/tmp/yeplint-bench"))
    args = parser.parse_args()
    root = args.work / f"site-{args.posts}"
    if not (root / "content").exists():
        generate(root / "content", args.posts, site=True)
    (root / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    settings = load_settings(config=root / "yeplint.toml")
    targets = discover([root / "content"], settings, cwd=root)
    tune_gc()  # as `yeplint check` does
    best: dict[str, float] = {}
    found: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, ignore in (("without", SITE_RULES), ("with", [])):
            linter = Linter(settings, ignore=ignore)
            start = time.perf_counter()
            result = linter.run(targets)
            best[name] = min(best.get(name, 1e9), time.perf_counter() - start)
            found[name] = len(result.diagnostics)
    ratio = best["with"] / best["without"] - 1
    print(
        f"{len(targets)} pages, cold: without site rules {best['without']:.2f} s, "
        f"with {best['with']:.2f} s ({ratio:+.1%}); site findings: "
        f"{found['with'] - found['without']}"
    )
    shutil.rmtree(root / ".yeplint_cache", ignore_errors=True)
    linted = warm_after_edit(settings, targets, root)
    print(f"warm after editing one page: {linted} of {len(targets)} files linted again")


def warm_after_edit(settings: object, targets: list[Target], root: Path) -> int:
    from yeplint.config import Settings

    assert isinstance(settings, Settings)

    def run() -> int:
        linter = Linter(settings)
        linter.cache = Cache.open(root, linter.cache_key())
        calls = 0
        original = linter._lint_post

        def counted(*args: object, **kwargs: object) -> object:
            nonlocal calls
            calls += 1
            return original(*args, **kwargs)  # type: ignore[arg-type]

        linter._lint_post = counted  # type: ignore[method-assign, assignment]
        linter.run(targets)
        linter.cache.save()
        linter.cache.close()
        return calls

    run()  # fills the cache
    page = next(t.path for t in targets if t.path.name.endswith(".nl.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nEen nieuwe zin.\n", encoding="utf-8")
    return run()


if __name__ == "__main__":
    main()
