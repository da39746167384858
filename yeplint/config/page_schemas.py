"""JSON Schemas: load and compile each once, pick one per file, turn errors into positions.

Validation is jsonschema-rs (Rust; the same errors as the jsonschema package, which stays as
the test oracle). Each error becomes a finding for one rule, chosen by the failing keyword
(``required`` → ``missing-required-key``, ``additionalProperties`` → ``unknown-key``, …) or by an
``x-yeplint-rule`` annotation on the subschema that failed or on a schema that led to it through
``$ref`` (``alt`` → ``missing-alt-text``).
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from yeplint import LazyPattern
from yeplint.config.files import project_boundary, read_project_file
from yeplint.config.settings import Collection, ConfigError, schema_path
from yeplint.locale.messages import msg

if TYPE_CHECKING:
    import jsonschema_rs


ANNOTATION = "x-yeplint-rule"


MESSAGE = "x-yeplint-message"
"""On a subschema: the schema author's own message for a value that fails it, by language
(``{"nl": "…", "en": "…"}``; ``{value}`` and ``{field}`` are filled in)."""


HINT = "x-yeplint-hint"
"""Beside :data:`MESSAGE`: the author's own hint, in the same form."""


SUGGEST = "x-yeplint-suggest"
"""On a subschema with an ``enum``: known wrong values and what to use instead (translations)."""


DATE = LazyPattern(r"\d{4}-\d{2}-\d{2}")


DATE_TIME = LazyPattern(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"[ \t]*(?:[Zz]|[+-](\d{2})(?::?(\d{2}))?)?)?"
)


def is_site_date_time(text: str) -> bool:
    """``format: date-time`` as sites write it: RFC 3339, or a YAML timestamp (a space for the
    `T`, an offset without colon or none, the date alone), and a real moment in the calendar."""
    import datetime

    match = DATE_TIME.fullmatch(text)
    if match is None:
        return False
    year, month, day, hour, minute, second, off_hour, off_minute = match.groups()
    try:
        datetime.datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        return False
    return int(off_hour or 0) < 24 and int(off_minute or 0) < 60


def builtin_dir() -> Path:
    """The built-in schemas: ``yeplint/schemas`` in the wheel, ``schemas/`` in a checkout.

    A plain path beside the package (yeplint is never imported from a zip); importlib.resources
    would cost ~4 ms of start-up for the same answer.
    """
    packaged = Path(__file__).resolve().parents[1] / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"


def builtin_names() -> list[str]:
    return sorted(
        p.name.removesuffix(".schema.json")
        for p in builtin_dir().iterdir()
        if p.name.endswith(".schema.json") and p.name != CONFIG_SCHEMA
    )


CONFIG_SCHEMA = "yeplint-config.schema.json"
"""The configuration's own schema (for editors), shipped beside the collection schemas."""


BASE = "file:///yeplint-schema/"
"""Where a schema and its local ``$ref`` files are placed for resolution: the schema's folder
stands for this, so ``common.json#/$defs/x`` names ``BASE + "common.json"``. Nothing is read
from it; a ``$ref`` outside the files read up front fails (yeplint never fetches)."""


ROOT = "__schema__.json"


