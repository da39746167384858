"""Schema errors turned into findings: jsonschema-rs's errors on a page's front matter, read
against the schema's own words (``x-yeplint-rule``, ``x-yeplint-message``, ``x-yeplint-hint``),
located at the key or value in the file, in the reader's language. The schemas themselves are
loaded by :mod:`yeplint.config.page_schemas`."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from yeplint import record
from yeplint.config.page_schemas import (
    ANNOTATION,
    BASE,
    DATE,
    DATE_TIME,
    HINT,
    JSON_TYPES,
    MESSAGE,
    ROOT,
    SUGGEST,
    CompiledSchema,
    json_type,
)

if TYPE_CHECKING:
    import jsonschema_rs

import json
import math
import posixpath
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from yeplint import LazyPattern
from yeplint.diagnostics import Edit, Fix, Intent, Span, Violation
from yeplint.document.front_matter.located import FrontMatter, JsonPath
from yeplint.locale.messages import Arg, Field, Message, custom, msg, msgn

_PRESENT_ONLY = frozenset({"empty-recommended-value", "empty-value"})
"""Annotations about a value that is there but empty; a missing key stays a missing key."""


def schema_properties(schema: Any) -> dict[str, Any]:
    props = schema.get("properties", {}) if isinstance(schema, dict) else {}
    return props if isinstance(props, dict) else {}


class Finding(NamedTuple):
    rule: str
    violation: Violation


@record
class SchemaError:
    """One validation error, as the rules need it: where, which keyword, the value there, the
    subschema holding the keyword, and the schemas that led to it (innermost first)."""

    path: JsonPath
    keyword: str
    instance: Any
    schema: Any
    message: str
    chain: tuple[Any, ...] = ()
    """The subschema and the schemas it stands for: those that led to it through ``$ref`` or a
    combinator (``allOf``, ``anyOf``, ``oneOf``, ``then``, ``else``), innermost first."""
    documents: dict[str, Any] = field(default_factory=dict)
    base: str = BASE + ROOT
    """The URI of the document :attr:`schema` is in."""

    @property
    def annotation(self) -> str | None:
        """The nearest ``x-yeplint-rule`` along :attr:`chain`."""
        return next((r for r in map(_annotated, self.chain) if r), None)

    def resolve(self, schema: Any) -> Any:
        """A subschema with a local ``$ref`` followed (once)."""
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            target, _, pointer = schema["$ref"].partition("#")
            document = self.documents.get(_join(self.base, target) if target else self.base)
            found = _pointer(document, pointer.split("/")[1:] if pointer else [])
            return found if found is not None else schema
        return schema

    @property
    def expected(self) -> Any:
        """The keyword's value in the schema (``validator_value`` in jsonschema)."""
        return self.schema.get(self.keyword) if isinstance(self.schema, dict) else None


def validate(fm: FrontMatter, data: dict[str, Any], compiled: CompiledSchema) -> list[Finding]:
    """All schema findings for one front matter block, in file order."""
    checked, found, unjson = _json_ready(data, fm)
    seen: set[tuple[str, JsonPath, str]] = set()
    documents = compiled.documents()
    for raw in compiled.validator.iter_errors(checked):
        error = _adapt(raw, documents)
        if any(error.path[: len(bad)] == bad for bad in unjson):
            continue  # reported as no JSON value
        for finding in _convert(error, fm):
            key = (finding.rule, error.path, finding.violation.message)
            if key not in seen:
                seen.add(key)
                found.append(finding)
    found.sort(key=lambda f: (f.violation.span.line, f.violation.span.column))
    return found


def _json_ready(data: Any, fm: FrontMatter) -> tuple[Any, list[Finding], list[JsonPath]]:
    """``data`` as JSON Schema sees it, findings for the values JSON has no form of (``.nan``,
    ``.inf``: validated as their text, and the schema's errors about them left out), and their
    paths."""
    found: list[Finding] = []
    paths: list[JsonPath] = []
    return _as_json(data, (), fm, found, paths), found, paths


