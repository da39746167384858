"""Front matter: find the fenced block, compose its YAML with positions, build the data.

Scalars resolve the YAML 1.2 core-schema way (as js-yaml and the JavaScript site tools do):
dates stay the text the author typed, ``yes``/``no`` are strings. Plain scalars that a YAML 1.1
reader (PyYAML, Jekyll) would read as something else are recorded, so a rule can warn.

Nothing here raises for content problems: they become :class:`~yeplint.document.source.Problem`
records.
Tags are never constructed (``!!python/...`` stays text), aliases are bounded by their expanded
size, and nesting is bounded by depth.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import yaml

from yeplint import LazyPattern
from yeplint.diagnostics import Edit, Fix, Intent, Span
from yeplint.document.front_matter.located import Ambiguity, FrontMatter, JsonPath
from yeplint.document.source import Problem
from yeplint.locale.messages import Message, Number, msg

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PLAIN = "yeplint:plain"
QUOTED = "yeplint:quoted"
_TAG_PREFIX = "tag:yaml.org,2002:"

MAX_NODES = 100_000
"""Largest front matter, counted with every alias expanded; an alias bomb stops here."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences that front matter may have."""
_TOO_DEEP = msg("front matter is nested more than {depth} levels deep", depth=MAX_DEPTH)

_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o[0-7]+")
_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_TYPED_FIRST = frozenset("~nNtTfF-+.0123456789")
"""The first characters of the plain scalars the core schema reads as other than text (null,
booleans, numbers, infinities, NaN): any other plain scalar is text without a pattern tried."""


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """Composes nodes only, marking untagged scalars as plain or quoted instead of resolving."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return PLAIN if implicit[0] else QUOTED
        return str(super().resolve(kind, value, implicit))


class _PyLoader(yaml.SafeLoader):
    """PyYAML's pure-Python reader, asked only when libyaml (:class:`_Loader`) refuses a text.
    It takes two things YAML allows that libyaml refuses: a flow mapping entry with its value
    left out before the `}` or `,` (`{a:}`, YAML 1.2 example 7.17), and an anchor defined again,
    which YAML 1.2 allows (an alias refers to the most recent node of that name) and which js-yaml
    and Ruby's reader take."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return PLAIN if implicit[0] else QUOTED
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if not self.check_event(yaml.AliasEvent):
            anchor = self.peek_event().anchor  # type: ignore[no-untyped-call]
            if anchor is not None:
                self.anchors.pop(anchor, None)  # the later anchor replaces the earlier one
        return super().compose_node(parent, index)


LIBYAML_ONLY = "yaml-syntax-error-libyaml"
"""The kind of the problem for front matter that YAML and most readers take but libyaml refuses,
and with it Jekyll's reader (Ruby's Psych) and MkDocs' (PyYAML on libyaml):
:func:`parse_yaml` records it beside a valid reading."""
PYYAML_ONLY = "yaml-syntax-error-pyyaml"
"""As :data:`LIBYAML_ONLY`, for what only PyYAML's composer refuses (an anchor defined again),
and with it MkDocs' reader."""


def _compose(loader: type[yaml.SafeLoader], text: str) -> yaml.Node | None:
    reader = loader(text)
    try:
        return reader.get_single_node()
    finally:
        reader.dispose()


class ScalarError(ValueError):
    pass


