"""``yeplint server``: a Language Server (LSP 3.17) on stdio, built on the engine.

An open Markdown buffer is linted as the file it will be saved as (like ``--stdin-filename``):
the same configuration discovery, collections, schemas, presets and suppressions as
``yeplint check``. Images and links are resolved against the disk as it is now: each lint
re-lists the folders it looks in, and a page created, moved or deleted (or a save) drops the
site's URL map, so a new image or page needs no restart. One engine per configuration is kept
warm (schemas compiled once); a change to a configuration or schema file re-reads them and
re-lints every open buffer. A broken configuration is one message and one diagnostic on the
file, never a dead server; a crash anywhere in a lint is one diagnostic on the buffer.

A change is linted as soon as the server is free: at once when it is idle, and the changes
that arrive while a lint runs (read after it, in one go) make one lint of the last text, not
one each (``initializationOptions.debounce`` may still ask for a pause in typing instead).
Answers are made from the buffer as the editor has it now: a code action or hover asked for
before the lint of the last change ran lints first, and every edit names the document version it was
computed for, so an editor refuses it rather than apply it to other text. Only buffers the
editor opened are read (a URI of a FIFO or ``/dev/zero`` gets an empty answer), and positions
are counted in the file's own lines (:func:`yeplint.document.source.split_lines`), in UTF-16.

This module holds the server and the document lifecycle (open, change, save, close, watched
files); the JSON-RPC edges pygls leaves open are closed in :mod:`.protocol` (driven by
:meth:`YeplintServer.start_io`), code actions are in :mod:`.actions`, hover and completion in
:mod:`.completion`, and :mod:`.main` starts it with them all.
"""

from __future__ import annotations

import asyncio
import errno
import os
import re
import sys
import threading
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import unquote, urlsplit

from lsprotocol import types as lsp
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from yeplint import __version__
from yeplint.config.load import load_settings
from yeplint.config.settings import PAGE_SUFFIXES, ConfigError, Settings
from yeplint.diagnostics import Diagnostic, Severity
from yeplint.document.source import split_lines
from yeplint.locale.messages import LANGUAGES, msg, render
from yeplint.rules.rule import RULE_URL
from yeplint.server.positions import to_range
from yeplint.server.protocol import (
    FRAME_STALL_SECONDS,
    PARENT_POLL_SECONDS,
    Frames,
    YeplintProtocol,
    parent_alive,
    stdin_reader,
)
from yeplint.site.discovery import Target, display_path

if TYPE_CHECKING:
    from yeplint.engine.linter import Linter

DEBOUNCE_SECONDS = 0.0
"""How long typing must pause before a changed buffer is linted again: none by default (a fixed
150 ms made every edit wait 152 ms for a 12 ms lint); changes that come while a lint runs are
coalesced instead (:func:`schedule`)."""
SOURCE = "yeplint"
FIX_ALL = "source.fixAll.yeplint"
CONFIG_FILES = ("yeplint.toml", "pyproject.toml")

_UNNECESSARY = frozenset(("YEP015",))
"""Codes whose text is unneeded (shown faded): an unused suppression comment."""


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
        return body_start_of(self.text)


class YeplintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(SOURCE, __version__, protocol_cls=YeplintProtocol)
        self.debounce = DEBOUNCE_SECONDS
        self.linters: dict[Settings, Linter] = {}
        self.settings: dict[Path, Settings] = {}
        """Each folder's settings, found once (dropped when a configuration file changes)."""
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Handle] = {}
        """Per buffer, its lint waiting to run (for the last change)."""
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
                    compiled = linter.schema_for(collection)
                    # compiling resolves the schema's `$ref`s: one that cannot be is the
                    # configuration's error, said on it, not a traceback per buffer
                    _ = compiled.validator if compiled is not None else None
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
        read = stdin_reader(stdin)

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
            if pid is not None and pid > 0 and not parent_alive(pid):
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
    root = settings.root or workspace_root(ls, path)
    target = Target(path, display_path(path, root), root)
    linter.forget_images()
    linter.forget_page(target)  # its anchors and digest are this text's, not an earlier one's
    result = linter.run([target], data=text.encode("utf-8", "surrogatepass"))
    return result.diagnostics


def forget_buffer(ls: YeplintServer, uri: str) -> None:
    """A buffer was closed: what its lints left in each engine goes (its anchors are the
    disk's again), so a server that opens many files in turn keeps nothing of those it
    closed."""
    path = buffer_path(uri)
    for settings, linter in ls.linters.items():
        root = settings.root or workspace_root(ls, path)
        linter.forget_page(Target(path, display_path(path, root), root))


def workspace_root(ls: YeplintServer, path: Path) -> Path:
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
    """A fix or "did you mean" that names a file beside the page: that file as related
    information."""
    offered = d.suggestion or d.fix
    if offered is None or len(offered.edits) != 1:
        return shown
    name = offered.edits[0].replacement
    if not name or name.startswith(("#", "/")) or "\n" in name:
        return shown
    candidate = folder / name
    try:
        found = candidate.is_file()
    except (OSError, ValueError):
        return shown
    if found:
        start = lsp.Position(0, 0)
        shown.related_information = [
            lsp.DiagnosticRelatedInformation(
                lsp.Location(candidate.resolve().as_uri(), lsp.Range(start, start)),
                render(msg("the file `{name}`", name=name), lang),
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


def body_start_of(text: str) -> int:
    from yeplint.document.post import load_text

    data = text.encode("utf-8", "surrogatepass")
    return load_text(Path("buffer.md"), "buffer.md", data).body_start_line


def schedule(ls: YeplintServer, uri: str) -> None:
    """Lint ``uri`` as soon as the server is free, once for all the changes that come before
    then. A lint runs on the event loop: the messages that arrive meanwhile wait in the input
    queue and are all read, one after the other, before the loop runs the next callback; so
    the lint queued by the first of them serves them all. With a ``debounce``, once typing
    pauses instead (each change restarts the wait)."""
    if ls.debounce <= 0:
        if uri not in ls.pending:
            ls.pending[uri] = asyncio.get_running_loop().call_soon(publish, ls, uri)
        return
    waiting = ls.pending.pop(uri, None)
    if waiting is not None:
        waiting.cancel()
    loop = asyncio.get_running_loop()
    ls.pending[uri] = loop.call_later(ls.debounce, publish, ls, uri)


def is_markdown(uri: str) -> bool:
    return urlsplit(uri).path.lower().endswith(PAGE_SUFFIXES)


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
    forget_buffer(ls, uri)
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
