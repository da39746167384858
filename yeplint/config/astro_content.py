"""An Astro site's content collections, read from ``src/content.config.ts`` (or the older
``src/content/config.ts``) without running it: the literal ``z.object({...})`` of each
collection turned into the JSON Schema its pages are checked against.

Only what is written as a literal is read: ``z.string()``, ``z.number()``, ``z.boolean()``,
``z.date()``, ``z.coerce.date()`` (and ``z.coerce.number()``…), ``z.enum([...])``,
``z.literal(x)``, ``z.array(x)``, ``z.object({...})``, ``z.union([...])``, ``image()``,
``reference('name')``, ``z.optional(x)``, and the methods ``.optional()``, ``.default(v)``,
``.nullable()``, ``.array()`` and the ones that only narrow a value (``.min()``, ``.url()``…,
which are not checked). Anything else (a function the file imports, a variable, a spread) is
skipped: that key, or the whole collection, is not checked, and :attr:`AstroContent.skipped`
says which, for the run to tell once. A collection's folder is its ``glob()`` loader's ``base``,
or ``src/content/<name>/`` for a collection without a loader.

A key the schema does not name is allowed (Zod strips it), so no ``additionalProperties``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

FILES = ("src/content.config.ts", "src/content.config.mjs", "src/content.config.js")
LEGACY = ("src/content/config.ts", "src/content/config.mjs", "src/content/config.js")


@dataclass(frozen=True, slots=True, eq=False)
class AstroCollection:
    name: str
    folder: str
    """Its pages' folder, relative to the site (``src/content/blog``)."""
    schema: dict[str, Any]


@dataclass(frozen=True, slots=True, eq=False)
class AstroContent:
    source: Path | None
    """The file read; ``None`` when the site has none."""
    text: str
    collections: tuple[AstroCollection, ...]
    skipped: tuple[str, ...]
    """What was not understood (``blog.author``, ``docs``), in file order."""


def read(site: Path) -> AstroContent:
    """The content collections of the Astro site in ``site``: read again only when the file
    changed (the language server runs for hours)."""
    for name in (*FILES, *LEGACY):
        path = site / name
        try:
            changed = path.stat().st_mtime_ns
        except OSError:
            continue
        return _read(path, changed)
    return AstroContent(None, "", (), ())


# Keyed by the file's mtime: bounded, or a language server grows an entry per save.
@lru_cache(maxsize=8)
def _read(path: Path, changed: int) -> AstroContent:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return AstroContent(None, "", (), ())
    collections, skipped = parse(text)
    return AstroContent(path, text, collections, skipped)


# The tokenizer and a small expression reader ---------------------------------------------------

_TOKEN = re.compile(
    r"""(?P<space>\s+|//[^\n]*|/\*.*?\*/)
    |(?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.)*`)
    |(?P<number>-?\d+(?:\.\d+)?)
    |(?P<name>[A-Za-z_$][\w$]*)
    |(?P<arrow>=>)
    |(?P<spread>\.\.\.)
    |(?P<punct>[(){}\[\],:.=;?<>|&!*+\-/%@#^~])
    """,
    re.S | re.X,
)


@dataclass(frozen=True, slots=True)
class Call:
    """``callee(args)``; ``callee`` is a dotted name (``z.coerce.date``) or a :class:`Member`."""

    callee: Any
    args: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Member:
    """``target.name``: a method to be called on a value (``z.string().optional``)."""

    target: Any
    name: str


class Unknown:
    """What the reader does not follow (a spread, an operator, a template with ``${}``)."""


UNKNOWN = Unknown()