def resolve_plain(text: str) -> Any:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema."""
    if text and text[0] not in _TYPED_FIRST:
        return text
    if _NULL.fullmatch(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT10.fullmatch(text):
        return _to_int(text, 10)
    if _INT8.fullmatch(text):
        return _to_int(text[2:], 8)
    if _INT16.fullmatch(text):
        return _to_int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _INF.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    return text


def _to_int(text: str, base: int) -> int:
    try:
        return int(text, base)
    except ValueError as exc:  # longer than Python's integer-string limit
        raise ScalarError(
            msg("the number `{start}…` has {digits} digits", start=text[:20], digits=len(text))
        ) from exc


_resolver11 = yaml.resolver.Resolver()
_constructor11 = yaml.constructor.SafeConstructor()
_YAML11_TYPED = {f"{_TAG_PREFIX}{t}" for t in ("null", "bool", "int", "float")}
_YAML11_FIRST = frozenset(
    first
    for first, resolvers in _resolver11.yaml_implicit_resolvers.items()
    if any(tag in _YAML11_TYPED for tag, _ in resolvers)
    and first is not None  # a pattern for any first character: none in PyYAML's table
)
"""The first characters PyYAML's resolver has a null, boolean or number pattern for: a plain
scalar starting otherwise is text to it without a pattern tried."""


def yaml11_reading(text: str) -> tuple[bool, Any]:
    """How PyYAML (YAML 1.1) reads a plain scalar: (typed?, value)."""
    if text and text[0] not in _YAML11_FIRST and None not in _resolver11.yaml_implicit_resolvers:
        return False, text
    tag = _resolver11.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag not in _YAML11_TYPED:
        return False, text
    try:
        return True, _constructor11.construct_object(yaml.ScalarNode(tag, text))
    except (ValueError, yaml.YAMLError):
        return False, text
    finally:  # the constructor keeps every node it built until told (~160 bytes a page, for good)
        _constructor11.constructed_objects.clear()
        _constructor11.recursive_objects.clear()


def _span(node: yaml.Node, line_offset: int, lines: list[str]) -> Span:
    """The node's span in the file. A block value's end mark sits at the start of the next
    line; the span then ends at the end of the value's last line instead."""
    start, end = node.start_mark, node.end_mark
    if end.line > start.line and end.column == 0:
        last = end.line - 1
        width = len(lines[last]) if 0 <= last < len(lines) else 0
        return Span(
            start.line + line_offset + 1, start.column + 1, last + line_offset + 1, width + 1
        )
    return Span(
        start.line + line_offset + 1,
        start.column + 1,
        end.line + line_offset + 1,
        end.column + 1,
    )


_YAML11_BREAKS = "\x85\u2028\u2029"
"""Characters PyYAML reads as line breaks, as YAML 1.1 says, where YAML 1.2 (js-yaml and the
site tools) and the file's own lines (:func:`yeplint.document.source.split_lines`) see text: read as
breaks, they would move every position after them a line down."""


def _stand_ins(source: str) -> dict[int, str]:
    """For each YAML 1.1 line break in ``source``, a private-use character ``source`` does not
    hold: it stands in for the break while PyYAML reads the block, one character for one, so
    that lines and columns stay the file's."""
    found = [char for char in _YAML11_BREAKS if char in source]
    if not found:
        return {}
    free = (chr(code) for code in range(0xF0000, 0xFFFFE) if chr(code) not in source)
    return {ord(char): stand_in for char, stand_in in zip(found, free, strict=False)}


