"""``yeplint server``: a Language Server (LSP 3.17) on stdio, built on the engine.

An open Markdown buffer is linted as the file it will be saved as (like ``--stdin-filename``):
the same configuration discovery, collections, schemas, presets and suppressions as
``yeplint check``. Images and links are resolved against the disk as it is now: each lint
re-lists the folders it looks in, and a page created, moved or deleted (or a save) drops the
site's URL map, so a new image or page needs no restart. One engine per configuration is kept
warm (schemas compiled once); a change to a configuration or schema file re-reads them and
re-lints every open buffer. A broken configuration is one message and one diagnostic on the
file, never a dead server; a crash anywhere in a lint is one diagnostic on the buffer.

Answers are made from the buffer as the editor has it now: a code action or hover asked for
before the debounced lint ran lints first, and every edit names the document version it was
computed for, so an editor refuses it rather than apply it to other text. Only buffers the
editor opened are read (a URI of a FIFO or ``/dev/zero`` gets an empty answer), and positions
are counted in the file's own lines (:func:`yeplint.document.source.split_lines`), in UTF-16.

The JSON-RPC edges pygls leaves open are closed here (:class:`YeplintProtocol`,
:class:`Frames`, :meth:`YeplintServer.start_io`): a request with parameters of the wrong shape
or after ``shutdown`` gets an error response, a frame with a wrong ``Content-Length`` costs that
message and not the connection, and the server exits when the editor process is gone.

pygls and lsprotocol are the optional extra ``yeplint[lsp]``: only this module imports them.
"""

from __future__ import annotations

import asyncio
import errno
import json
import os
import re
import sys
import threading
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import unquote, urlsplit

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from yeplint import __version__
from yeplint.config.load import load_settings
from yeplint.config.settings import ConfigError, Settings
from yeplint.diagnostics import Diagnostic, Severity
from yeplint.document.source import line_starts, split_lines
from yeplint.locale.messages import LANGUAGES, msg, render
from yeplint.rules.catalogue import RULES
from yeplint.rules.rule import RULE_URL
from yeplint.site.discovery import Target, display_path

if TYPE_CHECKING:
    from yeplint.engine.linter import Linter

DEBOUNCE_SECONDS = 0.15
"""How long typing must pause before a changed buffer is linted again."""
SOURCE = "yeplint"
FIX_ALL = "source.fixAll.yeplint"
MARKDOWN = (".md", ".markdown", ".mdx", ".mdown", ".mkd", ".mkdn")
CONFIG_FILES = ("yeplint.toml", "pyproject.toml")
_DID_YOU_MEAN = re.compile(r"did you mean `([^`]+)`")
_WRITTEN = re.compile(r"`([^`]+)`")
_UNNECESSARY = frozenset(("YEP015",))
"""Codes whose text is unneeded (shown faded): an unused suppression comment."""

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
            data, _ = json.JSONDecoder().raw_decode(body.decode("utf-8").lstrip())
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
            text = _changed(text, change)
        item = lsp.TextDocumentItem(
            uri, document.language_id or "markdown", params.text_document.version, text
        )
        self.workspace.put_text_document(item)
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None


def _changed(text: str, change: lsp.TextDocumentContentChangeEvent) -> str:
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


