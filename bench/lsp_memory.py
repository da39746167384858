"""Does the language server's memory stay flat while one page is edited?

Usage: python bench/lsp_memory.py [--lines 500] [--edits 1000] [--others 0]

Drives ``yeplint server`` over stdio with pygls's own client, as an editor does (the site and
the post of :mod:`lsp_latency`): the post is opened, then changed ``--edits`` times, each change
a new text (a counter in a paragraph, a heading fixed and broken again, a line added and taken
away), each awaited until its diagnostics arrive. With ``--others N`` another page is opened and
closed again after every N edits (a new file each time: what a closed buffer leaves behind).
Prints the server's resident memory (``VmRSS`` of ``/proc/PID/status``, Linux) at edit 0 and
at edits 100, 250, 500 and 1000 (those within ``--edits``), and its growth from edit 100 on
(the first edits still fill the one-off caches: imports, the compiled schemas, the catalogue).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lsp_latency import post, site

MARKS = (0, 100, 250, 500, 1000)


def rss_kib(pid: int) -> int:
    """The resident memory of process ``pid``, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def edited(text: str, number: int) -> str:
    """The ``number``-th version of the post: every edit a text the server has not seen."""
    changed = text.replace("Een alinea", f"Een alinea {number}", 1)
    if number % 3 == 0:
        changed = changed.replace("## Deel 1\n", "##Deel 1\n", 1)
    if number % 4 == 0:
        changed += f"\nNog een regel {number} met [een link](weg-{number}.md).\n"
    return changed


async def measure(
    root: Path, page: Path, text: str, edits: int, others: int
) -> list[tuple[int, int]]:
    client = LanguageClient("yeplint-bench", "1")
    arrived: asyncio.Queue[str] = asyncio.Queue()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        arrived.put_nowait(params.uri)

    async def until(uri: str) -> None:
        while await arrived.get() != uri:
            pass

    await client.start_io(sys.executable, "-m", "yeplint", "server")
    server = client._server  # pygls keeps the process here
    assert server is not None
    await client.initialize_async(
        lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri())
    )
    client.initialized(lsp.InitializedParams())
    uri = page.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 1, text))
    )
    await until(uri)
    found = [(0, rss_kib(server.pid))]
    for number in range(1, edits + 1):
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=number + 1, uri=uri),
                [lsp.TextDocumentContentChangeWholeDocument(edited(text, number))],
            )
        )
        await until(uri)
        if others and number % others == 0:
            other = page.with_name(f"ander-{number}.nl.md").as_uri()
            client.text_document_did_open(
                lsp.DidOpenTextDocumentParams(
                    lsp.TextDocumentItem(other, "markdown", 1, edited(text, -number))
                )
            )
            await until(other)
            client.text_document_did_close(
                lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(other))
            )
            await until(other)
        if number in MARKS:
            found.append((number, rss_kib(server.pid)))
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--others", type=int, default=0, help="open and close a page every N")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        page = site(root)
        text = post(args.lines)
        page.write_text(text)
        found = asyncio.run(measure(root, page, text, args.edits, args.others))
    for number, kib in found:
        print(f"edit {number:>5}: VmRSS {kib / 1024:7.1f} MB")
    settled = dict(found).get(100)
    last_number, last = found[-1]
    if settled is not None and last_number > 100:
        print(f"growth from edit 100 to {last_number}: {(last - settled) / 1024:+.1f} MB")


if __name__ == "__main__":
    main()
