"""Hover (a rule's documentation on its diagnostic) and completion (front matter keys and
enum values from the page's schema, file names in image and link fields)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from yeplint.config.settings import ConfigError
from yeplint.document.source import split_lines
from yeplint.rules.catalogue import RULES
from yeplint.server.actions import current, overlap
from yeplint.server.app import (
    YeplintServer,
    body_start_of,
    buffer_path,
    opened,
    server,
    to_lsp,
    workspace_root,
)
from yeplint.server.positions import from_utf16, line_at
from yeplint.site.discovery import Target, display_path

if TYPE_CHECKING:
    pass


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: YeplintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    linted = current(ls, params.text_document.uri)
    if linted is None:
        return None
    lines = split_lines(linted.text)
    here = lsp.Range(params.position, params.position)
    for d in linted.diagnostics:
        shown = to_lsp(d, lines, linted.lang)
        if overlap(shown.range, here) and d.code in RULES:
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
    text = line_at(lines, number)
    before = text[: from_utf16(text, params.position.character) - 1]
    path = buffer_path(uri)
    items: list[lsp.CompletionItem] = []
    image = re.search(r"\]\((?P<typed>[^)\s]*)$", before)
    if image is not None:
        items = _file_items(path.parent, image["typed"])
    elif number < body_start_of(document.source) and number > 1:
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
    root = settings.root or workspace_root(ls, path)
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
            owner = re.match(r"^([\w-]+):\s*$", line_at(lines, above))
            if owner is not None:
                return _enum_items(properties.get(owner[1]))
            if not line_at(lines, above).startswith((" ", "\t", "-")):
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