def _reader(stdin: BinaryIO) -> Callable[[int], bytes]:
    """What reads whatever input has arrived: ``os.read`` on the file descriptor, which holds
    no lock (a thread blocked in a buffered reader's ``read`` aborts the interpreter's exit)."""
    try:
        descriptor = stdin.fileno()
    except (OSError, ValueError):  # an in-memory stream
        return getattr(stdin, "read1", stdin.read)
    return lambda size: os.read(descriptor, size)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (signal 0 asks without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it runs
        return True
    return True


@dataclass
class Linted:
    """The last lint of a buffer: for code actions and hover on its diagnostics."""

    version: int | None
    text: str
    diagnostics: list[Diagnostic]
    """In English: code actions read the suggestions out of the hints."""
    lang: str = "en"
    """The language the diagnostics are shown in."""

    @property
    def body_start(self) -> int:
        """The first line of the body (front matter lines come before it); worked out only
        when a code action needs it, not on every edit."""
        return _body_start(self.text)


class YeplintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, protocol_cls=YeplintProtocol)
        self.debounce = DEBOUNCE_SECONDS
        self.linters: dict[Settings, Linter] = {}
        self.settings: dict[Path, Settings] = {}
        """Each folder's settings, found once (dropped when a configuration file changes)."""
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.broken_config: set[str] = set()
        """Configuration files reported broken (their diagnostics are cleared when mended)."""
        self.lang: str | None = None
        """``initializationOptions.lang``: beats the configuration's ``lang``."""
        self.client_locale: str | None = None
        """The editor's language (``InitializeParams.locale``), after the configuration."""

    def lang_for(self, path: Path) -> str:
        """The language of a buffer's diagnostics: the editor setting for yeplint, the
        configuration's ``lang``, the editor's own language, the locale; else English."""
        from yeplint.locale.messages import language_from_locale

        if self.lang is not None:
            return self.lang
        try:
            configured = self.settings_for(path).lang
        except ConfigError:
            configured = None
        if configured:
            return configured
        if self.client_locale:
            return language_from_locale({"LANGUAGE": self.client_locale.replace("-", "_")})
        return language_from_locale()

    def settings_for(self, path: Path) -> Settings:
        folder = _searchable(path.parent)
        if folder not in self.settings:
            self.settings[folder] = load_settings(start=folder, paths=[path])
        return self.settings[folder]

    def linter_for(self, settings: Settings) -> Linter:
        linter = self.linters.get(settings)
        if linter is None:
            from yeplint.engine.linter import (
                Linter,  # after `initialize` is answered: a faster start
            )

            linter = Linter(settings)
            for number, collection in enumerate(settings.collections):
                try:
                    linter.schema_for(collection)
                except ConfigError as exc:
                    raise ConfigError(_at_schema_key(settings, number, str(exc))) from None
            self.linters[settings] = linter
        return linter

    def forget_config(self) -> None:
        self.settings.clear()
        self.linters.clear()

    def forget_site(self) -> None:
        """Pages or images appeared, moved or went: the URL maps and anchors are rebuilt."""
        for linter in self.linters.values():
            linter.forget_site()

    def start_io(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
        """Serve on stdio until the input ends, ``exit`` (which raises ``SystemExit`` with its
        code), or the editor process is gone (exit code 1). pygls's own loop reads each frame
        with blind trust in its ``Content-Length`` and never looks at ``processId``."""
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        try:
            asyncio.run(self._serve(stdin or sys.stdin.buffer))
        except BrokenPipeError:  # the editor closed our output: nobody is listening
            pass
        finally:
            self.shutdown()  # type: ignore[no-untyped-call]

    async def _serve(self, stdin: BinaryIO) -> None:
        protocol = self.protocol
        assert isinstance(protocol, YeplintProtocol)
        loop = asyncio.get_running_loop()
        chunks: asyncio.Queue[bytes | None] = asyncio.Queue()
        read = _reader(stdin)

        def pump() -> None:  # a thread: reading a pipe blocks
            while True:
                try:
                    chunk = read(65536)
                except (OSError, ValueError):
                    chunk = b""
                try:
                    loop.call_soon_threadsafe(chunks.put_nowait, chunk)
                except RuntimeError:  # the loop has ended
                    return
                if not chunk:
                    return

        threading.Thread(target=pump, name="yeplint-stdin", daemon=True).start()
        watcher = asyncio.create_task(self._watch_parent(chunks))
        frames = Frames()
        try:
            while True:
                stall = FRAME_STALL_SECONDS if frames.waiting else None
                try:
                    chunk = await asyncio.wait_for(chunks.get(), stall)
                except TimeoutError:
                    for body in frames.take(stalled=True):
                        protocol.receive(body)
                    continue
                if chunk is None:
                    sys.stderr.write(f"yeplint: the editor (process {self.process_id}) is gone\n")
                    raise SystemExit(1)
                if not chunk:
                    return
                frames.feed(chunk)
                for body in frames.take():
                    protocol.receive(body)
        finally:
            watcher.cancel()

    async def _watch_parent(self, chunks: asyncio.Queue[bytes | None]) -> None:
        """Stop the server once the process named by ``InitializeParams.processId`` is gone:
        an editor that crashed does not close our input when another process holds it. POSIX
        only: on Windows ``os.kill(pid, 0)`` would end the process instead of asking."""
        if os.name != "posix":
            return
        while True:
            await asyncio.sleep(PARENT_POLL_SECONDS)
            pid = self.process_id
            if pid is not None and pid > 0 and not _alive(pid):
                chunks.put_nowait(None)
                return


def _searchable(folder: Path) -> Path:
    """``folder``, or the nearest folder above it whose path the system accepts: a buffer's
    path may be longer than PATH_MAX (or a name than NAME_MAX) and still be linted, with the
    configuration found from there."""
    for candidate in (folder, *folder.parents):
        try:
            candidate.stat()
        except OSError as exc:
            if exc.errno != errno.ENAMETOOLONG:
                return candidate
        except ValueError:  # a NUL in the path
            continue
        else:
            return candidate
    return folder


def _at_schema_key(settings: Settings, number: int, message: str) -> str:
    """A schema's error as ``file:line:col: message`` on the configuration file, at the
    ``schema`` key of the collection that names it (the error names the schema's path, which
    may not exist); unchanged when the collection comes from a preset."""
    config = settings.config_file
    collection = settings.collections[number]
    if config is None or not collection.schema:
        return message
    import tomllib

    from yeplint.config.schema import locate

    try:
        text = config.read_text(encoding="utf-8")
        table: Any = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return message
    prefix = "tool.yeplint" if config.name == "pyproject.toml" else ""
    for key in prefix.split(".") if prefix else ():
        table = table.get(key, {}) if isinstance(table, dict) else {}
    written = table.get("collections") if isinstance(table, dict) else None
    if not isinstance(written, list):
        return message
    for index, item in enumerate(written):
        if isinstance(item, dict) and item.get("schema") == collection.schema:
            line, column = locate(text, ["collections", index, "schema"], prefix)
            return f"{config}:{line}:{column}: {message}"
    return message


server = YeplintServer()


def buffer_path(uri: str) -> Path:
    """The file a buffer will be saved as: a ``file:`` URI's path without its ``?query`` or
    ``#fragment`` (they name a view of the file, not another file)."""
    return Path(to_fs_path(uri) or urlsplit(uri).path or uri)


def opened(ls: YeplintServer, uri: str) -> TextDocument | None:
    """The buffer the editor opened at ``uri``; ``None`` for any other URI. pygls would read an
    unopened document from disk: a FIFO blocks the server for good, ``/dev/zero`` never ends."""
    document: TextDocument | None = ls.workspace.text_documents.get(unquote(uri))
    return document


def lint_buffer(ls: YeplintServer, uri: str, text: str) -> list[Diagnostic]:
    """The diagnostics of ``text`` as the file at ``uri``; configuration problems are reported
    on the configuration file and leave the buffer without diagnostics."""
    path = buffer_path(uri)
    try:
        settings = ls.settings_for(path)
        linter = ls.linter_for(settings)
    except ConfigError as exc:
        report_config_error(ls, str(exc))
        return []
    clear_config_errors(ls)
    root = settings.root or _workspace_root(ls, path)
    target = Target(path, display_path(path, root), root)
    linter.forget_images()
    result = linter.run([target], data=text.encode("utf-8", "surrogatepass"))
    return result.diagnostics


def _workspace_root(ls: YeplintServer, path: Path) -> Path:
    folders = [Path(to_fs_path(f.uri) or f.uri) for f in ls.workspace.folders.values()]
    inside = [f for f in folders if f == path.parent or f in path.parents]
    return max(inside, key=lambda f: len(f.parts)) if inside else path.parent


def publish(ls: YeplintServer, uri: str) -> None:
    """Lint the open buffer at ``uri`` now and publish its diagnostics."""
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()  # a no-op when this is the debounced call itself
    document = opened(ls, uri)
    if document is None:
        return
    text = document.source
    try:
        found = lint_buffer(ls, uri, text)
    except Exception as exc:  # a bug must cost one diagnostic, not the server
        ls.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, traceback.format_exc()))
        found = [_internal(document.filename or uri, exc)]
    lines = split_lines(text)
    path = buffer_path(uri)
    lang = ls.lang_for(path)
    ls.linted[uri] = Linted(document.version, text, found, lang)
    ls.text_document_publish_diagnostics(
        lsp.PublishDiagnosticsParams(
            uri=uri,
            version=document.version,
            diagnostics=[
                _with_candidate(to_lsp(d, lines, lang), d, path.parent, lang) for d in found
            ],
        )
    )


