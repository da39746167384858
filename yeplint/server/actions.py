"""Code actions: each quick fix a diagnostic carries, "did you mean" replacements, "disable
for this line", and "fix all" (verified as `--fix` verifies), made from the buffer as the editor
has it now and sent as versioned edits."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from yeplint.config.settings import ConfigError
from yeplint.diagnostics import Diagnostic, Span
from yeplint.document.source import split_lines
from yeplint.engine.suppress import front_matter_comment_keeps_data
from yeplint.locale.messages import msg, render
from yeplint.server.app import (
    FIX_ALL,
    Linted,
    YeplintServer,
    buffer_path,
    is_markdown,
    opened,
    publish,
    server,
    to_lsp,
    workspace_root,
)
from yeplint.server.positions import line_at, to_range, utf16
from yeplint.site.discovery import Target, display_path

if TYPE_CHECKING:
    pass


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
            if not overlap(shown.range, params.range):
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


def overlap(a: lsp.Range, b: lsp.Range) -> bool:
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
        where, written, wanted = replacement
        span = (where.line, where.column, where.end_line, where.end_column)
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
    disable = _disable(ls, uri, d, shown, lines, linted)
    if disable is not None:
        yield disable


def _did_you_mean(d: Diagnostic, lines: list[str]) -> tuple[Span, str, str] | None:
    """Where the written value stands, and what the "did you mean" suggests instead: the
    rule's suggestion (:mod:`yeplint.rules.suggest`), a display-only fix of one edit."""
    if d.suggestion is None or len(d.suggestion.edits) != 1:
        return None
    edit = d.suggestion.edits[0]
    span = edit.span
    if span.line != span.end_line:
        return None
    written = line_at(lines, span.line)[span.column - 1 : span.end_column - 1]
    return span, written, edit.replacement


def _disable(
    ls: YeplintServer,
    uri: str,
    d: Diagnostic,
    shown: lsp.Diagnostic,
    lines: list[str],
    linted: Linted,
) -> lsp.CodeAction | None:
    """`<!-- yeplint-disable-next-line CODE -->` above a body line; in the front matter, the
    YAML comment `# yeplint: disable-line CODE` at the end of the line, where a comment there
    keeps the front matter's data as it was (``None`` where it would not)."""
    line = d.line
    if line < linted.body_start:
        text = line_at(lines, line)
        comment = f"  # yeplint: disable-line {d.code}"
        if not front_matter_comment_keeps_data(linted.text, line, comment):
            return None
        position = lsp.Position(line - 1, utf16(text, len(text) + 1))
        edit = lsp.TextEdit(lsp.Range(position, position), comment)
    else:
        indent = re.match(r"[ \t]*", line_at(lines, line))
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
    root = settings.root or workspace_root(ls, path)
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