class _Reader:
    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        position = 0
        while position < len(text):
            match = _TOKEN.match(text, position)
            if match is None:
                self.tokens.append(("other", text[position]))
                position += 1
                continue
            position = match.end()
            kind = match.lastgroup or "other"
            if kind != "space":
                self.tokens.append((kind, match.group()))
        self.at = 0

    def peek(self, offset: int = 0) -> tuple[str, str]:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.at += 1
        return token

    def is_(self, text: str, offset: int = 0) -> bool:
        kind, value = self.peek(offset)
        return value == text and kind in ("punct", "arrow", "spread")

    def expression(self) -> Any:
        value = self.primary()
        while True:
            if self.is_("."):
                self.take()
                kind, name = self.take()
                if kind != "name":
                    return UNKNOWN
                value = Member(value, name)
            elif self.is_("("):
                value = Call(value, self.arguments())
            else:
                break
        if self.is_(",") or self.is_(")") or self.is_("}") or self.is_("]") or self.is_(";"):
            return value
        if self.peek()[0] == "end":
            return value
        self.skip_expression()
        return UNKNOWN

    def primary(self) -> Any:
        kind, value = self.peek()
        if kind == "string":
            self.take()
            return Text(_unquote(value))
        if kind == "number":
            self.take()
            return float(value) if "." in value else int(value)
        if kind == "name":
            self.take()
            if self.is_("=>"):  # image => ...
                self.take()
                return self.expression()
            return Name(value)
        if self.is_("["):
            self.take()
            items = self.items("]")
            return tuple(items)
        if self.is_("{"):
            self.take()
            return self.mapping()
        if self.is_("("):
            start = self.at
            self.skip_group()
            if self.is_("=>"):  # ({ image }) => z.object(...)
                self.take()
                return self.expression()
            self.at = start + 1
            inner = self.expression()
            if self.is_(")"):
                self.take()
            return inner
        self.skip_expression()
        return UNKNOWN

    def arguments(self) -> tuple[Any, ...]:
        self.take()  # (
        return tuple(self.items(")"))

    def items(self, close: str) -> list[Any]:
        found: list[Any] = []
        while not self.is_(close) and self.peek()[0] != "end":
            found.append(self.expression())
            if self.is_(","):
                self.take()
        self.take()
        return found

    def mapping(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        spread = 0
        while not self.is_("}") and self.peek()[0] != "end":
            kind, key = self.take()
            if kind == "spread":
                self.expression()
                found[f"...{spread}"] = UNKNOWN
                spread += 1
            elif kind in ("name", "string"):
                key = _unquote(key) if kind == "string" else key
                if self.is_(":"):
                    self.take()
                    found[key] = self.expression()
                elif self.is_("("):  # a method: not data
                    self.skip_group()
                    self.skip_group()
                    found[key] = UNKNOWN
                else:
                    found[key] = Name(key)  # shorthand `{ blog }`
            else:
                self.skip_expression()
            if self.is_(","):
                self.take()
        self.take()
        return found

    def skip_group(self) -> None:
        """Past one bracketed group starting here, or past one token."""
        pairs = {"(": ")", "[": "]", "{": "}"}
        if not any(self.is_(o) for o in pairs):
            self.take()
            return
        depth = 0
        while self.peek()[0] != "end":
            kind, value = self.take()
            if kind == "punct" and value in pairs:
                depth += 1
            elif kind == "punct" and value in pairs.values():
                depth -= 1
                if depth == 0:
                    return

    def skip_expression(self) -> None:
        """Past the rest of an expression: up to a `,` `)` `}` `]` or `;` at this depth."""
        while self.peek()[0] != "end":
            if any(self.is_(c) for c in (",", ")", "}", "]", ";")):
                return
            self.skip_group()


@dataclass(frozen=True, slots=True)
class Name:
    name: str


@dataclass(frozen=True, slots=True)
class Text:
    text: str


def _unquote(text: str) -> str:
    body = text[1:-1]
    return re.sub(r"\\(.)", r"\1", body)


def _dotted(value: Any) -> str | None:
    """``z.coerce.date`` for the member chain of names; ``None`` for anything else."""
    if isinstance(value, Name):
        return value.name
    if isinstance(value, Member):
        head = _dotted(value.target)
        return f"{head}.{value.name}" if head else None
    return None


# From the collections' definitions to JSON Schemas ---------------------------------------------


def parse(text: str) -> tuple[tuple[AstroCollection, ...], tuple[str, ...]]:
    """The collections a content config defines, and what in it was not understood."""
    reader = _Reader(text)
    consts: dict[str, Any] = {}
    exported: dict[str, Any] | None = None
    while reader.peek()[0] != "end":
        kind, value = reader.take()
        if kind == "name" and value in ("const", "let", "var") and reader.peek()[0] == "name":
            _, name = reader.take()
            if reader.is_(":"):  # a type annotation: not followed
                continue
            if reader.is_("="):
                reader.take()
                found = reader.expression()
                if name == "collections" and isinstance(found, dict):
                    exported = found
                else:
                    consts[name] = found
    if exported is None:
        return (), ()
    collections: list[AstroCollection] = []
    skipped: list[str] = []
    for name, value in exported.items():
        definition = consts.get(value.name) if isinstance(value, Name) else value
        made = _collection(name, definition, consts, skipped)
        if made is not None:
            collections.append(made)
    return tuple(collections), tuple(skipped)


def _collection(
    name: str, definition: Any, consts: dict[str, Any], skipped: list[str]
) -> AstroCollection | None:
    if not (isinstance(definition, Call) and _dotted(definition.callee) == "defineCollection"):
        skipped.append(name)
        return None
    options = definition.args[0] if definition.args else None
    if not isinstance(options, dict):
        skipped.append(name)
        return None
    folder = _folder(name, options.get("loader"))
    schema_value = options.get("schema")
    if isinstance(schema_value, Name):
        schema_value = consts.get(schema_value.name, UNKNOWN)
    if folder is None or schema_value is None:
        skipped.append(name)
        return None
    schema = _zod(schema_value, consts, name, skipped)
    if schema is None or schema.get("type") != "object":
        if name not in skipped:
            skipped.append(name)
        return None
    return AstroCollection(name, folder, schema)


def _folder(name: str, loader: Any) -> str | None:
    """The folder of a collection's pages: the ``base`` of its ``glob()`` loader, or the
    legacy ``src/content/<name>``; ``None`` for another loader."""
    if loader is None:
        return f"src/content/{name}"
    if isinstance(loader, Call) and _dotted(loader.callee) == "glob" and loader.args:
        options = loader.args[0]
        base = options.get("base") if isinstance(options, dict) else None
        if isinstance(base, Text):
            folder = base.text.removeprefix("./").rstrip("/")
            return folder if folder and ".." not in folder.split("/") else None
    return None


_TYPES: dict[str, dict[str, Any]] = {
    "z.string": {"type": "string"},
    "z.number": {"type": "number"},
    "z.boolean": {"type": "boolean"},
    "z.coerce.string": {},
    "z.coerce.number": {"type": ["number", "string"]},
    "z.coerce.boolean": {},
    "z.any": {},
    "z.unknown": {},
    "image": {"type": "string"},
}
_YAML_DATE = (
    r"^(?:\d{4}-\d{2}-\d{2}"
    r"|\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?"
    r"(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)$"
)
DATE_MARK = "x-yeplint-astro-date"
"""Marks a ``z.date()`` key: a quoted date is text to js-yaml, which the data does not show."""
_DATE: dict[str, Any] = {
    "type": "string",
    "pattern": _YAML_DATE,
    DATE_MARK: True,
    "x-yeplint-message": {
        "en": "{field} must be a date: `{value}` is not one, and `astro build` stops on it",
        "nl": "{field} moet een datum zijn: `{value}` is dat niet, en `astro build` stopt hierop",
    },
    "x-yeplint-hint": {
        "en": "write the date as YYYY-MM-DD, without quotes",
        "nl": "schrijf de datum als JJJJ-MM-DD, zonder aanhalingstekens",
    },
}
"""``z.date()`` takes a YAML timestamp written without quotes (js-yaml makes it a Date); the
reader keeps it as the text written, so the schema asks for that text."""
_NARROWING = frozenset(
    (
        "min",
        "max",
        "length",
        "url",
        "email",
        "regex",
        "int",
        "positive",
        "nonnegative",
        "negative",
        "nonempty",
        "describe",
        "trim",
        "toLowerCase",
        "toUpperCase",
        "startsWith",
        "endsWith",
        "uuid",
        "gt",
        "gte",
        "lt",
        "lte",
        "multipleOf",
        "finite",
        "catch",
        "readonly",
        "brand",
    )
)
"""Methods that narrow a value or describe it: the kind stays what it was (not checked)."""


def _zod(value: Any, consts: dict[str, Any], where: str, skipped: list[str]) -> Any:
    """The JSON Schema of a Zod expression; ``None`` when it is not understood (noted in
    ``skipped`` under ``where``). An ``optional`` key is marked ``{"x-optional": True}``."""
    if isinstance(value, Name) and value.name in consts:
        return _zod(consts[value.name], consts, where, skipped)
    if not isinstance(value, Call):
        skipped.append(where)
        return None
    callee, args = value.callee, value.args
    if isinstance(callee, Member) and _dotted(callee) is None:
        return _method(callee, args, consts, where, skipped)
    name = _dotted(callee)
    if name in _TYPES:
        return dict(_TYPES[name])
    if name == "z.date":
        return dict(_DATE)
    if name == "z.coerce.date":
        return {"type": ["string", "number"]}  # whatever `new Date()` reads: not followed
    if name == "reference":
        return {"type": ["string", "object"]}
    if name == "z.enum" and args and isinstance(args[0], tuple):
        texts = [a.text for a in args[0] if isinstance(a, Text)]
        if len(texts) == len(args[0]):
            return {"type": "string", "enum": texts}
    if name == "z.literal" and args:
        literal = args[0]
        if isinstance(literal, (Text, int, float)):
            return {"const": literal.text if isinstance(literal, Text) else literal}
        if isinstance(literal, Name) and literal.name in ("true", "false"):
            return {"const": literal.name == "true"}
    if name == "z.array" and args:
        items = _zod(args[0], consts, where, skipped)
        return {"type": "array", "items": items} if items is not None else None
    if name in ("z.optional", "z.nullable") and args:
        inner = _zod(args[0], consts, where, skipped)
        return None if inner is None else _wrap(inner, name.removeprefix("z."), args[1:])
    if name == "z.union" and args and isinstance(args[0], tuple):
        options = [_zod(a, consts, where, skipped) for a in args[0]]
        return None if any(o is None for o in options) else {"anyOf": options}
    if name == "z.object" and args and isinstance(args[0], dict):
        return _object(args[0], consts, where, skipped)
    skipped.append(where)
    return None


def _method(
    callee: Member, args: tuple[Any, ...], consts: dict[str, Any], where: str, skipped: list[str]
) -> Any:
    inner = _zod(callee.target, consts, where, skipped)
    if inner is None:
        return None
    if callee.name in ("optional", "nullable", "default", "nullish"):
        return _wrap(inner, callee.name, args)
    if callee.name == "array":
        return {"type": "array", "items": inner}
    if callee.name in _NARROWING:
        return inner
    if callee.name in ("passthrough", "strict", "strip") and inner.get("type") == "object":
        return inner
    skipped.append(where)
    return None


def _wrap(inner: dict[str, Any], how: str, args: tuple[Any, ...]) -> dict[str, Any]:
    """``inner`` made optional (``optional``, ``default``) or able to be ``null``."""
    schema = dict(inner)
    if how in ("nullable", "nullish"):
        schema = _or_null(schema)
    if how in ("optional", "default", "nullish"):
        schema["x-optional"] = True
    return schema


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` that also takes ``null``: one more type where it names its types (a keyword
    such as ``pattern`` or ``items`` applies to its own type only), else an ``anyOf``."""
    kinds = schema.get("type")
    if kinds is not None and "const" not in schema:
        names = [kinds] if isinstance(kinds, str) else list(kinds)
        widened = {**schema, "type": [*names, "null"] if "null" not in names else names}
        if "enum" in schema:
            widened["enum"] = [*schema["enum"], None]
        return widened
    optional = schema.pop("x-optional", None)
    wrapped: dict[str, Any] = {"anyOf": [schema, {"type": "null"}]}
    if optional:
        wrapped["x-optional"] = True
    return wrapped


def _object(
    fields: dict[str, Any], consts: dict[str, Any], where: str, skipped: list[str]
) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for key, value in fields.items():
        if key.startswith("..."):
            skipped.append(f"{where}: …")
            continue
        schema = _zod(value, consts, f"{where}.{key}", skipped)
        if schema is None:
            properties[key] = {}
            continue
        if not schema.pop("x-optional", False):
            required.append(key)
        properties[key] = schema
    return {"type": "object", "properties": properties, "required": required}