def _with_candidate(
    shown: lsp.Diagnostic, d: Diagnostic, folder: Path, lang: str
) -> lsp.Diagnostic:
    """A "did you mean" that names a file beside the page: that file as related information."""
    suggested = _DID_YOU_MEAN.search(d.hint or "") or re.search(r"write `([^`]+)`", d.hint or "")
    if suggested is None or suggested[1].startswith(("#", "/")) or "\n" in suggested[1]:
        return shown
    candidate = folder / suggested[1]
    try:
        found = candidate.is_file()
    except (OSError, ValueError):
        return shown
    if found:
        start = lsp.Position(0, 0)
        shown.related_information = [
            lsp.DiagnosticRelatedInformation(
                lsp.Location(candidate.resolve().as_uri(), lsp.Range(start, start)),
                render(msg("the file `{name}`", name=suggested[1]), lang),
            )
        ]
    return shown


def _internal(name: str, exc: Exception) -> Diagnostic:
    return Diagnostic(
        name,
        1,
        1,
        1,
        1,
        "YEP000",
        "internal-error",
        Severity.ERROR,
        msg("yeplint failed on this buffer: {error}", error=f"{type(exc).__name__}: {exc}"),
        msg("please report this with the file"),
    )


def _body_start(text: str) -> int:
    from yeplint.document.post import load_text

    data = text.encode("utf-8", "surrogatepass")
    return load_text(Path("buffer.md"), "buffer.md", data).body_start_line


