"""The net under every fix: parse the fixed file again and compare it with the original.

The front matter data and the body's block structure (every block token with its text and
inline children, :func:`yeplint.document.shape.structure`) must be identical, except for what the
applied fixes declare in their :class:`~yeplint.diagnostics.Intent`s: a paragraph that becomes
a heading with the same text, a front matter value or key that changes, an image target that
changes. Anything else that differs means a fix would change the page: :func:`verify` says what.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from yeplint.diagnostics import Intent
from yeplint.document.post import Post
from yeplint.document.shape import (
    References,
    Shape,
    inline_shape,
    normalize_link,
    parse_structure,
    structure,
)

_MISSING = object()


def verify(before: Post, after: Post, intents: Iterable[Intent]) -> str | None:
    """``None`` when ``after`` differs from ``before`` exactly as ``intents`` say; otherwise a
    short description of the first unintended difference (``"… would change …"``)."""
    intents = list(intents)
    if before.binary or after.binary:
        return "the file would no longer be text"
    problem = _front_matter(before, after, intents)
    if problem:
        return problem
    return _body(before, after, intents)


def _front_matter(before: Post, after: Post, intents: list[Intent]) -> str | None:
    repaired = [i for i in intents if i.kind == "yaml"]
    if repaired:
        data = after.data
        if data is None:
            return "the front matter would still not be valid YAML"
        for intent in repaired:
            if _get(data, intent.path) != intent.new:
                return f"`{_dotted(intent.path)}` would not read as `{intent.new}`"
        return None
    if (before.data is None) != (after.data is None):
        return "the front matter would no longer be readable"
    if before.data is None or after.data is None:
        return None
    expected: Any = copy.deepcopy(before.data)
    for intent in intents:
        if intent.kind == "value":
            if _get(expected, intent.path) != intent.old:
                return f"`{_dotted(intent.path)}` is not `{intent.old}`"
            _set(expected, intent.path, intent.new)
        elif intent.kind == "key":
            parent = _get(expected, intent.path) if intent.path else expected
            if not isinstance(parent, dict) or intent.old not in parent or intent.new in parent:
                return f"key `{intent.old}` cannot be renamed `{intent.new}`"
            parent[intent.new] = parent.pop(intent.old)
    if expected != after.data:
        return (
            f"the result would change the front matter{_first_key_difference(expected, after.data)}"
        )
    return None


def _first_key_difference(expected: dict[str, Any], actual: dict[str, Any]) -> str:
    for key in [*expected, *actual]:
        if expected.get(key, _MISSING) != actual.get(key, _MISSING):
            return f" (`{key}`)"
    return ""


def _body(before: Post, after: Post, intents: list[Intent]) -> str | None:
    offset = before.body_start_line - 1
    mdx = before.path.suffix.lower() == ".mdx"
    old, env = parse_structure(before.lines[offset:], mdx=mdx)
    new = structure(after.lines[after.body_start_line - 1 :], mdx=mdx)
    expected: list[tuple[int, Shape]] = list(old)
    # in source order: a heading made of a paragraph's first line leaves the paragraph of its
    # other lines, whose first line the next intent may make a heading too
    for intent in sorted(intents, key=lambda i: i.line):
        if intent.kind == "heading":
            problem = _make_heading(expected, intent, offset, env)
        elif intent.kind == "retitle":
            problem = _retitle(expected, intent, offset, env)
        elif intent.kind == "image":
            problem = _retarget(expected, intent, offset)
        else:
            continue
        if problem:
            return problem
    shapes = [shape for _, shape in new]
    wanted = [shape for _, shape in expected]
    if shapes == wanted:
        return None
    index = next(
        (k for k, (a, b) in enumerate(zip(wanted, shapes, strict=False)) if a != b),
        min(len(wanted), len(shapes)),
    )
    line = next((ln for ln, _ in reversed(expected[: index + 1]) if ln >= 0), 0) + offset + 1
    if index >= len(wanted) or index >= len(shapes):
        return f"the result would change the blocks after line {line}"
    was, now = _describe(wanted[index]), _describe(shapes[index])
    if was != now:
        return f"the result would change line {line}: {was} would become {now}"
    return f"the result would change the {was} on line {line}"


def _describe(shape: Shape) -> str:
    kind = shape.type.removesuffix("_open").removesuffix("_close").replace("_", " ")
    if kind == "inline":
        return "text"
    if kind == "heading":
        return f"heading ({shape.tag})"
    return kind


def _make_heading(
    expected: list[tuple[int, Shape]], intent: Intent, offset: int, env: References
) -> str | None:
    """Replace the paragraph starting on ``intent.line`` by the heading, and keep its other
    lines as a paragraph."""
    line = intent.line - 1 - offset
    found = next(
        (k for k, (ln, s) in enumerate(expected) if ln == line and s.type == "paragraph_open"),
        None,
    )
    if found is None or found + 2 >= len(expected) or expected[found + 1][1].type != "inline":
        return f"line {intent.line} is not the start of a paragraph"
    opening, inline = expected[found][1], expected[found + 1][1]
    rest = [r.strip() for r in inline.content.split("\n", 1)[1:]]  # a paragraph is trimmed
    tag = f"h{intent.level}"
    heading: list[tuple[int, Shape]] = [
        (line, _block("heading_open", tag, 1)),
        (line, _block("inline", "", 0, intent.new, inline_shape(intent.new, env, heading=True))),
        (-1, _block("heading_close", tag, -1)),
    ]
    if rest:
        heading += [
            (line + 1, _block("paragraph_open", "p", 1, hidden=opening.hidden)),
            (line + 1, _block("inline", "", 0, rest[0], inline_shape(rest[0], env))),
            (-1, _block("paragraph_close", "p", -1, hidden=opening.hidden)),
        ]
    expected[found : found + 3] = heading
    return None


def _retitle(
    expected: list[tuple[int, Shape]], intent: Intent, offset: int, env: References
) -> str | None:
    """Give the heading starting on ``intent.line`` the level and text the intent says."""
    line = intent.line - 1 - offset
    found = next(
        (k for k, (ln, s) in enumerate(expected) if ln == line and s.type == "heading_open"),
        None,
    )
    if found is None or found + 2 >= len(expected):
        return f"line {intent.line} is not the start of a heading"
    tag = f"h{intent.level}"
    expected[found] = (line, expected[found][1]._replace(tag=tag))
    inline = expected[found + 1][1]
    children = inline_shape(intent.new, env, heading=True)
    expected[found + 1] = (line, inline._replace(content=intent.new, children=children))
    expected[found + 2] = (-1, expected[found + 2][1]._replace(tag=tag))
    return None


def _block(
    kind: str,
    tag: str,
    nesting: int,
    content: str = "",
    children: tuple[Shape, ...] = (),
    *,
    hidden: bool = False,
) -> Shape:
    return Shape(kind, tag, nesting, hidden, "", "", (), content, children)


def _retarget(expected: list[tuple[int, Shape]], intent: Intent, offset: int) -> str | None:
    """Point the image written ``intent.old`` in the block holding ``intent.line`` at
    ``intent.new`` (a Markdown image's ``src``, or the text of an HTML ``<img>``)."""
    line = intent.line - 1 - offset
    holders = [k for k, (ln, s) in enumerate(expected) if 0 <= ln <= line and s.type in _HOLDERS]
    if not holders:
        return f"no image `{intent.old}` on line {intent.line}"
    last = expected[holders[-1]][0]
    on_line = [k for k in holders if expected[k][0] == last]  # table cells share a line
    before = [k for k in holders if expected[k][0] < last][-1:]
    for k in [*reversed(on_line), *before]:
        ln, shape = expected[k]
        replaced = _replace_image(shape, intent.old, intent.new)
        if replaced is not None:
            expected[k] = (ln, replaced)
            return None
    return f"no image `{intent.old}` on line {intent.line}"


_HOLDERS = ("inline", "html_block")


def _replace_image(shape: Shape, old: str, new: str) -> Shape | None:
    kind = shape.type
    if kind in ("html_block", "html_inline"):
        if old not in shape.content:
            return None
        return shape._replace(content=shape.content.replace(old, new, 1))
    if kind == "image":
        attrs = dict(shape.attrs)
        if attrs.get("src") != normalize_link(old):
            return None
        attrs["src"] = normalize_link(new)
        return shape._replace(attrs=tuple(sorted(attrs.items())))
    if kind == "inline" and old not in shape.content:
        return None
    children = list(shape.children)
    for k, child in enumerate(children):
        replaced = _replace_image(child, old, new)
        if replaced is not None:
            children[k] = replaced
            content = shape.content.replace(old, new, 1) if kind == "inline" else shape.content
            return shape._replace(content=content, children=tuple(children))
    return None


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return data


def _set(data: Any, path: tuple[str | int, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _dotted(path: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in path)
