"""The JSON-RPC edge of the language server: frames read from stdin whatever their
Content-Length says, every request answered (wrong parameters, after `shutdown`, an unreadable
body), incremental changes applied on the file's own lines, and the editor's process watched."""

from __future__ import annotations

import json
import os
import re
import sys
import traceback
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import unquote

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from yeplint.document.source import line_starts
from yeplint.server.positions import from_utf16

if TYPE_CHECKING:
    pass


FRAME_STALL_SECONDS = 2.0
"""How long the rest of a message body may keep the server waiting. A client writes a frame
at once, so a body still short after this had a ``Content-Length`` too large."""


PARENT_POLL_SECONDS = 2.0
"""How often the server looks whether the editor that started it (``processId``) still runs."""


_CONTENT_LENGTH = re.compile(rb"Content-Length:[ \t]*(\d+)")


_HEADER = re.compile(rb"Content-Length:[ \t]*\d+[ \t]*\r\n(?:[^\r\n]+\r\n)*\r\n")


_HEADER_LIMIT = 65536
"""Bytes without a header's blank line after which what came is dropped: no header is this long."""


_REQUEST_ID = re.compile(rb'"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")')


_DECODER = json.JSONDecoder()
"""One decoder for every message: a new one per message left ~10 bytes behind each time (its C
scanner's allocations), for as long as the server ran."""