def _as_json(
    value: Any, path: JsonPath, fm: FrontMatter, found: list[Finding], paths: list[JsonPath]
) -> Any:
    """One value of :func:`_json_ready` (a module function: a nested recursive one would be a
    reference cycle holding the whole front matter until the cyclic GC runs)."""
    if isinstance(value, float) and not math.isfinite(value):
        written = ".nan" if math.isnan(value) else ".inf"
        message = msg(
            "{field} is `{written}`, which is no JSON value: the schema cannot check it",
            field=Field(path),
            written=written,
        )
        hint = msg("write a number, or quote it if it is text")
        violation = Violation(fm.locate(path), message, hint)
        found.append(Finding("schema-violation", violation))
        paths.append(path)
        return written
    if isinstance(value, dict):
        return {str(k): _as_json(v, (*path, str(k)), fm, found, paths) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v, (*path, i), fm, found, paths) for i, v in enumerate(value)]
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)  # a date or a time from TOML front matter: checked as its text


def _adapt(error: jsonschema_rs.ValidationError, documents: dict[str, Any]) -> SchemaError:
    """jsonschema-rs's error as a :class:`SchemaError`: the keyword is the last step of its
    schema path (``dependentRequired`` is reported with a ``Required`` kind), the subschema is
    found from its absolute keyword location, and the chain of schemas from the evaluation
    path, across ``$ref``."""
    path: JsonPath = tuple(error.instance_path)
    schema_path = list(error.schema_path)
    keyword = str(schema_path[-1]) if schema_path else ""
    location = error.absolute_keyword_location
    subschema: Any = None
    base = BASE + ROOT
    if location:
        uri, _, pointer = str(location).partition("#")
        base = uri
        parts = pointer.split("/")[1:]
        if keyword in parts:  # `#/dependentRequired/0`: the location goes past the keyword
            parts = parts[: len(parts) - 1 - parts[::-1].index(keyword)]
        else:
            parts = parts[:-1]
        subschema = _pointer(documents.get(uri), parts)
    root = documents.get(BASE + ROOT)
    if subschema is None:
        subschema = _pointer(root, [str(p) for p in schema_path[:-1]])
    chain = _chain(root, list(error.evaluation_path)[:-1], documents)
    if subschema is None and chain:
        subschema = chain[0]
    return SchemaError(
        path, keyword, error.instance, subschema, error.message, chain, documents, base
    )


def _join(base: str, target: str) -> str:
    """A relative ``$ref`` target as the URI of a document read up front."""
    joined = posixpath.join(posixpath.dirname(base.removeprefix(BASE)), target)
    return BASE + posixpath.normpath(joined)


def _pointer(document: Any, parts: list[str]) -> Any:
    node = document
    for raw in parts:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(unquote(part))
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


_CONTAINERS = {
    "properties": False,
    "patternProperties": False,
    "dependentSchemas": True,
    "prefixItems": False,
    "allOf": True,
    "anyOf": True,
    "oneOf": True,
}
"""Keywords holding several subschemas, and whether those apply to the same value."""


_SAME_VALUE = frozenset(("$ref", "$dynamicRef", "if", "then", "else", "not"))
"""Keywords whose one subschema applies to the same value (the rest move to another value:
``items``, ``additionalProperties``, ``contains``, …)."""


def _chain(root: Any, steps: list[Any], documents: dict[str, Any]) -> tuple[Any, ...]:
    """The schemas along an evaluation path that apply to the failing value, innermost first:
    the subschema holding the keyword, and the ones that led to it through ``$ref`` or a
    combinator, followed into the documents read up front."""
    chain = [root]
    node, base = root, BASE + ROOT
    inside: bool | None = None
    """After a container keyword: whether its subschemas apply to the same value."""
    for step in steps:
        name = str(step)
        if name in ("$ref", "$dynamicRef") and inside is None and isinstance(node, dict):
            target, _, pointer = str(node.get(name, "")).partition("#")
            if target:
                base = _join(base, target)
            node = _pointer(documents.get(base), pointer.split("/")[1:] if pointer else [])
        elif isinstance(node, dict):
            node = node.get(name)
        elif isinstance(node, list) and name.isdigit() and int(name) < len(node):
            node = node[int(name)]
        else:
            node = None
        if node is None:
            return tuple(reversed(chain))
        if inside is not None:
            chain = [*chain, node] if inside else [node]
            inside = None
        elif name in _CONTAINERS:
            inside = _CONTAINERS[name]
        elif name in _SAME_VALUE:
            chain.append(node)
        else:
            chain = [node]
    return tuple(reversed(chain))


