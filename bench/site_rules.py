"""What the site rules (URL map, links to other pages, orphans, translations) cost, and what a
warm run re-checks after one page is edited.

Usage: python bench/site_rules.py [--posts 2000] [--rounds 4] [--work /tmp/yeplint-bench]

Prints, for a generated site (bench/gen_corpus.py --site): the cold run in one process with and
without the site rules (best of N, interleaved; the ratio is what counts on a noisy machine), the
site index alone (URL map, every page's anchors), and a warm run (cache on) after one page's
text changed and after one page was added: how many files were linted again.
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

from gen_corpus import generate

from yeplint.config.load import load_settings
from yeplint.engine.cache import Cache
from yeplint.engine.linter import Linter, tune_gc
from yeplint.site.discovery import Target, discover

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
    walk, anchors = index_cost(settings, root, targets, args.rounds)
    print(
        f"the index: URL map {walk:.3f} s, every page's anchors {anchors:.3f} s "
        f"({(walk + anchors) / best['without']:.1%} of the cold run without site rules)"
    )
    shutil.rmtree(root / ".yeplint_cache", ignore_errors=True)
    edited, added = warm_after_edit(settings, targets, root)
    print(f"warm after editing one page: {edited} of {len(targets)} files linted again")
    print(f"warm after adding one page that a broken link wanted: {added} files linted again")


def index_cost(
    settings: object, root: Path, targets: list[Target], rounds: int
) -> tuple[float, float]:
    """Best-of-``rounds`` seconds of the site index alone: the URL map (a walk of the tree and
    each page's URL) and the anchors of every page (timed on pages parsed beforehand, since
    the run parses each page anyway)."""
    from yeplint.config.settings import Settings
    from yeplint.document.post import load_text
    from yeplint.rules.links import known_anchors

    assert isinstance(settings, Settings)
    walk = anchors = 1e9
    for _ in range(rounds):
        start = time.perf_counter()
        Linter(settings).site_map(root)
        walk = min(walk, time.perf_counter() - start)
        spent = 0.0
        for at in range(0, len(targets), 500):  # parsed in chunks: bounded memory
            posts = [
                load_text(t.path, t.display, t.path.read_bytes(), settings.front_matter)
                for t in targets[at : at + 500]
            ]
            for post in posts:
                _ = post.body
            start = time.perf_counter()
            for post in posts:
                known_anchors(post)
            spent += time.perf_counter() - start
        anchors = min(anchors, spent)
    return walk, anchors


def warm_after_edit(settings: object, targets: list[Target], root: Path) -> tuple[int, int]:
    from yeplint.config.settings import Settings

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
    edited = run()
    wanted = _wanted_page(settings, targets, root)
    wanted.write_text("# Nieuw\n", encoding="utf-8")
    try:
        added = run()
    finally:
        wanted.unlink()
    return edited, added


def _wanted_page(settings: object, targets: list[Target], root: Path) -> Path:
    """Where a page would mend one broken link of the site: the file its URL names."""
    from yeplint.config.settings import Settings

    assert isinstance(settings, Settings)
    linter = Linter(settings, select=["YEP401"])
    result = linter.run(targets)
    for diagnostic in result.diagnostics:
        if "no page at `" in diagnostic.message:
            url = diagnostic.message.split("no page at `", 1)[1].split("`", 1)[0].strip("/")
            language = "nl"
            if url.startswith("en/"):
                language, url = "en", url[3:]
            folder, _, slug = url.rpartition("/")
            return root / "content" / folder / f"{slug}.{language}.md"
    raise SystemExit("the generated site has no broken page link")


if __name__ == "__main__":
    main()