def schedule(ls: YeplintServer, uri: str) -> None:
    """Lint ``uri`` once typing pauses (each change restarts the wait)."""
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    if ls.debounce <= 0:
        publish(ls, uri)
        return
    loop = asyncio.get_running_loop()
    ls.pending[uri] = loop.call_later(ls.debounce, publish, ls, uri)


def is_markdown(uri: str) -> bool:
    return urlsplit(uri).path.lower().endswith(MARKDOWN)


def utf16(line: str, column: int) -> int:
    """A 1-based character column as a 0-based UTF-16 offset (LSP's default encoding)."""
    prefix = line[: max(column - 1, 0)]
    if prefix.isascii():
        return len(prefix)
    return len(prefix.encode("utf-16-le", "surrogatepass")) // 2


def from_utf16(line: str, offset: int) -> int:
    """A 0-based UTF-16 offset as a 1-based character column."""
    if line.isascii():
        return min(offset, len(line)) + 1
    units = 0
    for index, char in enumerate(line):
        if units >= offset:
            return index + 1
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line) + 1


def _line(lines: Sequence[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def to_range(
    lines: Sequence[str], line: int, column: int, end_line: int, end_column: int
) -> lsp.Range:
    return lsp.Range(
        start=lsp.Position(line - 1, utf16(_line(lines, line), column)),
        end=lsp.Position(end_line - 1, utf16(_line(lines, end_line), end_column)),
    )


def to_lsp(d: Diagnostic, lines: Sequence[str], lang: str = "en") -> lsp.Diagnostic:
    """``d`` as an editor shows it, in ``lang``."""
    d = d.localized(lang)
    message = d.message if d.hint is None else f"{d.message}\n{d.hint}"
    if d.fix is not None:
        fixable = render(msg("fixable: {fix}", fix=d.fix.description), lang)
        message += f"\n{fixable}"
    return lsp.Diagnostic(
        range=to_range(lines, d.line, d.column, d.end_line, d.end_column),
        message=message,
        severity=(
            lsp.DiagnosticSeverity.Error
            if d.severity is Severity.ERROR
            else lsp.DiagnosticSeverity.Warning
        ),
        code=d.code,
        code_description=lsp.CodeDescription(href=RULE_URL.format(code=d.code)),
        source=SOURCE,
        tags=[lsp.DiagnosticTag.Unnecessary] if d.code in _UNNECESSARY else None,
        data={"rule": d.rule},
    )


def report_config_error(ls: YeplintServer, message: str) -> None:
    """One window message, and a diagnostic on the configuration file when the message starts
    with one that exists (a missing schema's path is not a file to publish on)."""
    found = re.match(
        r"^(?P<file>[^:\n]+?\.(?:toml|json)):(?:(?P<line>\d+):(?P<col>\d+):)?", message
    )
    uri = None
    if found is not None and _is_file(Path(found["file"])):
        uri = from_fs_path(str(Path(found["file"]).resolve()))
    key = uri or message
    if key not in ls.broken_config:
        ls.broken_config.add(key)
        ls.window_show_message(
            lsp.ShowMessageParams(
                lsp.MessageType.Error, f"yeplint: the configuration is broken: {message}"
            )
        )
    if found is not None and uri is not None:
        line = int(found["line"] or 1)
        column = int(found["col"] or 1)
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri,
                diagnostics=[
                    lsp.Diagnostic(
                        range=lsp.Range(
                            lsp.Position(line - 1, column - 1), lsp.Position(line - 1, column)
                        ),
                        message=message,
                        severity=lsp.DiagnosticSeverity.Error,
                        source=SOURCE,
                    )
                ],
            )
        )


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def clear_config_errors(ls: YeplintServer) -> None:
    for key in list(ls.broken_config):
        ls.broken_config.discard(key)
        if key.startswith("file:"):
            ls.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=key, diagnostics=[])
            )