def _custom(
    error: SchemaError,
    violation: Violation,
    field: Field,
    missing: tuple[Any, ...] | None = None,
) -> Violation:
    """The violation with the schema author's message and hint (``x-yeplint-message``,
    ``x-yeplint-hint``): for a wrong value, on the failing subschema or one that led to it;
    for a missing key, on that key's own subschema (``missing``), where ``{value}`` is empty."""
    message, hint = violation.message, violation.hint
    value = "" if missing is not None else _short(error.instance)
    extra: dict[str, Arg] = {"field": field, "value": value}
    chain = error.chain if missing is None else missing
    own = _own_texts(chain, MESSAGE)
    if own and isinstance(message, Message):
        message = custom(own, Message(message.template, {**message.args, **extra}))
    own = _own_texts(chain, HINT)
    if own:
        english = own.get("en") or next(iter(own.values()))
        base = hint if isinstance(hint, Message) else Message(english, extra)
        hint = custom(own, Message(base.template, {**base.args, **extra}))
    if message is violation.message and hint is violation.hint:
        return violation
    return Violation(violation.span, message, hint, violation.fix)


def _own_texts(chain: tuple[Any, ...], keyword: str) -> dict[str, str] | None:
    """A schema author's text by language, from the nearest schema along the chain."""
    for schema in chain:
        texts = schema.get(keyword) if isinstance(schema, dict) else None
        if isinstance(texts, dict):
            return {str(k): v for k, v in texts.items() if isinstance(v, str)} or None
    return None


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _annotated(schema: Any) -> str | None:
    if isinstance(schema, dict):
        rule = schema.get(ANNOTATION)
        return rule if isinstance(rule, str) else None
    return None


def _type_name(value: Any) -> Message:
    """What a value is, in words: the found side of "must be an integer, not …"."""
    kind = json_type(value)
    if kind == "boolean":
        return msg("a boolean")
    if kind == "number":
        return msg("a decimal number")  # "not a number" would puzzle beside "an integer"
    return JSON_TYPES[kind]


def _either(choices: list[Message | str]) -> Message | str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(choices) == 1:
        return choices[0]
    return msg("{choices} or {last}", choices=_listing(choices[:-1]), last=choices[-1])


def _listing(items: list[Message | str]) -> Message | str:
    joined = items[0]
    for item in items[1:]:
        joined = msg("{first}, {second}", first=joined, second=item)
    return joined


def _allowed(values: list[Any]) -> Message | str:
    shown = ", ".join(f"`{_short(a, 40)}`" for a in values[:12])
    if len(values) > 12:
        return msg("{shown} and {count} more", shown=shown, count=len(values) - 12)
    return shown


