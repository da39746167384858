"""How fast the language server answers: start-up, and the time from an edit to its diagnostics.

Usage: python bench/lsp_latency.py [--lines 500] [--edits 60]

Drives ``yeplint server`` over stdio with pygls's own client, as an editor does: a site of the
Yep shape with one post of ``--lines`` lines (front matter, headings, paragraphs, images and
links, a few problems). Prints the start-up (process spawned until the ``initialize`` answer,
and until the first diagnostics of the opened post), and the per-edit latency (``didChange``
sent until ``publishDiagnostics`` received) with the server's default debounce (``--debounce MS``
sets one), median and 95th percentile; and, for scale, one ``yeplint check --stdin-filename``
process per edit.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient


def post(lines: int) -> str:
    head = [
        "---",
        "title: Grenzen stellen",
        "img: groep.jpg",
        "alt: Een groep",
        "date: 2024-01-05",
        "intro: Waar ligt jouw grens?",
        "categories:",
        "  - Effectiviteit",
        "english_title: Setting boundaries",
        "---",
        "",
    ]
    body: list[str] = []
    section = 0
    while len(head) + len(body) < lines:
        section += 1
        body += [
            f"## Deel {section}" if section % 7 else f"##Deel {section}",
            "",
            "Een alinea met **nadruk** en [een link](../trainingen/improviseren) naar een",
            "training, die over twee regels loopt en eindigt met een punt.",
            "",
            f"![Een foto van deel {section}](groep.jpg)" if section % 5 else "![](weg.jpg)",
            "",
        ]
    return "\n".join([*head, *body][:lines]) + "\n"


def site(root: Path) -> Path:
    for name in ("blog", "trainingen", "coaching"):
        (root / "content" / name).mkdir(parents=True)
    (root / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    (root / "content" / "trainingen" / "improviseren.nl.md").write_text("# Improviseren\n")
    from io import BytesIO

    try:
        from PIL import Image

        out = BytesIO()
        Image.new("RGB", (800, 600)).save(out, "JPEG")
        (root / "content" / "blog" / "groep.jpg").write_bytes(out.getvalue())
    except ImportError:  # a JPEG header is enough for the size check
        (root / "content" / "blog" / "groep.jpg").write_bytes(bytes.fromhex("ffd8ffe000104a464946"))
    return root / "content" / "blog" / "grenzen.nl.md"


@dataclass
class Measured:
    initialize: float
    first: float
    latencies: list[float]


async def measure(
    root: Path, page: Path, text: str, edits: int, debounce: float | None = None
) -> Measured:
    client = LanguageClient("yeplint-bench", "1")
    arrived: asyncio.Queue[float] = asyncio.Queue()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        if params.uri == page.as_uri():
            arrived.put_nowait(time.perf_counter())

    start = time.perf_counter()
    await client.start_io(sys.executable, "-m", "yeplint", "server")
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=root.as_uri(),
            initialization_options={} if debounce is None else {"debounce": debounce},
        )
    )
    initialized = time.perf_counter() - start
    client.initialized(lsp.InitializedParams())
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(page.as_uri(), "markdown", 1, text))
    )
    first = await arrived.get() - start
    latencies = []
    for version in range(2, edits + 2):
        changed = text.replace("Een alinea", f"Een alinea {version}", 1)
        sent = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=version, uri=page.as_uri()),
                [lsp.TextDocumentContentChangeWholeDocument(changed)],
            )
        )
        latencies.append(await arrived.get() - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return Measured(initialized, first, latencies)


def spawned(root: Path, page: Path, text: str) -> float:
    best = 1e9
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "yeplint", "check", "--no-cache", "--stdin-filename", str(page)],
            input=text.encode(),
            cwd=root,
            capture_output=True,
            check=False,
        )
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--edits", type=int, default=60)
    parser.add_argument("--debounce", type=float, help="milliseconds (default: the server's)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        page = site(root)
        text = post(args.lines)
        page.write_text(text)
        found = asyncio.run(measure(root, page, text, args.edits, args.debounce))
        latencies = sorted(found.latencies)
        median = statistics.median(latencies) * 1000
        p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
        once = spawned(root, page, text)
    print(
        f"start-up: initialize answered in {found.initialize * 1000:.0f} ms, "
        f"first diagnostics of the opened post in {found.first * 1000:.0f} ms"
    )
    print(
        f"per edit ({args.lines}-line post, {args.edits} edits, debounce "
        f"{'default' if args.debounce is None else f'{args.debounce:g} ms'}): "
        f"median {median:.1f} ms, p95 {p95:.1f} ms"
    )
    print(f"for scale, one `yeplint check --stdin-filename` process per edit: {once * 1000:.0f} ms")


if __name__ == "__main__":
    main()