@server.feature(lsp.INITIALIZE)
def initialize(ls: YeplintServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("debounce"), int | float):
        ls.debounce = float(options["debounce"]) / 1000
    if isinstance(options, dict) and options.get("lang") in LANGUAGES:
        ls.lang = str(options["lang"])
    ls.client_locale = params.locale


@server.feature(lsp.INITIALIZED)
def initialized(ls: YeplintServer, params: lsp.InitializedParams) -> None:
    """Ask to hear of pages, images and configuration files changing on disk."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace is not None else None
    if watched is None or not watched.dynamic_registration:
        return  # saves still refresh what the server knows of the disk
    patterns = [
        "**/*.{md,markdown,mdx}",
        "**/*.{png,jpg,jpeg,gif,webp,avif,svg,pdf}",
        "**/{yeplint.toml,pyproject.toml,*.schema.json}",
    ]
    try:
        ls.client_register_capability(
            lsp.RegistrationParams(
                registrations=[
                    lsp.Registration(
                        id="yeplint-watch",
                        method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                            watchers=[lsp.FileSystemWatcher(glob_pattern=p) for p in patterns]
                        ),
                    )
                ]
            )
        )
    except Exception:  # a client without dynamic registration: saves still refresh
        ls.window_log_message(
            lsp.LogMessageParams(lsp.MessageType.Info, "file watching is not available")
        )


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: YeplintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    if is_markdown(params.text_document.uri):
        publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: YeplintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    if is_markdown(params.text_document.uri):
        schedule(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: YeplintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if _is_config(uri):
        refresh_all(ls, config=True)
    elif is_markdown(uri):
        ls.forget_site()  # a saved page may be another page's link target now
        publish(ls, uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: YeplintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    ls.linted.pop(uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched(ls: YeplintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    config = any(_is_config(change.uri) for change in params.changes)
    refresh_all(ls, config=config)


def _is_config(uri: str) -> bool:
    name = urlsplit(uri).path.rsplit("/", 1)[-1]
    return name in CONFIG_FILES or name.endswith(".schema.json")


def refresh_all(ls: YeplintServer, *, config: bool) -> None:
    """Re-read what changed on disk and lint every open buffer again."""
    if config:
        ls.forget_config()
    ls.forget_site()
    for uri in list(ls.workspace.text_documents):
        if is_markdown(uri):
            publish(ls, uri)


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll, FIX_ALL]
    ),
)
def code_action(ls: YeplintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    linted = current(ls, uri)
    if linted is None:
        return []
    lines = split_lines(linted.text)
    wanted = params.context.only
    actions: list[lsp.CodeAction] = []
    if not wanted or any(k.startswith(lsp.CodeActionKind.QuickFix) for k in wanted):
        for d in linted.diagnostics:
            shown = to_lsp(d, lines, linted.lang)
            if not _overlap(shown.range, params.range):
                continue
            actions.extend(_quick_fixes(ls, uri, d, shown, lines, linted))
    if not wanted or any(k in (lsp.CodeActionKind.SourceFixAll, FIX_ALL, "source") for k in wanted):
        fixed = fix_all(ls, uri, linted.text)
        if fixed is not None:
            actions.append(
                lsp.CodeAction(
                    title=render(msg("yeplint: fix all safe problems in this file"), linted.lang),
                    kind=FIX_ALL,
                    edit=_edit(ls, uri, linted, [_whole(linted.text, fixed)]),
                )
            )
    return actions


def current(ls: YeplintServer, uri: str) -> Linted | None:
    """The lint of the open buffer as the editor has it now. A request can come before the
    debounced lint of the last change has run: answered from the older lint, its positions
    belong to other text (a fix-all on save dropped the line typed last), so the buffer is
    linted first. ``None`` for a buffer that is not an open Markdown page."""
    document = opened(ls, uri)
    if document is None or not is_markdown(uri):
        return None
    linted = ls.linted.get(uri)
    if linted is None or linted.version != document.version or linted.text != document.source:
        publish(ls, uri)
        linted = ls.linted.get(uri)
    return linted


def _edit(
    ls: YeplintServer, uri: str, linted: Linted, edits: list[lsp.TextEdit]
) -> lsp.WorkspaceEdit:
    """``edits`` for the version of the buffer they were computed for: an editor refuses them
    once the buffer has changed, instead of applying them to other text. A client that does not
    announce ``workspaceEdit.documentChanges`` gets the plain, unversioned form."""
    workspace = ls.client_capabilities.workspace
    support = workspace.workspace_edit if workspace is not None else None
    if support is None or not support.document_changes:
        return lsp.WorkspaceEdit(changes={uri: edits})
    document = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version)
    return lsp.WorkspaceEdit(
        document_changes=[lsp.TextDocumentEdit(text_document=document, edits=list(edits))]
    )


def _overlap(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _quick_fixes(
    ls: YeplintServer,
    uri: str,
    d: Diagnostic,
    shown: lsp.Diagnostic,
    lines: list[str],
    linted: Linted,
) -> Iterable[lsp.CodeAction]:
    if d.fix is not None:
        edits = [
            lsp.TextEdit(
                range=to_range(
                    lines, e.span.line, e.span.column, e.span.end_line, e.span.end_column
                ),
                new_text=e.replacement,
            )
            for e in d.fix.edits
        ]
        title = render(d.fix.description, linted.lang)
        if d.fix.applicability != "safe":
            title = render(msg("{fix} — changes content", fix=title), linted.lang)
        yield lsp.CodeAction(
            title=f"{title} ({d.code})",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[shown],
            is_preferred=d.fix.applicability == "safe",
            edit=_edit(ls, uri, linted, edits),
        )
    replacement = _did_you_mean(d, lines)
    if replacement is not None:
        span, written, wanted = replacement
        yield lsp.CodeAction(
            title=render(
                msg("Replace `{old}` with `{new}` ({code})", old=written, new=wanted, code=d.code),
                linted.lang,
            ),
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[shown],
            edit=_edit(
                ls, uri, linted, [lsp.TextEdit(range=to_range(lines, *span), new_text=wanted)]
            ),
        )
    yield _disable(ls, uri, d, shown, lines, linted)


def _did_you_mean(
    d: Diagnostic, lines: list[str]
) -> tuple[tuple[int, int, int, int], str, str] | None:
    """Where the written value stands and what the hint suggests instead: the first quoted
    value of the message, when the diagnostic's line shows it once inside its span."""
    if d.hint is None or d.line != d.end_line:
        return None
    suggested = _DID_YOU_MEAN.search(d.hint)
    if suggested is None:
        return None
    wanted = suggested[1]
    text = _line(lines, d.line)
    start, end = d.column - 1, max(d.end_column - 1, d.column - 1)
    inside = text[start:end] if end > start else text[start:]
    shown = [w for w in _WRITTEN.findall(d.message) if inside.count(w) == 1 and w != wanted]
    if not shown:
        return None
    import difflib

    written = max(shown, key=lambda w: difflib.SequenceMatcher(None, w, wanted).ratio())
    at = start + inside.index(written) + 1
    return (d.line, at, d.line, at + len(written)), written, wanted