def _put_back(root: yaml.Node, back: dict[int, str]) -> None:
    """Put the YAML 1.1 line breaks back in every scalar of the composed tree (keys included;
    an alias is one node reached twice)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            node.value = node.value.translate(back)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            todo.extend(part for pair in node.value for part in pair)


def parse_yaml(
    source: str, fence: Span, close_line: int | None, line_offset: int
) -> tuple[FrontMatter, list[Problem]]:
    """Compose ``source`` (the lines between the fences) into a :class:`FrontMatter`."""
    fm = FrontMatter(fence=fence, close_line=close_line)
    problems: list[Problem] = []
    standing_in = _stand_ins(source)
    back = {ord(new): chr(old) for old, new in standing_in.items()}
    text = source.translate(standing_in) if standing_in else source
    try:
        try:
            root = _compose(_Loader, text)
        except yaml.MarkedYAMLError as refused:
            try:
                root = _compose(_PyLoader, text)
            except (yaml.YAMLError, RecursionError):
                raise refused from None
            kind = PYYAML_ONLY if isinstance(refused, yaml.composer.ComposerError) else LIBYAML_ONLY
            problem = _syntax_problem(_translated(refused, back), source, line_offset)
            problems.append(problem._replace(kind=kind))
    except yaml.MarkedYAMLError as exc:
        error = _translated(exc, back)
        problems.append(
            _unclosed(error, source, line_offset, close_line)
            or _syntax_problem(error, source, line_offset)
        )
        return fm, problems
    except yaml.YAMLError as exc:
        message = msg("invalid YAML: {problem}", problem=str(exc))
        problems.append(Problem("yaml-syntax-error", fence, message))
        return fm, problems
    except RecursionError:
        problems.append(
            Problem("yaml-too-complex", fence, msg("front matter is nested too deeply to read"))
        )
        return fm, problems
    if root is None:
        fm.data = {}
        fm.ok = True
        return fm, problems
    if back:
        _put_back(root, back)
    builder = _Builder(fm, problems, line_offset, source.split("\n"))
    fm.aliases = "*" in source
    if fm.aliases and builder.measure(root) is None:
        return fm, problems  # aliases (which need a `*`) that expand too far or loop
    fm.data = builder.build(root, ())
    fm.ok = True
    if not isinstance(fm.data, dict):
        if isinstance(fm.data, list):
            message = msg("front matter is a list, not a mapping of keys to values")
        else:
            message = msg("front matter is a single value, not a mapping of keys to values")
        problems.append(
            Problem(
                "front-matter-not-mapping",
                _span(root, line_offset, builder.lines),
                message,
                msg("write it as `key: value` lines"),
            )
        )
    return fm, problems


def _translated(exc: yaml.MarkedYAMLError, back: dict[int, str]) -> yaml.MarkedYAMLError:
    """``exc`` with the stand-ins of :func:`_stand_ins` put back in its words."""
    if back:
        exc.problem = exc.problem and exc.problem.translate(back)
        exc.context = exc.context and exc.context.translate(back)
    return exc


_MAPPING_VALUES = "mapping values are not allowed"
_OPENERS = {
    "quoted scalar": msg("a quoted value"),
    "flow sequence": msg("a `[` list"),
    "flow mapping": msg("a `{{` mapping"),
    "block scalar": msg("a block value"),
}
_PROBLEMS = {
    str(text): text
    for text in (
        msg("mapping values are not allowed here"),
        msg("mapping values are not allowed in this context"),
        msg("mapping keys are not allowed in this context"),
        msg("block sequence entries are not allowed in this context"),
        msg("found a tab character that violates indentation"),
        msg("found a tab character where an indentation space is expected"),
        msg("did not find expected node content"),
        msg("did not find expected ',' or ']'"),
        msg("did not find expected ',' or '}}'"),
        msg("found unknown escape character"),
        msg("found undefined tag handle"),
        msg("found character that cannot start any token"),
        msg("could not find expected ':'"),
        msg("found unexpected end of stream"),
        msg("found unexpected ':'"),
        msg("expected a comment or a line break"),
        msg("expected alphabetic or numeric character"),
        msg("did not find expected key"),
        msg("did not find expected '-' indicator"),
        msg("invalid YAML"),
    )
}
"""PyYAML's problems that writers meet, to be translated; the rest are shown as PyYAML
words them."""


def _problem(text: str) -> str:
    return _PROBLEMS.get(text) or text


def _quote_fix(
    lines: list[str], index: int, line: int, key: str, value: str, quoted: str
) -> Fix | None:
    """An unsafe fix quoting the value of a top-level ``key: value`` line: only when the value
    is the whole rest of the line (no comment), the next line does not continue it, and the
    front matter then reads."""
    name = key.strip()
    if key != name or not re.fullmatch(r"[\w-]+", name) or " #" in value:
        return None
    following = next((t for t in lines[index + 1 :] if t.strip()), "")
    if following[:1] in (" ", "\t"):
        return None
    if sum(1 for t in lines if t.startswith((f"{name}:", f"'{name}':", f'"{name}":'))) > 1:
        return None  # a duplicate key: which value counts is not this fix's to decide
    if any("*" in t for t in lines):
        return None  # aliases: the repaired YAML may still be refused (too complex, shared)
    start = len(key) + 2 + len(value) - len(value.lstrip())
    repaired = [*lines[:index], lines[index][:start] + quoted, *lines[index + 1 :]]
    try:  # certain only if this was the front matter's one problem
        yaml.compose("\n".join(repaired), Loader=_SafeLoader)
    except yaml.YAMLError:
        return None
    span = Span.on_line(line, start + 1, len(value.strip()))
    intent = Intent("yaml", line, (name,), new=value.strip())
    description = msg("quote the value: `{quoted}`", quoted=quoted)
    return Fix(description, (Edit(span, quoted),), "unsafe", (intent,))


_KEY_OR_ITEM = LazyPattern(r"""(?:[\w"'][^:]*:(?:\s|$)|-(?:\s|$)|\s|#)""")
"""The start of a YAML line that front matter holds: a key, a list item, an indented line, a
comment."""


def _unclosed(
    exc: yaml.MarkedYAMLError, source: str, line_offset: int, close_line: int | None
) -> Problem | None:
    """The front matter's closing `---` forgotten: the keys read up to a blank line, the text
    after it is no YAML (a paragraph, a heading), and a `---` further down (a thematic break)
    closed the block instead. Reported where the missing fence belongs."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None or close_line is None:
        return None
    lines = source.split("\n")
    blanks = [i for i in range(1, min(mark.line + 1, len(lines))) if not lines[i].strip()]
    if not blanks:
        return None
    blank = blanks[0]
    first = next((i for i in range(blank, len(lines)) if lines[i].strip()), None)
    text = next((t for t in lines[blank:] if t.strip() and not t.startswith("#")), "")
    if first is None or not text or _KEY_OR_ITEM.match(text):
        return None
    try:
        yaml.compose("\n".join(lines[:blank]), Loader=_SafeLoader)
    except yaml.YAMLError:
        return None
    line = first + line_offset + 1
    return Problem(
        "unterminated-front-matter",
        Span.on_line(line, 1, len(lines[first])),
        msg(
            "front matter is not closed before this text: YAML reads on to the `---` on line"
            " {close}",
            close=close_line,
        ),
        msg("add a line `---` above this one"),
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, source: str, line_offset: int) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    lines = source.split("\n")
    hint: Message | None = None
    fix: Fix | None = None
    if mark is not None and "end of stream" in problem and exc.context_mark is not None:
        # An unclosed quote or bracket: the cause is where it opened, not the end of the block.
        mark = exc.context_mark
    line = (mark.line if mark else 0) + line_offset + 1
    column = (mark.column if mark else 0) + 1
    text = lines[mark.line] if mark and mark.line < len(lines) else ""
    message = msg("invalid YAML: {problem}", problem=_problem(problem))
    never_closed = False
    if exc.context and "end of stream" in problem:
        opened = next((v for k, v in _OPENERS.items() if k in exc.context), msg("a value"))
        message = msg("invalid YAML: {opened} that is never closed", opened=opened)
        never_closed = True
    if problem.startswith(_MAPPING_VALUES):
        key, sep, value = text.partition(": ")
        if sep and column - 1 <= len(key):
            hint = msg(
                "this line is indented more than the key above it; align it or quote the value"
            )
        elif sep and value.strip() and not value.lstrip().startswith(("'", '"', "|", ">")):
            quoted = "'" + value.strip().replace("'", "''") + "'"
            message = msg("invalid YAML: the value contains `: `, which starts a mapping")
            hint = msg("quote the value: `{line}`", line=f"{key.strip()}: {quoted}")
            fix = _quote_fix(lines, mark.line if mark else 0, line, key, value, quoted)
        else:
            hint = msg("quote the value, or indent a nested mapping on its own line")
    elif "found character that cannot start any token" in problem:
        hint = msg("quote the value")
        if "\t" in text[: column + 1]:
            hint = msg("YAML does not allow tabs for indentation; use spaces")
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        hint = msg("check the indentation of this line against the lines above")
    elif "undefined alias" in problem:
        hint = msg("`*` starts an alias in YAML; quote the value")
    elif never_closed:
        hint = msg("close the quote or bracket that starts here")
    width = max(0, len(text) - column + 1)  # to the end of the line, which may be where it is
    return Problem("yaml-syntax-error", Span.on_line(line, column, width), message, hint, fix)


class _Builder:
    """Builds Python data from composed nodes, recording every key's and value's span."""

    def __init__(
        self, fm: FrontMatter, problems: list[Problem], line_offset: int, lines: list[str]
    ) -> None:
        self.fm = fm
        self.problems = problems
        self.offset = line_offset
        self.lines = lines
        self._sizes: dict[int, int] = {}

    def measure(self, root: yaml.Node) -> int | None:
        """Expanded size of the tree (aliases counted every time); ``None`` when too big."""
        in_progress: set[int] = set()
        stack: list[tuple[yaml.Node, bool, int]] = [(root, False, 1)]
        while stack:
            node, done, depth = stack.pop()
            key = id(node)
            if done:
                in_progress.discard(key)
                total = 1 + sum(self._sizes[id(child)] for child in _children(node))
                self._sizes[key] = total
                if total > MAX_NODES:
                    self._too_complex(
                        root,
                        msg(
                            "front matter expands to more than {count} values (aliases"
                            " referring to aliases)",
                            count=Number(MAX_NODES),
                        ),
                    )
                    return None
                continue
            if key in self._sizes:
                continue
            if key in in_progress:
                self._too_complex(node, msg("front matter contains an alias that refers to itself"))
                return None
            if depth > MAX_DEPTH:
                self._too_complex(node, _TOO_DEEP)
                return None
            in_progress.add(key)
            stack.append((node, True, depth))
            stack.extend((child, False, depth + 1) for child in _children(node))
        return self._sizes[id(root)]

    def _too_complex(self, node: yaml.Node, message: Message) -> None:
        self.problems.append(
            Problem(
                "yaml-too-complex",
                _span(node, self.offset, self.lines),
                message,
                msg("simplify the YAML"),
            )
        )

    def build(self, node: yaml.Node, path: JsonPath) -> Any:
        if len(path) > MAX_DEPTH:
            self._too_complex(node, _TOO_DEEP)
            return None
        self.fm.value_spans[path] = _span(node, self.offset, self.lines)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if tag not in _COLLECTION_TAGS:
            self._unknown_tag(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        return None  # pragma: no cover - composer yields only these three kinds

    def _scalar(self, node: yaml.ScalarNode, path: JsonPath) -> Any:
        text: str = node.value
        tag: str = node.tag
        try:
            if tag == PLAIN:
                value = resolve_plain(text)
                typed11, value11 = yaml11_reading(text)
                if (typed11 or not isinstance(value, str)) and not _same(value, value11):
                    self.fm.ambiguities.append(Ambiguity(path, text, value, value11))
                return value
            if tag in (QUOTED, f"{_TAG_PREFIX}str"):
                return text
            if tag == f"{_TAG_PREFIX}null":
                return None
            if tag in (f"{_TAG_PREFIX}{t}" for t in ("bool", "int", "float")):
                value = resolve_plain(text)
                expected = tag.removeprefix(_TAG_PREFIX)
                if type(value).__name__ != expected:
                    self._bad_value(
                        node,
                        msg(
                            "`{text}` is not a valid {kind} (tag `{tag}`)",
                            text=text,
                            kind=_TAG_NAMES[expected],
                            tag=_written_tag(tag),
                        ),
                        msg("remove the tag or fix the value"),
                    )
                    return text
                return value
        except ScalarError as exc:
            problem = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
            self._bad_value(node, problem, msg("quote it if it is text"))
            return text
        self._unknown_tag(node)
        return text

    def _mapping(self, node: yaml.MappingNode, path: JsonPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = str(key_node.value)
            elif self._template(key_node):
                key = "<complex key>"
                self._bad_value(
                    key_node,
                    msg(
                        "`{{{{ … }}}}` is template code: YAML reads it as a mapping inside a"
                        " mapping, not as text"
                    ),
                    msg(
                        "quote the value (`{line}`); if the file is a template (a Hugo"
                        " archetype), exclude its folder",
                        line=f'{path[-1] if path else "key"}: "{{{{ … }}}}"',
                    ),
                )
            else:
                key = "<complex key>"
                self._bad_value(
                    key_node, msg("a mapping key must be a plain value"), msg("use a text key")
                )
            if key == "<<" and key_node.tag == PLAIN:
                merges.append(value_node)
                continue
            key_span = _span(key_node, self.offset, self.lines)
            if key in first_seen:
                self.problems.append(
                    Problem(
                        "duplicate-key",
                        key_span,
                        msg(
                            "duplicate key `{key}` (first defined on line {line})",
                            key=key,
                            line=first_seen[key],
                        ),
                        msg("remove one of them; YAML readers disagree on which one wins"),
                    )
                )
            else:
                first_seen[key] = key_span.line
            inner = (*path, key)
            self.fm.key_spans[inner] = key_span
            result[key] = self.build(value_node, inner)
        for merge in merges:
            sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    for k, v in self._mapping(source, path).items():
                        result.setdefault(k, v)
        return result

    def _template(self, node: yaml.Node) -> bool:
        """Whether ``node`` is the inner braces of a ``{{ … }}`` template expression."""
        mark = node.start_mark
        line = self.lines[mark.line] if 0 <= mark.line < len(self.lines) else ""
        return isinstance(node, yaml.MappingNode) and line[max(mark.column - 1, 0) :].startswith(
            "{{"
        )

    def _unknown_tag(self, node: yaml.Node) -> None:
        self._bad_value(
            node,
            msg(
                "unsupported YAML tag `{tag}`; its value is read as plain data",
                tag=_written_tag(node.tag),
            ),
            msg("remove the tag"),
        )

    def _bad_value(self, node: yaml.Node, message: str, hint: Message | None = None) -> None:
        self.problems.append(
            Problem("invalid-yaml-value", _span(node, self.offset, self.lines), message, hint)
        )


_COLLECTION_TAGS = frozenset({PLAIN, QUOTED, f"{_TAG_PREFIX}map", f"{_TAG_PREFIX}seq"})
_TAG_NAMES = {"bool": msg("boolean"), "int": msg("integer"), "float": msg("number")}


def _written_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG_PREFIX) if tag.startswith(_TAG_PREFIX) else tag


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return bool(a == b)


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        yield from node.value
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value
