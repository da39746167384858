"""A large tree of real pages: the Yep site copied until it holds N pages.

Usage: python bench/copy_site.py [--pages 50000] [--site ../shared/corpus/yep-site]
                                 [--out /tmp/yeplint-bench/yep-50000]

Every page of the site's ``content/`` is copied beside itself (``naam-17.nl.md`` next to
``naam.nl.md``), so each copy's relative image references, its collection and its language
stay what they were; ``static/`` is linked once. Then run, for example:

    /usr/bin/time -v yeplint check --no-cache content    # in --out: peak RSS of the parent
    python bench/run.py ... (generated posts)             # the whole process tree's RSS

or ``python bench/copy_site.py --measure``, which prints the wall time and the peak RSS of
the whole process tree (sampled as bench/run.py does) cold and warm. Never run by the tests.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Tool

HERE = Path(__file__).resolve().parent


def copy(site: Path, out: Path, pages: int) -> int:
    originals = sorted((site / "content").rglob("*.md"))
    if not originals:
        sys.exit(f"no pages under {site / 'content'}")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(site / "content", out / "content")
    if (site / "static").exists():
        (out / "static").symlink_to((site / "static").resolve(), target_is_directory=True)
    written = len(originals)
    copy_number = 1
    while written < pages:
        for original in originals:
            if written >= pages:
                break
            relative = original.relative_to(site / "content")
            name = original.name
            stem, _, suffixes = name.partition(".")
            target = out / "content" / relative.parent / f"{stem}-{copy_number}.{suffixes}"
            target.write_bytes(original.read_bytes())
            written += 1
        copy_number += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--site", type=Path, default=HERE.parent.parent / "shared/corpus/yep-site")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--measure", action="store_true")
    args = parser.parse_args()
    out = args.out or Path(f"/tmp/yeplint-bench/yep-{args.pages}")
    if not (out / "content").exists():
        print(f"copying {args.site} to {out} until it has {args.pages:,} pages …", flush=True)
        copy(args.site, out, args.pages)
    if not args.measure:
        return
    command = [sys.executable, "-m", "yeplint", "check", "--format", "concise", "content"]
    shutil.rmtree(out / ".yeplint_cache", ignore_errors=True)
    for name, extra in (("cold", ["--no-cache"]), ("filling", []), ("warm", [])):
        tool = Tool(name, [*command, *extra], out)
        tool.run()
        print(
            f"{name:8} {tool.seconds[0]:7.2f} s   CPU {tool.cpu[0]:7.2f} s   "
            f"peak RSS {tool.rss_kb[0] / 1024:6.0f} MB"
        )
    subprocess.run(["du", "-sh", str(out / ".yeplint_cache")], check=False)


if __name__ == "__main__":
    main()