def _convert(error: SchemaError, fm: FrontMatter) -> Iterator[Finding]:
    path = error.path
    keyword = error.keyword
    instance: Any = error.instance
    schema: Any = error.schema
    annotated = error.annotation

    if keyword in ("required", "dependentRequired"):
        yield from _missing(error, fm, path)
        return
    if keyword == "additionalProperties" and isinstance(instance, dict):
        yield from _unknown_keys(error, fm, path)
        return

    span = fm.locate(path)
    field = Field(path)
    if _is_empty(instance) and keyword in ("type", "minLength", "pattern", "enum", "const"):
        if path and isinstance(path[-1], int):
            message = msg("empty item in {field}", field=Field(path[:-1]))
            hint = msg("remove the empty `-` line or fill it in")
        else:
            message, hint = msg("{field} is empty", field=field), msg("fill in a value")
        if annotated == "missing-alt-text":
            message = msg("{field} is empty", field=field)
            hint = msg("describe the image for people who cannot see it")
        violation = _custom(error, Violation(span, message, hint), field)
        yield Finding(annotated or "empty-value", violation)
        return
    if keyword in ("enum", "const"):
        expected: Any = error.expected
        allowed = [expected] if keyword == "const" else list(expected or [])
        shown = _allowed(allowed)
        suggestions = schema.get(SUGGEST, {}) if isinstance(schema, dict) else {}
        close = (
            suggestions.get(instance)
            if isinstance(suggestions, dict) and isinstance(instance, str)
            else None
        )
        close = close if isinstance(close, str) else _closest(instance, allowed)
        hint = (
            msg("did you mean `{close}`? allowed: {shown}", close=close, shown=shown)
            if close
            else msg("allowed: {shown}", shown=shown)
        )
        message = msg(
            "`{value}` is not an allowed value for {field}", value=_short(instance), field=field
        )
        fix = offer = None
        if isinstance(instance, str) and isinstance(close, str):
            intent = Intent("value", span.line, path, instance, close)
            fix = replace_scalar(span, instance, close, intent) if fm.fixable else None
            offer = _suggested(replace_scalar(span, instance, close, intent), hint)
        violation = _custom(error, Violation(span, message, hint, fix, offer), field)
        yield Finding(annotated or "invalid-enum-value", violation)
        return
    if keyword == "format" and error.expected == "date":
        violation = _date_violation(instance, field, span, path, fm.fixable)
        yield Finding(annotated or "invalid-date", _custom(error, violation, field))
        return
    if keyword == "format" and error.expected == "date-time":
        violation = _date_time_violation(instance, field, span)
        yield Finding(annotated or "invalid-date", _custom(error, violation, field))
        return
    violation = _generic(error, field, span)
    yield Finding(annotated or "schema-violation", _custom(error, violation, field))


def _date_violation(
    value: Any, field: Field, span: Span, path: JsonPath, editable: bool = True
) -> Violation:
    text = _short(value)
    if isinstance(value, str) and DATE.fullmatch(value):
        message = msg("`{value}` in {field} is not a date in the calendar", value=text, field=field)
        return Violation(span, message, msg("use a day that exists in that month"))
    hint = msg("write the date as YYYY-MM-DD")
    fix = None
    parts = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value) if isinstance(value, str) else None
    if parts:
        year, month, day = parts.groups()
        padded = f"{year}-{int(month):02d}-{int(day):02d}"
        hint = msg("write `{date}` (YYYY-MM-DD)", date=padded)
        if (
            editable
            and DATE.fullmatch(padded)
            and _real_date(padded)
            and span.line == span.end_line
        ):
            quoted = span.end_column - span.column == len(value) + 2
            inner = Span(span.line, span.column + quoted, span.line, span.end_column - quoted)
            intent = Intent("value", span.line, path, value, padded)
            fix = Fix(msg("write `{new}`", new=padded), (Edit(inner, padded),), intents=(intent,))
    message = msg("`{value}` in {field} is not a YYYY-MM-DD date", value=text, field=field)
    return Violation(span, message, hint, fix)


def _date_time_violation(value: Any, field: Field, span: Span) -> Violation:
    text = _short(value)
    if isinstance(value, str) and DATE_TIME.fullmatch(value):
        return Violation(
            span,
            msg("`{value}` in {field} is not a moment in the calendar", value=text, field=field),
            msg("use a day that exists in that month and a time of day up to 23:59:59"),
        )
    return Violation(
        span,
        msg("`{value}` in {field} is not a date with a time", value=text, field=field),
        msg("write it as YYYY-MM-DD HH:MM:SS, with an offset such as +01:00 if needed"),
    )


