"""One post with N images and N headings: checks that no rule is quadratic.

Usage: python bench/many_refs.py [N]   (prints seconds per phase; never run by the tests)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from yeplint.config.settings import Settings
from yeplint.engine.linter import Linter, tune_gc
from yeplint.site.discovery import discover


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "blog").mkdir()
        (root / "blog" / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
        lines = ["---", "title: Veel", "---", ""]
        for i in range(count):
            lines += [
                f"## Kop {i}",
                "",
                f"![Foto {i}](./foto-{i % 50}.jpg) en ![Foto](foto.jpg)",
                "",
            ]
        post = root / "blog" / "veel.nl.md"
        post.write_text("\n".join(lines), encoding="utf-8")
        settings = Settings()
        linter = Linter(settings)
        tune_gc()  # as the CLI does
        start = time.perf_counter()
        result = linter.run(discover([post], settings, cwd=root))
        elapsed = time.perf_counter() - start
        size = post.stat().st_size / 1e6
        print(
            f"{count:,} headings + {2 * count:,} images ({size:.1f} MB): {elapsed:.3f} s, "
            f"{len(result.diagnostics):,} diagnostics"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