def _disable(
    ls: YeplintServer,
    uri: str,
    d: Diagnostic,
    shown: lsp.Diagnostic,
    lines: list[str],
    linted: Linted,
) -> lsp.CodeAction:
    """`<!-- yeplint-disable-next-line CODE -->` above a body line; in the front matter, the
    YAML comment `# yeplint: disable-line CODE` at the end of the line."""
    line = d.line
    if line < linted.body_start:
        text = _line(lines, line)
        position = lsp.Position(line - 1, utf16(text, len(text) + 1))
        edit = lsp.TextEdit(lsp.Range(position, position), f"  # yeplint: disable-line {d.code}")
    else:
        indent = re.match(r"[ \t]*", _line(lines, line))
        prefix = indent.group(0) if indent else ""
        position = lsp.Position(line - 1, 0)
        edit = lsp.TextEdit(
            lsp.Range(position, position), f"{prefix}<!-- yeplint-disable-next-line {d.code} -->\n"
        )
    return lsp.CodeAction(
        title=render(
            msg("Disable {code} ({rule}) for this line", code=d.code, rule=d.rule), linted.lang
        ),
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[shown],
        edit=_edit(ls, uri, linted, [edit]),
    )


def fix_all(ls: YeplintServer, uri: str, text: str) -> str | None:
    """The buffer with every safe fix applied and verified as ``--fix`` does; ``None`` when
    nothing changes."""
    from yeplint.engine.fix import fix_bytes

    path = buffer_path(uri)
    try:
        settings = ls.settings_for(path)
        linter = ls.linter_for(settings)
    except ConfigError:  # reported by the lint: nothing is judged by a broken configuration
        return None
    root = settings.root or _workspace_root(ls, path)
    target = Target(path, display_path(path, root), root)

    def lint(target: Target, data: bytes) -> list[Diagnostic]:
        return linter.run([target], data=data).diagnostics

    original = text.encode("utf-8", "surrogatepass")
    fixed, _, count, refused = fix_bytes(target, original, lint, False, settings.front_matter)
    if refused is not None or count == 0 or fixed == original:
        return None
    return fixed.decode("utf-8", "surrogatepass")