def _real_date(text: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _generic(error: SchemaError, field: Field, span: Span) -> Violation:
    keyword = error.keyword
    instance = error.instance
    expected = error.expected
    if keyword == "type":
        wanted = expected if isinstance(expected, list) else [expected]
        want = _either([JSON_TYPES.get(str(w)) or str(w) for w in wanted])
        message = msg(
            "{field} must be {wanted}, not {found}",
            field=field,
            wanted=want,
            found=_type_name(instance),
        )
        hint: Message | None = None
        if (
            isinstance(instance, str)
            and "integer" in wanted
            and instance.strip().lstrip("-").isdigit()
        ):
            hint = msg("remove the quotes: `{number}`", number=instance.strip())
        elif isinstance(instance, str) and "array" in wanted and "string" not in wanted:
            # `tags: a, b` is one text: a list is `[a, b]`, or one `- item` per line
            items = [i.strip() for i in instance.split(",") if i.strip()]
            hint = msg("write a list: `[{items}]`", items=", ".join(items))
        elif "string" in wanted and not isinstance(instance, (dict, list)):
            hint = msg("quote the value")
        return Violation(span, message, hint)
    text = _short(instance)
    if keyword == "pattern":
        described = _description(error)
        return Violation(
            span,
            msg(
                "`{value}` in {field} is not written the way the site expects",
                value=text,
                field=field,
            ),
            msg("the site expects: {description}", description=described)
            if described
            else msg("it should match the pattern `{pattern}`", pattern=str(expected)),
        )
    if keyword == "minItems" and isinstance(expected, int):
        message = msgn(
            "{field} needs at least {count} item",
            "{field} needs at least {count} items",
            expected,
            field=field,
        )
        return Violation(span, message, msg("add an item"))
    if keyword == "maxItems" and isinstance(expected, int):
        message = msgn(
            "{field} has more than {count} item",
            "{field} has more than {count} items",
            expected,
            field=field,
        )
        return Violation(span, message, msg("remove an item"))
    if keyword in ("minLength", "maxLength") and isinstance(expected, int):
        if keyword == "minLength":
            message = msgn(
                "{field} is shorter than {count} character",
                "{field} is shorter than {count} characters",
                expected,
                field=field,
            )
        else:
            message = msgn(
                "{field} is longer than {count} character",
                "{field} is longer than {count} characters",
                expected,
                field=field,
            )
        return Violation(span, message)
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        templates = {
            "minimum": msg("{field} must be at least {limit}", field=field, limit=str(expected)),
            "maximum": msg("{field} must be at most {limit}", field=field, limit=str(expected)),
            "exclusiveMinimum": msg(
                "{field} must be more than {limit}", field=field, limit=str(expected)
            ),
            "exclusiveMaximum": msg(
                "{field} must be less than {limit}", field=field, limit=str(expected)
            ),
        }
        return Violation(span, templates[keyword])
    if keyword == "uniqueItems":
        return Violation(
            span, msg("{field} lists a value twice", field=field), msg("remove the repeated item")
        )
    if keyword == "format":
        return Violation(
            span,
            msg(
                "`{value}` in {field} is not a valid {format}",
                value=text,
                field=field,
                format=str(expected),
            ),
        )
    problem = error.message
    if len(problem) > 200:
        problem = problem[:199] + "…"
    return Violation(span, msg("{field}: {problem}", field=field, problem=problem))


def _description(error: SchemaError) -> str | None:
    """The schema's ``description`` of the failing value, when it has one: a writer reads it
    rather than a regular expression."""
    for schema in error.chain:
        if isinstance(schema, dict) and isinstance(schema.get("description"), str):
            text: str = schema["description"].strip()
            return _short(text, 160) if text else None
    return None


def _missing(error: SchemaError, fm: FrontMatter, path: JsonPath) -> Iterator[Finding]:
    instance: Any = error.instance if isinstance(error.instance, dict) else {}
    keyword = error.keyword
    expected: Any = error.expected or ([] if keyword == "required" else {})
    props = schema_properties(error.schema)
    wanted: list[tuple[str, str | None]] = []
    if keyword == "required":
        wanted = [(k, None) for k in expected if k not in instance]
    else:
        for trigger, needs in dict(expected).items():
            if trigger in instance:
                wanted += [(k, trigger) for k in needs if k not in instance]
    span = fm.insertion_point(path)
    # a closed mapping reports a misspelt key (`Volgnummer`, `titel`) at that key, with "did you
    # mean" naming the missing one: one mistake, one finding, at the line that holds it
    closed = isinstance(error.schema, dict) and error.schema.get("additionalProperties") is False
    named = (
        {_closest(k, list(props)) for k in _unknown(error.schema, instance)} if closed else set()
    )
    for key, trigger in wanted:
        if key in named:
            continue
        rule = (
            _annotated(props.get(key))
            or _annotated(error.resolve(props.get(key)))
            or error.annotation
            or "missing-required-key"
        )
        if rule in _PRESENT_ONLY:
            rule = "missing-required-key"
        field = Field(path)
        if path and trigger:
            message = msg(
                "missing required key `{key}` in {field} when `{trigger}` is set",
                key=key,
                field=field,
                trigger=trigger,
            )
        elif path:
            message = msg("missing required key `{key}` in {field}", key=key, field=field)
        elif trigger:
            message = msg(
                "missing required key `{key}` when `{trigger}` is set", key=key, trigger=trigger
            )
        else:
            message = msg("missing required key `{key}`", key=key)
        close = _closest(key, list(instance), case_only=True)
        hint = (
            msg("rename `{old}` to `{key}`", old=close, key=key)
            if close
            else msg("add `{key}: …` to the front matter", key=key)
        )
        own = (props.get(key), error.resolve(props.get(key)))  # the missing key's own texts
        violation = _custom(error, Violation(span, message, hint), Field((*path, key)), own)
        yield Finding(rule, violation)


def _unknown(schema: Any, instance: dict[str, Any]) -> list[str]:
    """The keys of ``instance`` that neither ``properties`` nor ``patternProperties`` name."""
    if not isinstance(schema, dict):
        return []
    props = schema_properties(schema)
    patterns = schema.get("patternProperties", {})
    return [k for k in instance if k not in props and not any(re.search(p, k) for p in patterns)]


def _unknown_keys(error: SchemaError, fm: FrontMatter, path: JsonPath) -> Iterator[Finding]:
    schema: Any = error.schema
    props = schema_properties(schema)
    instance: Any = error.instance
    unknown = _unknown(schema, instance)
    closest = {key: _closest(key, list(props)) for key in unknown}
    wanted = Counter(closest.values())
    for key in unknown:
        close = closest[key]
        hint: Message | None = None
        if close:
            hint = msg("did you mean `{close}`?", close=close)
        elif props:
            hint = msg("known keys: {keys}", keys=", ".join(f"`{k}`" for k in props))
        span = fm.locate((*path, key), key=True)
        fix = offer = None
        if close and hint is not None:
            rename = replace_scalar(span, key, close, Intent("key", span.line, path, key, close))
            if close not in instance and fm.fixable and wanted[close] == 1:
                fix = rename
            offer = _suggested(rename, hint)
        yield Finding(
            error.annotation or "unknown-key",
            Violation(span, msg("unknown key `{key}`", key=key), hint, fix, offer),
        )


def _suggested(edit: Fix | None, hint: Message) -> Fix | None:
    """The replacement a "did you mean" names, as a display-only fix (an editor offers it;
    ``--fix`` does not apply it: :mod:`yeplint.rules.suggest`)."""
    return Fix(hint, edit.edits, "display") if edit is not None else None


_PLAIN = LazyPattern(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^#:\n]*[^\s#:])?")


def replace_scalar(span: Span, old: str, new: str, intent: Intent) -> Fix | None:
    """An unsafe fix writing ``new`` for the YAML key or value ``old`` at ``span``: plain stays
    plain, a quoted scalar keeps its quotes; ``None`` when either cannot be written that way
    (the fixer's re-parse check then confirms the data changes exactly as ``intent`` says)."""
    if span.line != span.end_line or not _PLAIN.fullmatch(new):
        return None
    width = span.end_column - span.column
    if width == len(old) and _PLAIN.fullmatch(old):
        inner = span
    elif width == len(old) + 2 and not any(c in old + new for c in "'\"\\"):
        inner = Span(span.line, span.column + 1, span.line, span.end_column - 1)
    else:
        return None
    return Fix(msg("write `{new}`", new=new), (Edit(inner, new),), "unsafe", (intent,))


def _closest(value: Any, candidates: list[Any], *, case_only: bool = False) -> str | None:
    if not isinstance(value, str):
        return None
    texts = [c for c in candidates if isinstance(c, str) and c != value]
    folded = _fold(value)
    for candidate in texts:
        if _fold(candidate) == folded:
            return candidate
    if case_only:
        return None
    import difflib  # only for a value that is not allowed

    by_fold = {_fold(c): c for c in texts}
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.75)
    return by_fold[close[0]] if close else None


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
