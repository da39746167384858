"""Screenshots of the documentation site as writers read it: on a laptop (1280 px) and on a
phone (390 px), taken with headless Chromium.

    python scripts/docs_screenshots.py [--out DIR] [PAGE ...]

builds the site with ``mkdocs build`` into a temporary folder, serves it on localhost and
writes ``<page>-<width>.png`` for each page (default: the getting-started page, the guide, the
rule list, two rule pages, the configuration reference and the CI page). Look at them: clipped
sample output, a copy button over text and words broken in the middle on a phone show only
there. Nothing is fetched: Chromium runs with its background networking, updates and sync off.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (1280, 390)
"""A laptop, and a phone (an iPhone 12 to 15's CSS width)."""
HEIGHT = 2400
"""Tall enough to show a rule page's example, fix and options without scrolling."""
PAGES = (
    "index",
    "guide",
    "rules",
    "rules/YEP201",
    "rules/YEP104",
    "configuration",
    "ci",
)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def chromium() -> str | None:
    """The Chromium (or Chrome) on ``PATH``, if any."""
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def build(site: Path) -> None:
    """The documentation site, built as ``mkdocs build --strict`` builds it."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
        timeout=300,
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not worth a line each."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """``site`` served on a free localhost port for the duration: its base URL."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def shoot(browser: str, url: str, png: Path, width: int, height: int = HEIGHT) -> None:
    """One screenshot of ``url`` in a ``width`` px wide window."""
    with tempfile.TemporaryDirectory(prefix="yeplint-chromium-") as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={png}",
                url,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def screenshots(out: Path, pages: Sequence[str] = PAGES, browser: str | None = None) -> list[Path]:
    """Build the site and take each page at each width into ``out``; the PNGs written."""
    browser = browser or chromium()
    if browser is None:
        raise SystemExit("docs_screenshots: no chromium on PATH (apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="yeplint-docs-") as folder:
        site = Path(folder) / "site"
        build(site)
        with serve(site) as base:
            for page in pages:
                url = base + ("" if page == "index" else page.strip("/") + "/")
                for width in WIDTHS:
                    png = out / f"{page.replace('/', '-')}-{width}.png"
                    shoot(browser, url, png, width)
                    written.append(png)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "yeplint-docs")
    parser.add_argument("pages", nargs="*", default=list(PAGES))
    args = parser.parse_args(argv)
    for png in screenshots(args.out, args.pages):
        print(png)


if __name__ == "__main__":
    main()
