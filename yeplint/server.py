"""``yeplint server``: a Language Server (LSP 3.17) on stdio, built on the engine.

An open Markdown buffer is linted as the file it will be saved as (like ``--stdin-filename``):
the same configuration discovery, collections, schemas, presets and suppressions as
``yeplint check``. Images and links are resolved against the disk as it is now: each lint
re-lists the folders it looks in, and a page created, moved or deleted (or a save) drops the
site's URL map, so a new image or page needs no restart. One engine per configuration is kept
warm (schemas compiled once); a change to a configuration or schema file re-reads them and
re-lints every open buffer. A broken configuration is one message and one diagnostic on the
file, never a dead server; a crash anywhere in a lint is one diagnostic on the buffer.

pygls and lsprotocol are the optional extra ``yeplint[lsp]``: only this module imports them.
"""

from __future__ import annotations

import asyncio
import re
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from yeplint import __version__
from yeplint.config import ConfigError, Settings, load_settings
from yeplint.diagnostics import Diagnostic, Severity
from yeplint.discovery import Target, display_path
from yeplint.i18n import LANGUAGES, msg, render
from yeplint.registry import RULE_URL, RULES

if TYPE_CHECKING:
    from yeplint.engine import Linter

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
        super().__init__(SOURCE, __version__)
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
        from yeplint.i18n import language_from_locale

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
        folder = path.parent
        if folder not in self.settings:
            self.settings[folder] = load_settings(start=folder, paths=[path])
        return self.settings[folder]

    def linter_for(self, settings: Settings) -> Linter:
        linter = self.linters.get(settings)
        if linter is None:
            from yeplint.engine import Linter  # after `initialize` is answered: a faster start

            linter = Linter(settings)
            linter.check_schemas()
            self.linters[settings] = linter
        return linter

    def forget_config(self) -> None:
        self.settings.clear()
        self.linters.clear()

    def forget_site(self) -> None:
        """Pages or images appeared, moved or went: the URL maps and anchors are rebuilt."""
        for linter in self.linters.values():
            linter.forget_site()


server = YeplintServer()


def lint_buffer(ls: YeplintServer, uri: str, text: str) -> list[Diagnostic]:
    """The diagnostics of ``text`` as the file at ``uri``; configuration problems are reported
    on the configuration file and leave the buffer without diagnostics."""
    path = Path(to_fs_path(uri) or uri)
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
    ls.pending.pop(uri, None)
    document = ls.workspace.get_text_document(uri)
    text = document.source
    try:
        found = lint_buffer(ls, uri, text)
    except Exception as exc:  # a bug must cost one diagnostic, not the server
        ls.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, traceback.format_exc()))
        found = [_internal(document.filename or uri, exc)]
    lines = text.splitlines()
    path = Path(to_fs_path(uri) or uri)
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
    from yeplint.document import load_text

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
    return uri.lower().endswith(MARKDOWN)


def utf16(line: str, column: int) -> int:
    """A 1-based character column as a 0-based UTF-16 offset (LSP's default encoding)."""
    prefix = line[: max(column - 1, 0)]
    if prefix.isascii():
        return len(prefix)
    return len(prefix.encode("utf-16-le", "surrogatepass")) // 2


def from_utf16(line: str, offset: int) -> int:
    """A 0-based UTF-16 offset as a 1-based character column."""
    if line.isascii():
        return offset + 1
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
    """One window message, and a diagnostic on the configuration file when it names one."""
    found = re.match(
        r"^(?P<file>[^:\n]+?\.(?:toml|json)):(?:(?P<line>\d+):(?P<col>\d+):)?", message
    )
    uri = None
    if found is not None:
        path = Path(found["file"])
        uri = from_fs_path(str(path.resolve())) or str(path)
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
    name = uri.rsplit("/", 1)[-1]
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
    linted = ls.linted.get(uri)
    if linted is None:
        return []
    lines = linted.text.splitlines()
    wanted = params.context.only
    actions: list[lsp.CodeAction] = []
    if not wanted or any(k.startswith(lsp.CodeActionKind.QuickFix) for k in wanted):
        for d in linted.diagnostics:
            shown = to_lsp(d, lines, linted.lang)
            if not _overlap(shown.range, params.range):
                continue
            actions.extend(_quick_fixes(uri, d, shown, lines, linted))
    if not wanted or any(k in (lsp.CodeActionKind.SourceFixAll, FIX_ALL, "source") for k in wanted):
        fixed = fix_all(ls, uri, linted.text)
        if fixed is not None:
            actions.append(
                lsp.CodeAction(
                    title=render(msg("yeplint: fix all safe problems in this file"), linted.lang),
                    kind=FIX_ALL,
                    edit=_whole(uri, linted.text, fixed),
                )
            )
    return actions


def _overlap(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _quick_fixes(
    uri: str, d: Diagnostic, shown: lsp.Diagnostic, lines: list[str], linted: Linted
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
            edit=lsp.WorkspaceEdit(changes={uri: edits}),
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
            edit=lsp.WorkspaceEdit(
                changes={uri: [lsp.TextEdit(range=to_range(lines, *span), new_text=wanted)]}
            ),
        )
    yield _disable(uri, d, shown, lines, linted)


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
    uri: str, d: Diagnostic, shown: lsp.Diagnostic, lines: list[str], linted: Linted
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
        edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
    )


def fix_all(ls: YeplintServer, uri: str, text: str) -> str | None:
    """The buffer with every safe fix applied and verified as ``--fix`` does; ``None`` when
    nothing changes."""
    from yeplint.fix import fix_bytes

    path = Path(to_fs_path(uri) or uri)
    settings = ls.settings_for(path)
    linter = ls.linter_for(settings)
    root = settings.root or _workspace_root(ls, path)
    target = Target(path, display_path(path, root), root)

    def lint(target: Target, data: bytes) -> list[Diagnostic]:
        return linter.run([target], data=data).diagnostics

    original = text.encode("utf-8", "surrogatepass")
    fixed, _, count, refused = fix_bytes(target, original, lint, False, settings.front_matter)
    if refused is not None or count == 0 or fixed == original:
        return None
    return fixed.decode("utf-8", "surrogatepass")


def _whole(uri: str, old: str, new: str) -> lsp.WorkspaceEdit:
    lines = old.splitlines()
    end = lsp.Position(len(lines), 0)
    return lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), end), new)]})


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: YeplintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    linted = ls.linted.get(params.text_document.uri)
    if linted is None:
        return None
    lines = linted.text.splitlines()
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
    document = ls.workspace.get_text_document(uri)
    lines = document.source.splitlines()
    number = params.position.line + 1
    text = _line(lines, number)
    before = text[: from_utf16(text, params.position.character) - 1]
    path = Path(to_fs_path(uri) or uri)
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