class Frames:
    """JSON-RPC frames (``Content-Length: n``, a blank line, ``n`` bytes of JSON) cut out of a
    byte stream, finding their feet again after a frame whose ``Content-Length`` is wrong.

    pygls reads exactly ``n`` bytes: a length too small leaves the rest of the body to be read
    as headers, one too large swallows the next frame and waits for bytes that never come, and
    either leaves the server alive and deaf. Here a body ends early where a complete header
    stands inside it (raw CR LF cannot occur in JSON, so that is the next frame), a body that
    stops arriving is taken as it is once the stream stalls, and text before a header is
    skipped. The body of a broken frame is still handed on: the protocol answers it with a
    parse error."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self._scanned = 0
        """Where the search for a header inside the pending body goes on."""

    def feed(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > _HEADER_LIMIT and b"\r\n\r\n" not in self.buffer:
            del self.buffer[: -len(b"Content-Length:")]

    @property
    def waiting(self) -> bool:
        """A header has been read and the rest of its body has not arrived."""
        return b"\r\n\r\n" in self.buffer

    def take(self, *, stalled: bool = False) -> Iterator[bytes]:
        """The bodies the buffer completes; with ``stalled``, also the part of a body that
        stopped arriving."""
        while (blank := self.buffer.find(b"\r\n\r\n")) >= 0:
            start = blank + 4
            lengths = list(_CONTENT_LENGTH.finditer(self.buffer, 0, blank))
            if not lengths:  # the rest of a body whose Content-Length was too small
                self._consume(start)
                continue
            end = start + int(lengths[-1][1])
            available = min(end, len(self.buffer))
            cut = self._next_header(start, available)
            if cut is None and end > available and not stalled:
                return
            stop = available if cut is None else cut
            body = bytes(self.buffer[start:stop])
            self._consume(stop)
            stalled = False
            yield body

    def _consume(self, count: int) -> None:
        del self.buffer[:count]
        self._scanned = 0

    def _next_header(self, start: int, end: int) -> int | None:
        """Where a complete header starts between ``start`` and ``end``, if one does (it may
        end past ``end``)."""
        at = max(start, self._scanned)
        name = b"Content-Length:"
        while (at := self.buffer.find(name, at, end + len(name) - 1)) >= 0:
            if _HEADER.match(self.buffer, at):
                return at
            if self.buffer.find(b"\r\n\r\n", at) < 0:  # may complete with the next bytes
                self._scanned = at
                return None
            at += 1
        self._scanned = max(start, end - len(name))
        return None


def _request_id(body: bytes) -> int | str | None:
    """The id of the request a broken body was, when it shows before the parameters (JSON-RPC
    answers an unreadable message with a ``null`` id otherwise)."""
    if b'"method"' not in body:
        return None
    params = body.find(b'"params"')
    found = _REQUEST_ID.search(body, 0, params if params >= 0 else len(body))
    if found is None:
        return None
    try:
        value = json.loads(found[1])
    except ValueError:
        return None
    return value if isinstance(value, int | str) else None


class YeplintProtocol(LanguageServerProtocol):
    """pygls's protocol with an answer for every request and the file's own lines.

    pygls logs a request whose parameters do not fit the method's type, and one that arrives
    after ``shutdown``, and answers neither: the editor waits for ever. Here the first gets
    InvalidParams (-32602), the second InvalidRequest (-32600), an unreadable body ParseError
    (-32700). Edits are applied to the lines :func:`yeplint.document.source.split_lines` makes, not
    to
    ``str.splitlines``'s (which breaks at U+2028 and form feeds, so every change below one
    landed on the wrong line), and positions are always UTF-16, the encoding every client
    speaks and the one this server counts in."""

    def receive(self, body: bytes) -> None:
        """One frame's body: handled, or answered with the JSON-RPC error that fits it."""
        try:
            data, _ = _DECODER.raw_decode(body.decode("utf-8").lstrip())
        except ValueError:  # also a body that is not UTF-8
            self.refuse(_request_id(body), lsp.ErrorCodes.ParseError, "not a JSON message")
            return
        if not isinstance(data, dict) or data.get("jsonrpc") != self.VERSION:
            self.refuse(None, lsp.ErrorCodes.InvalidRequest, "not a JSON-RPC 2.0 message")
            return
        method = data.get("method")
        request_id = data.get("id")
        request = isinstance(method, str) and isinstance(request_id, int | str)
        if request and self._shutdown and method != lsp.EXIT:
            self.refuse(request_id, lsp.ErrorCodes.InvalidRequest, "the server is shut down")
            return
        try:
            message = self.structure_message(data)
        except JsonRpcException:
            if request:
                self.refuse(
                    request_id,
                    lsp.ErrorCodes.InvalidParams,
                    f"the parameters of {method} do not have the shape LSP gives them",
                )
            return
        try:
            self.handle_message(message)
        except BrokenPipeError:  # nobody reads our answers any more
            raise
        except Exception:  # a bug costs this message, not the connection (as in pygls's loop)
            sys.stderr.write(traceback.format_exc())

    def _execute_handler(
        self,
        msg_id: Any,
        handler: Any,
        callback: Callable[[Future[Any]], None],
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> None:
        """pygls's, with the handler's future let go of once it is done. pygls keeps the future
        of a generator, coroutine or thread handler by message id until a response is sent
        for it, and a notification (every ``didOpen``, ``didChange``, ``didSave``, ``didClose``:
        pygls's own handlers are generators) gets no response: each kept ~1.5 KB for good."""

        def done(future: Future[Any]) -> None:
            if self._request_futures.get(msg_id) is future:
                del self._request_futures[msg_id]
            callback(future)

        super()._execute_handler(msg_id, handler, done, args, kwargs)

    def refuse(self, request_id: int | str | None, code: int, message: str) -> None:
        """A JSON-RPC error response (``id`` ``null`` when the request's is unknown)."""
        self._send_data(
            {"jsonrpc": self.VERSION, "id": request_id, "error": {"code": code, "message": message}}
        )

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(
        self, params: lsp.InitializeParams
    ) -> Generator[Any, Any, lsp.InitializeResult]:
        """pygls's initialize, offered UTF-16 only: pygls would agree to the client's first
        choice (UTF-8 for Neovim and Helix) while every column here is counted in UTF-16."""
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = None
        result: lsp.InitializeResult = yield from super().lsp_initialize(params)
        return result

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: lsp.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        """The changes applied in the file's own lines; a change to a buffer that was never
        opened is ignored (there is no text to apply it to)."""
        uri = params.text_document.uri
        document = self.workspace.text_documents.get(unquote(uri))
        if document is None:
            return
        text = document.source
        for change in params.content_changes:
            text = apply_change(text, change)
        item = lsp.TextDocumentItem(
            uri, document.language_id or "markdown", params.text_document.version, text
        )
        self.workspace.put_text_document(item)
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None


def apply_change(text: str, change: lsp.TextDocumentContentChangeEvent) -> str:
    """``text`` after one change the client sent."""
    if not isinstance(change, lsp.TextDocumentContentChangePartial):
        return change.text
    starts = line_starts(text)

    def offset(position: lsp.Position) -> int:
        if position.line >= len(starts):
            return len(text)
        start = starts[position.line]
        end = starts[position.line + 1] if position.line + 1 < len(starts) else len(text)
        content = text[start:end].rstrip("\r\n")
        return start + from_utf16(content, position.character) - 1

    return text[: offset(change.range.start)] + change.text + text[offset(change.range.end) :]


def stdin_reader(stdin: BinaryIO) -> Callable[[int], bytes]:
    """What reads whatever input has arrived: ``os.read`` on the file descriptor, which holds
    no lock (a thread blocked in a buffered reader's ``read`` aborts the interpreter's exit)."""
    try:
        descriptor = stdin.fileno()
    except (OSError, ValueError):  # an in-memory stream
        return getattr(stdin, "read1", stdin.read)
    return lambda size: os.read(descriptor, size)


def parent_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (signal 0 asks without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it runs
        return True
    return True