class CompiledSchema:
    """A schema read and parsed up front, with the local files its ``$ref``s name; compiled
    (jsonschema-rs imported) on first validation."""

    def __init__(
        self,
        name: str,
        source: str,
        text: str,
        schema: dict[str, Any],
        linked: dict[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.source = source
        self.text = text
        """The texts of the schema and every file it refers to, for the cache key."""
        self.schema = schema
        self.linked = linked or {}
        """Local files named by ``$ref``, by their path relative to the schema's folder."""

    @cached_property
    def validator(self) -> jsonschema_rs.Validator:
        """Every call into jsonschema-rs gets the registry of the files read up front and
        :func:`_no_fetch`: without them it fetches an unknown ``$schema`` or ``$ref`` over HTTP
        itself (in Rust, past Python's sockets)."""
        import jsonschema_rs

        try:
            registry = jsonschema_rs.Registry(
                [(BASE + key, contents) for key, contents in self.linked.items()],
                retriever=_no_fetch,
            )
            jsonschema_rs.meta.validate(self.schema, registry=registry)
        except jsonschema_rs.ValidationError as exc:
            raise ConfigError(f"{self.source}: invalid JSON Schema: {exc.message}") from None
        except (jsonschema_rs.ReferencingError, ValueError) as exc:
            raise ConfigError(f"{self.source}: invalid JSON Schema: {_unresolved(exc)}") from None
        try:
            return jsonschema_rs.validator_for(
                self.schema,
                validate_formats=True,
                formats={"date-time": is_site_date_time},
                registry=registry,
                base_uri=BASE + ROOT,
                retriever=_no_fetch,
            )
        except (jsonschema_rs.ReferencingError, ValueError) as exc:
            message = _unresolved(exc)
            if message == TOO_DEEP:
                raise ConfigError(f"{self.source}: invalid JSON Schema: {message}") from None
            raise ConfigError(
                f"{self.source}: cannot resolve {message} (only local files)"
            ) from None

    def documents(self) -> dict[str, Any]:
        """Every document by its URI: the schema and its local ``$ref`` files."""
        found = {BASE + key: contents for key, contents in self.linked.items()}
        found[BASE + ROOT] = self.schema
        return found


def _no_fetch(uri: str) -> Any:
    raise ValueError(f"`{uri.replace(BASE, '')}`")


TOO_DEEP = "nested too deeply"


def _unresolved(exc: Exception) -> str:
    """jsonschema-rs's error as a message: the URIs without :data:`BASE`, and its recursion
    limit (a ``ValueError``) said plainly."""
    message = str(getattr(exc, "message", None) or exc)  # a ValidationError's first line
    return TOO_DEEP if "Recursion limit reached" in message else message.replace(BASE, "")


_DIALECT = re.compile(
    r"https?://json-schema\.org/(draft-0[467]|draft/2019-09|draft/2020-12)/schema#?"
)
"""The ``$schema`` values jsonschema-rs knows without fetching (drafts 4, 6, 7, 2019-09 and
2020-12, http or https, with or without the empty fragment)."""


def _check_dialect(document: Any, source: str) -> None:
    """An unknown ``$schema`` is a configuration error, not a meta-schema to download."""
    dialect = document.get("$schema") if isinstance(document, dict) else None
    if isinstance(dialect, str) and not _DIALECT.fullmatch(dialect):
        raise ConfigError(
            f"{source}: unknown `$schema` `{dialect}`: yeplint knows JSON Schema drafts 4, 6,"
            " 7, 2019-09 and 2020-12 (`https://json-schema.org/draft/2020-12/schema`) and"
            " never fetches a meta-schema"
        )


def _parse(text: str, source: str) -> Any:
    """A schema file's JSON; a syntax error or nesting past the parser's depth is a
    configuration error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{source}: not valid JSON: {exc}") from None
    except RecursionError:
        from yeplint.config.schema import too_deep

        raise ConfigError(too_deep(source, text)) from None


def _read_schema_file(path: Path, project: Path) -> str:
    """A schema file's text, read under the rules of :func:`~yeplint.config.files.path_problem`
    (inside the project, a regular file, capped); a :class:`ConfigError` says why not."""
    try:
        return read_project_file(path, project).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 ({exc.reason})") from None
    except OSError as exc:
        raise ConfigError(str(exc.strerror or exc)) from None


MAX_LINKED = 64
"""Most local schema files one schema may pull in through ``$ref``."""


def _refs(node: Any) -> set[str]:
    """The file parts of the ``$ref``s in a schema (``common.json#/$defs/x`` → ``common.json``);
    remote ones (``https://…``) are left to fail as unresolvable: yeplint never fetches."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str):
                target = ref.split("#", 1)[0]
                if target and "://" not in target and not target.startswith("urn:"):
                    found.add(target)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _linked(
    schema: dict[str, Any], folder: Path, source: str, project: Path
) -> tuple[dict[str, Any], str]:
    """Read the local files that ``schema`` refers to, transitively; each must be a regular
    file inside ``project`` (``../../outside.json`` and ``/etc/passwd`` are refused, never
    read)."""
    linked: dict[str, Any] = {}
    texts: list[str] = []
    pending = [(ref, PurePosixPath(".")) for ref in sorted(_refs(schema))]
    while pending:
        ref, relative_to = pending.pop()
        key = posixpath.normpath((relative_to / ref).as_posix())
        if key in linked:
            continue
        if len(linked) >= MAX_LINKED:
            raise ConfigError(f"{source}: refers to more than {MAX_LINKED} schema files")
        path = folder / key
        try:
            text = _read_schema_file(path, project)
        except ConfigError as exc:
            raise ConfigError(f"{source}: cannot read `$ref` {ref} ({path}): {exc}") from None
        contents = _parse(text, f"{source}: `$ref` {ref} ({path})")
        _check_dialect(contents, f"{source}: `$ref` {ref} ({path})")
        linked[key] = contents
        texts.append(f"{key}\0{text}")
        parent = PurePosixPath(key).parent
        pending.extend((inner, parent) for inner in sorted(_refs(contents)))
    return linked, "\0".join(texts)


def load_schema(collection: Collection) -> CompiledSchema:
    assert collection.schema is not None
    return _load(collection.schema, str(collection.base) if collection.base else None)


def _load(ref: str, base: str | None) -> CompiledSchema:
    """The schema ``ref`` names: a built-in one, or a file of the project at ``base`` (the
    configuration's folder, the working directory without one; its files and ``$ref``s may
    come from anywhere in the git work tree it sits in, never from outside it)."""
    project = Path(base or ".")
    path = schema_path(ref, project)
    if path is None:
        project = builtin_dir()
        path = project / f"{ref}.schema.json"
        if not path.is_file():
            names = ", ".join(builtin_names())
            raise ConfigError(f"no built-in schema `{ref}` (built-in: {names})")
        source = f"built-in:{ref}"
    else:
        source = str(path)
        project = project_boundary(project)
    try:
        text = _read_schema_file(path, project)
    except ConfigError as exc:
        raise ConfigError(f"cannot read schema {path}: {exc}") from None
    schema = _parse(text, source)
    if not isinstance(schema, dict):
        raise ConfigError(f"{source}: a schema must be a JSON object")
    _check_dialect(schema, source)
    linked, linked_text = _linked(schema, path.parent, source, project)
    return CompiledSchema(ref, source, f"{text}\0{linked_text}", schema, linked)


JSON_TYPES = {
    "string": msg("a string"),
    "integer": msg("an integer"),
    "number": msg("a number"),
    "boolean": msg("true or false"),
    "array": msg("a list"),
    "object": msg("a mapping"),
    "null": msg("empty"),
}


def json_type(value: Any) -> str:
    """The JSON Schema type of a value read from YAML."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
