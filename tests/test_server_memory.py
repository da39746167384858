"""The language server keeps nothing per edit (issue 29: memory flat over 1,000 edits): what it
holds after 90 edits of one buffer is what it held after 30, counted in entries of every
container it can reach, not in bytes; and a closed buffer leaves nothing behind. The server
runs in this process, fed JSON-RPC bodies as its stdin loop feeds them (bench/lsp_memory.py
measures the resident memory of a real server process)."""

from __future__ import annotations

import asyncio
import gc
import json
import sys
import types
from collections import deque
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

from yeplint.server import main
from yeplint.server.app import YeplintServer, server
from yeplint.server.protocol import YeplintProtocol

from .test_server import PAGE, _site

assert main.FEATURES  # every handler registered, as `yeplint server` starts


class Sink:
    """The server's output, counted and dropped."""

    def __init__(self) -> None:
        self.written = 0

    def write(self, data: bytes) -> None:
        self.written += 1

    def close(self) -> None:
        pass


def _body(method: str, params: dict[str, Any], number: int | None = None) -> bytes:
    message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
    if number is not None:
        message["id"] = number
    return json.dumps(message).encode()


def _entries(roots: list[object]) -> int:
    """The entries of every dict, list, set, tuple and deque reachable from ``roots`` (not
    through modules or classes: what the program holds, not what it is)."""
    seen: set[int] = set()
    total = 0
    stack = list(roots)
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(
            item, type | types.ModuleType | types.FrameType | types.CodeType
        ):
            continue
        seen.add(id(item))
        if isinstance(item, dict | list | set | frozenset | tuple | deque):
            total += len(item)
        stack.extend(gc.get_referents(item))
    return total


class Session:
    """The one server of ``yeplint server``, initialized on a site, its output dropped."""

    def __init__(self, root: Path) -> None:
        self.server: YeplintServer = server
        protocol = server.protocol
        assert isinstance(protocol, YeplintProtocol)
        self.protocol = protocol
        self.sink = Sink()
        protocol.set_writer(self.sink)
        protocol.receive(_body("initialize", {"capabilities": {}, "rootUri": root.as_uri()}, 1))
        protocol.receive(_body("initialized", {}))

    async def open(self, page: Path, text: str) -> None:
        document = {"uri": page.as_uri(), "languageId": "markdown", "version": 1, "text": text}
        self.protocol.receive(_body("textDocument/didOpen", {"textDocument": document}))
        await asyncio.sleep(0)

    async def change(self, page: Path, text: str, version: int) -> None:
        params = {
            "textDocument": {"uri": page.as_uri(), "version": version},
            "contentChanges": [{"text": text}],
        }
        written = self.sink.written
        self.protocol.receive(_body("textDocument/didChange", params))
        await asyncio.sleep(0)  # the lint queued by the change runs
        assert self.sink.written == written + 1  # its diagnostics were published

    async def close(self, page: Path) -> None:
        params = {"textDocument": {"uri": page.as_uri()}}
        self.protocol.receive(_body("textDocument/didClose", params))
        await asyncio.sleep(0)

    def entries(self) -> int:
        gc.collect()
        modules = [vars(m) for n, m in sys.modules.items() if n.startswith(("yeplint", "pygls"))]
        return _entries([self.server, *modules])


@pytest.mark.asyncio
async def test_editing_one_buffer_grows_no_store(tmp_path: Path) -> None:
    """Each edit a new text (the same shape): the server's stores, the engine's, pygls's and
    every cache of yeplint's modules hold as many entries after 90 edits as after 30 (pygls
    kept the future of every notification, ~1.5 KB an edit, for good)."""
    page = _site(tmp_path) / "over-grenzen.nl.md"
    session = Session(tmp_path)
    await session.open(page, PAGE)
    counted = {}
    for version in range(2, 92):
        await session.change(page, PAGE.replace("Een foto", f"Een foto {version}"), version)
        if version in (31, 91):
            counted[version] = session.entries()
    assert counted[91] == counted[31]
    assert not session.protocol._request_futures
    assert list(session.server.linted) == [page.as_uri()]
    assert list(session.server.workspace.text_documents) == [page.as_uri()]


@pytest.mark.asyncio
async def test_a_closed_buffer_leaves_nothing_behind(tmp_path: Path) -> None:
    """Pages opened, linted and closed in turn (never saved): none of them is held by the
    server or its engines, its anchors among them (the disk's are the page's again)."""
    blog = _site(tmp_path)
    session = Session(tmp_path)
    kept = blog / "over-grenzen.nl.md"
    await session.open(kept, PAGE)
    closed = [blog / f"ander-{number}.nl.md" for number in range(20)]
    for page in closed:
        await session.open(page, PAGE.replace("Waarom", f"Waarom {page.stem}"))
        await session.close(page)
    uris = {page.as_uri() for page in closed}
    assert not uris & set(session.server.linted)
    assert not uris & set(session.server.workspace.text_documents)
    assert not session.server.pending
    assert not session.protocol._request_futures
    assert session.server.linters
    for linter in session.server.linters.values():
        site = linter.site
        for store in (site.anchors, site.templated, site.digests, site.preread):
            assert not set(closed) & set(store)
        assert not {f"content/blog/{page.name}" for page in closed} & set(site.collections)


@pytest.mark.asyncio
async def test_an_edited_buffer_gives_other_pages_its_new_anchors(tmp_path: Path) -> None:
    """The anchors other pages' links are checked against follow the buffer as it is edited,
    not its first version (each lint of a buffer forgets what the one before it left)."""
    page = _site(tmp_path) / "over-grenzen.nl.md"
    session = Session(tmp_path)
    await session.open(page, PAGE.replace("##Waarom grenzen?", "## Waarom grenzen?"))
    await session.change(page, PAGE.replace("##Waarom grenzen?", "## Daarom grenzen"), 2)
    anchors = [linter.site.anchors.get(page) for linter in session.server.linters.values()]
    known = [found for found in anchors if found is not None]
    assert known
    for found in known:
        assert "daarom-grenzen" in found
        assert "waarom-grenzen" not in found