def _whole(old: str, new: str) -> lsp.TextEdit:
    """One edit that replaces all of ``old`` with ``new``."""
    lines = split_lines(old)
    end = lsp.Position(len(lines) - 1, utf16(lines[-1], len(lines[-1]) + 1))
    return lsp.TextEdit(lsp.Range(lsp.Position(0, 0), end), new)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: YeplintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    linted = current(ls, params.text_document.uri)
    if linted is None:
        return None
    lines = split_lines(linted.text)
    here = lsp.Range(params.position, params.position)
    for d in linted.diagnostics:
        shown = to_lsp(d, lines, linted.lang)
        if _overlap(shown.range, here) and d.code in RULES:
            rule = RULES[d.code]
            text = f"**{rule.code} {rule.name}** ({rule.severity.value})\n\n{_dedent(rule.doc)}"
            return lsp.Hover(
                contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
                range=shown.range,
            )
    return None


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


@server.feature(
    lsp.TEXT_DOCUMENT_COMPLETION,
    lsp.CompletionOptions(trigger_characters=["(", "/", ":", " ", "-"]),
)
def completion(ls: YeplintServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    uri = params.text_document.uri
    document = opened(ls, uri)
    if document is None:
        return lsp.CompletionList(is_incomplete=False, items=[])
    lines = split_lines(document.source)
    number = params.position.line + 1
    text = _line(lines, number)
    before = text[: from_utf16(text, params.position.character) - 1]
    path = buffer_path(uri)
    items: list[lsp.CompletionItem] = []
    image = re.search(r"\]\((?P<typed>[^)\s]*)$", before)
    if image is not None:
        items = _file_items(path.parent, image["typed"])
    elif number < _body_start(document.source) and number > 1:
        items = _front_matter_items(ls, path, lines, number, before)
    return lsp.CompletionList(is_incomplete=False, items=items)


def _file_items(folder: Path, typed: str) -> list[lsp.CompletionItem]:
    """Files beside the page (or in the folder typed so far) for a link or image target."""
    base, _, _ = typed.rpartition("/")
    where = (folder / base).resolve() if base else folder
    try:
        names = sorted(p.name + ("/" if p.is_dir() else "") for p in where.iterdir())
    except OSError:
        return []
    return [
        lsp.CompletionItem(
            label=name,
            kind=lsp.CompletionItemKind.Folder
            if name.endswith("/")
            else lsp.CompletionItemKind.File,
        )
        for name in names
        if not name.startswith(".")
    ]


def _front_matter_items(
    ls: YeplintServer, path: Path, lines: list[str], number: int, before: str
) -> list[lsp.CompletionItem]:
    """Keys of the collection's schema at the start of a top-level line; the values of a
    key's `enum` (or its items') after `key: ` or on its list items."""
    try:
        settings = ls.settings_for(path)
        linter = ls.linter_for(settings)
    except ConfigError:
        return []
    root = settings.root or _workspace_root(ls, path)
    collection = linter.collection_for(Target(path, display_path(path, root), root))
    schema = linter.schema_for(collection)
    properties = schema.schema.get("properties") if schema is not None else None
    if not isinstance(properties, dict):
        return []
    key = re.match(r"^([\w-]+):\s*", before)
    if key is not None:
        return _enum_items(properties.get(key[1]))
    if re.match(r"^\s+-\s*\S*$", before):
        for above in range(number - 1, 0, -1):
            owner = re.match(r"^([\w-]+):\s*$", _line(lines, above))
            if owner is not None:
                return _enum_items(properties.get(owner[1]))
            if not _line(lines, above).startswith((" ", "\t", "-")):
                break
        return []
    if re.match(r"^[\w-]*$", before):
        present = {m[1] for m in (re.match(r"^([\w-]+):", line) for line in lines) if m}
        return [
            lsp.CompletionItem(
                label=name,
                kind=lsp.CompletionItemKind.Property,
                detail=str(spec.get("description", ""))[:80] if isinstance(spec, dict) else None,
                insert_text=f"{name}: ",
            )
            for name, spec in sorted(properties.items())
            if name not in present
        ]
    return []


def _enum_items(spec: Any) -> list[lsp.CompletionItem]:
    if not isinstance(spec, dict):
        return []
    values = spec.get("enum")
    items = spec.get("items")
    if values is None and isinstance(items, dict):
        values = items.get("enum")
    if not isinstance(values, list):
        return []
    return [
        lsp.CompletionItem(label=str(v), kind=lsp.CompletionItemKind.EnumMember) for v in values
    ]


def main() -> None:
    server.start_io()
