"""The configuration's JSON Schema: every key with its type, default, description and example.

One source for three uses: validating ``yeplint.toml`` / ``[tool.yeplint]`` (the first error,
with the line and column of the key in the file), the configuration reference in
``docs/configuration.md``, and ``schemas/yeplint-config.schema.json`` for editor completion
(Taplo / Even Better TOML). ``python -m yeplint.rules.docs config`` prints the published schema
(with every rule's options, which only the catalogue knows), ``--markdown`` the reference;
tests keep both files fresh.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from yeplint.config.files import READ_CAP
from yeplint.config.settings import INT_LIMITS
from yeplint.locale.messages import LANGUAGES

SCHEMA_ID = "https://yeplint.invalid/yeplint-config.schema.json"

_STRINGS = {
    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    "x-expect": "a list of strings",
}


class Key(NamedTuple):
    name: str
    schema: Mapping[str, Any]
    expect: str
    """What the value must be, as an error message says it (`a list of strings`)."""
    default: Any
    description: str
    example: str


def _keys(rule_options: Mapping[str, Any] | None = None) -> tuple[Key, ...]:
    from yeplint.config.generators import NAMES
    from yeplint.config.presets import PRESETS

    presets = sorted(PRESETS)
    return (
        Key(
            "preset",
            {"type": "string", "enum": presets},
            f"one of: {', '.join(presets)}",
            None,
            "A built-in preset the configuration starts from; its keys are overridden one by one.",
            'preset = "yep-trainingen"',
        ),
        Key(
            "generator",
            {"type": "string", "enum": list(NAMES)},
            f"one of: {', '.join(NAMES)}",
            None,
            "The static-site generator whose conventions apply (front matter formats, title as "
            "H1, directory URLs); `yeplint init` writes it. Each key below overrides it.",
            'generator = "hugo"',
        ),
        Key(
            "front-matter",
            {
                "type": "array",
                "items": {"enum": ["yaml", "toml", "json"]},
                "minItems": 1,
                "x-expect": "a list of formats of: yaml, toml, json",
            },
            "a list of formats of: yaml, toml, json",
            ["yaml"],
            "Front matter formats the site reads: YAML (`---`), TOML (`+++`), JSON (`{ … }`); "
            "another format is reported (YEP006).",
            'front-matter = ["yaml", "toml"]',
        ),
        Key(
            "title-is-h1",
            {"type": "boolean"},
            "true or false",
            True,
            "The layout renders the front matter title as the page's H1, so a body H1 is a "
            "second one (YEP208). MkDocs: false.",
            "title-is-h1 = false",
        ),
        Key(
            "directory-urls",
            {"type": "boolean"},
            "true or false",
            False,
            "Pages are served at folder URLs (`guide/setup.md` at `guide/setup/`): a relative "
            "path in raw HTML that resolves from there is found.",
            "directory-urls = true",
        ),
        Key(
            "path-aliases",
            {
                "type": "object",
                "additionalProperties": {"type": "string"},
                "x-expect": "a table of prefix = folder",
            },
            "a table of prefix = folder",
            {},
            "Path prefixes the generator maps to a folder of the project, relative to the project "
            "root (Docusaurus `@site/`, Astro's tsconfig `~/`); a folder outside the project is "
            "an error.",
            'path-aliases = { "~/" = "src/" }',
        ),
        Key(
            "languages",
            {
                "type": "object",
                "additionalProperties": {"type": "string", "pattern": "^(/.*)?$"},
                "x-expect": "a table of language = URL prefix",
            },
            "a table of language = URL prefix",
            {},
            "The site's languages, the default first: a page `x.<language>.md` is in that "
            "language, and `{lang}` in a collection's `url` is its prefix.",
            'languages = { nl = "", en = "/en" }',
        ),
        Key(
            "routes",
            _STRINGS,
            "a list of strings",
            [],
            "URLs the site serves that are not content pages; links to them are not broken.",
            'routes = ["/", "/contact"]',
        ),
        Key(
            "orphan-ignore",
            _STRINGS,
            "a list of strings",
            [],
            "Images that no page references but the site's templates use (globs relative to the "
            "project root): never reported as orphans (YEP501).",
            'orphan-ignore = ["**/logos/**"]',
        ),
        Key(
            "site-url",
            {"type": "string", "pattern": "^https?://"},
            "a string",
            None,
            "The site's own address: a link to it written in full (`http://` or `https://`, with "
            "or without `www.`) is reported, with the path to write instead (YEP405).",
            'site-url = "https://www.example.org"',
        ),
        Key(
            "translation-fields",
            _STRINGS,
            "a list of strings",
            [],
            "Front matter keys a translation (`x.en.md`) must have as its primary page "
            "(`x.nl.md`, the first of `languages`) has them (YEP502).",
            'translation-fields = ["img", "date"]',
        ),
        Key(
            "translation-title",
            {"type": "string"},
            "a string",
            None,
            "The primary page's key holding its translation's title; the translation's "
            "`title-field` should say the same (YEP503).",
            'translation-title = "english_title"',
        ),
        Key(
            "page-bundles",
            {"type": "boolean"},
            "true or false",
            False,
            "A folder with an `index` or `_index` page is a bundle whose images the layouts may "
            "use by name (Hugo, Zola): they are never orphans.",
            "page-bundles = true",
        ),
        Key(
            "dated-folders",
            _STRINGS,
            "a list of strings",
            [],
            "Folder names whose files are named `YYYY-MM-DD-title.md` with a real date (YEP601; "
            "Jekyll: `_posts`).",
            'dated-folders = ["_posts"]',
        ),
        Key(
            "select",
            _STRINGS,
            "a list of strings",
            ["ALL"],
            "Rules to run: codes, prefixes (`YEP2`), names (`missing-image`) or `ALL`.",
            'select = ["ALL"]',
        ),
        Key(
            "extend-select",
            _STRINGS,
            "a list of strings",
            [],
            "Rules added to `select`.",
            'extend-select = ["YEP209"]',
        ),
        Key(
            "ignore",
            _STRINGS,
            "a list of strings",
            [],
            "Rules not to run; the most specific selector wins, as in ruff.",
            'ignore = ["YEP209"]',
        ),
        Key(
            "per-file-ignores",
            {"type": "object", "additionalProperties": _STRINGS},
            "a table of glob = [codes]",
            {},
            "Rules ignored in the files a glob matches.",
            'per-file-ignores = { "drafts/**" = ["YEP3"] }',
        ),
        Key(
            "severity",
            {
                "type": "object",
                "additionalProperties": {
                    "enum": ["error", "warning"],
                    "x-expect": "`error` or `warning`",
                },
            },
            "a table of selector = `error` or `warning`",
            {},
            "A rule's severity: `error` (exit 1) or `warning`.",
            'severity = { YEP107 = "error" }',
        ),
        Key(
            "include",
            _STRINGS,
            "a list of strings",
            ["*.md", "*.markdown"],
            "The files a folder walk checks (gitignore-style globs, relative to the project root).",
            'include = ["content/**/*.md", "content/**/*.mdx"]',
        ),
        Key(
            "exclude",
            _STRINGS,
            "a list of strings",
            [],
            "Files and folders the walk skips (`drafts/` is the folder and everything in it).",
            'exclude = ["archetypes/", "drafts/"]',
        ),
        Key(
            "respect-gitignore",
            {"type": "boolean"},
            "true or false",
            False,
            "Skip what `.gitignore` files (from the git work tree's top) and "
            "`.git/info/exclude` ignore.",
            "respect-gitignore = true",
        ),
        Key(
            "image-fields",
            _STRINGS,
            "a list of strings",
            [],
            "Front matter keys whose value is an image path, checked like body images.",
            'image-fields = ["img"]',
        ),
        Key(
            "static-roots",
            _STRINGS,
            "a list of strings",
            ["static"],
            "Folders served at `/`, where `/`-rooted image paths are looked up; inside the "
            "project (the configuration file's folder).",
            'static-roots = ["static"]',
        ),
        Key(
            "title-field",
            {"type": "string"},
            "a string",
            "title",
            "The front matter key the site renders as the page's H1.",
            'title-field = "title"',
        ),
        Key(
            "max-image-width",
            {"type": "integer", "minimum": 1, "maximum": INT_LIMITS["max-image-width"]},
            f"a positive integer up to {INT_LIMITS['max-image-width']:,}",
            1600,
            "Images wider than this many pixels are reported (YEP308).",
            "max-image-width = 1600",
        ),
        Key(
            "max-image-bytes",
            {"type": "integer", "minimum": 1, "maximum": INT_LIMITS["max-image-bytes"]},
            f"a positive integer up to {INT_LIMITS['max-image-bytes']:,}",
            1_000_000,
            "Images heavier than this many bytes are reported (YEP309).",
            "max-image-bytes = 1000000",
        ),
        Key(
            "lang",
            {"enum": list(LANGUAGES)},
            "`en` or `nl`",
            None,
            "The language of messages, hints and the summary: `nl` (Dutch) or `en` (English). "
            "`--lang` overrides it; without either, the reader's locale decides (`LANGUAGE`, "
            "`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. Rule docs are in English.",
            'lang = "nl"',
        ),
        Key(
            "max-file-size",
            {"type": "integer", "minimum": 1, "maximum": INT_LIMITS["max-file-size"]},
            f"a positive integer up to {INT_LIMITS['max-file-size']:,}",
            1_000_000,
            "Files larger than this many bytes are reported and not parsed.",
            "max-file-size = 1000000",
        ),
        Key(
            "rule-options",
            dict(rule_options or GENERIC_RULE_OPTIONS),
            "a table of rule = {option = value}",
            {},
            "Typed options per rule, by code or name (`yeplint rule CODE` lists them).",
            "[rule-options.emphasis-as-heading]\nmax-length = 80",
        ),
        Key(
            "collections",
            {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "description": "Shown by --show-files."},
                        "glob": {**_STRINGS, "description": "Files of the collection."},
                        "schema": {
                            "type": "string",
                            "description": "A JSON Schema file (relative to the config file, "
                            "inside its folder) or a built-in schema name.",
                        },
                        "url": {
                            "type": "string",
                            "pattern": "^[/{]",
                            "description": "The URL of its pages: `{slug}` (the file name "
                            "without language and extension), `{lang}` (the language's prefix), "
                            "`{collection}`; links to pages are checked against these.",
                        },
                    },
                    "required": ["glob"],
                    "additionalProperties": False,
                    "x-expect": "a table with `glob` and `schema`",
                },
            },
            "a list of tables",
            [],
            "Groups of pages, each checked against a JSON Schema; the first matching one wins. "
            "A schema file, and each file its `$ref`s name, is a regular file inside the project "
            f"(the configuration file's folder) of at most {READ_CAP:,} bytes; nothing is ever "
            "fetched, and a "
            "`$schema` other than JSON Schema draft 4, 6, 7, 2019-09 or 2020-12 is an error. A "
            "glob that matches no page is told once, when the whole site is checked.",
            '[[collections]]\nname = "posts"\nglob = "content/posts/**/*.md"\n'
            'schema = "schemas/posts.schema.json"\nurl = "/posts/{slug}/"',
        ),
    )


GENERIC_RULE_OPTIONS: dict[str, Any] = {
    "type": "object",
    "additionalProperties": {"type": "object"},
}
"""``rule-options`` as the configuration loader sees it: a table of tables. Which rules and
options there are is the catalogue's to say (:mod:`yeplint.engine.selection` checks them; the
published schema gets them from :func:`yeplint.rules.docs.config_schema`)."""


def schema(rule_options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The configuration's JSON Schema (draft 2020-12); ``rule_options`` is the schema of
    ``rule-options`` (the rules' own, from the catalogue), a table of tables without it."""
    properties: dict[str, Any] = {}
    for key in _keys(rule_options):
        entry = {**key.schema, "description": key.description, "x-expect": key.expect}
        if key.default is not None:
            entry["default"] = key.default
        properties[key.name] = entry
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "yeplint configuration (yeplint.toml, or [tool.yeplint] in pyproject.toml)",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    result: dict[str, Any] = json.loads(json.dumps(document))  # tuples as JSON arrays
    return result


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"^\s*([\"']?)([A-Za-z0-9_.-]+)\1\s*=")


def locate(text: str, path: Sequence[str | int], table: str = "") -> tuple[int, int]:
    """The line and column (1-based) of the key at ``path`` in TOML ``text``; ``table`` is the
    table holding the configuration (``tool.yeplint`` in pyproject.toml). The deepest key or
    table header on the way to ``path`` is taken; 1:1 when there is none."""
    prefix: list[str | int] = list(table.split(".")) if table else []
    arrays: dict[tuple[str, ...], int] = {}
    current: list[str | int] = []
    best, depth = (1, 1), -1
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = tuple(n.strip().strip("\"'") for n in header[1].split("."))
            steps: list[str | int] = list(names)
            if line.lstrip().startswith("[["):
                arrays[names] = arrays.get(names, -1) + 1
                steps.append(arrays[names])
            current = steps
            candidate, column = steps, line.index("[") + 1
        else:
            key = _KEY.match(line)
            if key is None:
                continue
            candidate, column = [*current, *key[2].split(".")], key.start(2) + 1
        if candidate[: len(prefix)] != prefix:
            continue
        relative = candidate[len(prefix) :]
        if list(path[: len(relative)]) == relative and len(relative) > depth:
            best, depth = (number, column), len(relative)
    return best


def key_name(path: Sequence[str | int]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def validate(table: Mapping[str, Any], file: Path, toml_table: str = "") -> None:
    """Raise :class:`~yeplint.config.settings.ConfigError` for the first way ``table`` (read from
    ``file``) breaks the schema, as ``file:line:col: message``."""
    import jsonschema_rs

    from yeplint.config.settings import ConfigError

    document = schema()
    try:
        errors = sorted(
            jsonschema_rs.validator_for(document).iter_errors(dict(table)),
            key=lambda e: (len(list(e.instance_path)), [str(p) for p in e.instance_path]),
        )
    except (ValueError, RecursionError):  # jsonschema-rs: "Recursion limit reached"
        raise ConfigError(too_deep(file, _text(file))) from None
    if not errors:
        return
    error = errors[0]
    path = list(error.instance_path)
    keyword = str(list(error.schema_path)[-1]) if list(error.schema_path) else ""
    subschema = _subschema(document, list(error.schema_path)[:-1])
    message = _message(keyword, path, error.instance, subschema, document)
    if keyword == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(subschema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            path = [*path, extra[0]]
    line, column = locate(_text(file), path, toml_table)
    raise ConfigError(f"{file}:{line}:{column}: {message}")


def position(file: Path, path: Sequence[str | int]) -> str:
    """``file:line:col`` of the key at ``path`` in the configuration ``file``."""
    table = "tool.yeplint" if file.name == "pyproject.toml" else ""
    line, column = locate(_text(file), path, table)
    return f"{file}:{line}:{column}"


def _text(file: Path) -> str:
    """The configuration file's text, to find positions in; empty if it cannot be read."""
    from yeplint.config.files import read_capped
    from yeplint.config.settings import ConfigError

    try:
        return read_capped(file).decode("utf-8", errors="replace")
    except (OSError, ConfigError):
        return ""


def too_deep(file: Path | str, text: str) -> str:
    """The error for a TOML or JSON ``text`` nested past what its parser or the validator
    follows (both recurse): ``file:line:col``, where the deepest nesting opens."""
    line, column = nesting_start(text)
    found = _KEY.match(text.splitlines()[line - 1]) if text else None
    if found is not None and found.start(2) < column:
        return f"{file}:{line}:{found.start(2) + 1}: `{found[2]}` is nested too deeply"
    return f"{file}:{line}:{column}: nested too deeply"


def nesting_start(text: str) -> tuple[int, int]:
    """The line and column (1-based) where the most deeply nested array or table of a TOML or
    JSON text starts: its outermost bracket, or the one inside the object that is the whole
    text (a JSON document); 1:1 when there is none. Quoted strings and ``#`` comments are
    skipped (a bracket in them nests nothing)."""
    document = len(text) - len(text.lstrip())  # where a bracket enclosing everything opens
    openers: list[tuple[int, int, int]] = []  # (offset, line, column) of each open bracket
    deepest, best = 0, (1, 1)
    line, column = 1, 0
    quote: str | None = None
    escaped = comment = False
    for offset, char in enumerate(text):
        column += 1
        if char == "\n":
            line, column, comment = line + 1, 0, False
        elif comment:
            continue
        elif quote is not None:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#":
            comment = True
        elif char in "[{":
            openers.append((offset, line, column))
            if len(openers) > deepest:
                deepest = len(openers)
                outer = 1 if openers[0][0] == document and deepest > 1 else 0
                best = openers[outer][1:]
        elif char in "]}" and openers:
            openers.pop()
    return best


def _subschema(document: Mapping[str, Any], parts: Sequence[Any]) -> Mapping[str, Any]:
    node: Any = document
    for part in parts:
        node = node[int(part)] if isinstance(node, list) else node.get(str(part), {})
    return node if isinstance(node, Mapping) else {}


def _expect(document: Mapping[str, Any], path: Sequence[str | int]) -> str | None:
    """The ``x-expect`` text of the key at ``path``, if it has one."""
    node: Any = document
    for step in path:
        if not isinstance(node, Mapping):
            return None
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step) or node.get("additionalProperties")
    found = node.get("x-expect") if isinstance(node, Mapping) else None
    return str(found) if found is not None else None


def _message(
    keyword: str,
    path: Sequence[str | int],
    instance: Any,
    subschema: Mapping[str, Any],
    document: Mapping[str, Any],
) -> str:
    name = key_name(path)
    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(subschema.get("properties", {}))
        extra = sorted(k for k in instance if k not in allowed)
        where = f"{name}." if name else ""
        import difflib  # only for a configuration with a key it does not know

        close = difflib.get_close_matches(extra[0], allowed, n=1) if extra else []
        hint = f"; did you mean `{close[0]}`?" if close else ""
        known = ", ".join(allowed)
        return f"unknown key `{where}{extra[0]}`{hint} (known keys: {known})"
    if keyword == "required":
        missing = [k for k in subschema.get("required", []) if k not in instance]
        return f"`{name}.{missing[0] if missing else '?'}` is required"
    expect = _expect(document, path)
    if expect is None and keyword == "enum":
        expect = "one of: " + ", ".join(f"`{v}`" for v in subschema.get("enum", []))
    if expect is None:
        expect = _plain_type(subschema)
    return f"`{name}` must be {expect}, not {instance!r}"


def _plain_type(subschema: Mapping[str, Any]) -> str:
    kind = subschema.get("type")
    return {
        "integer": "an integer",
        "string": "a string",
        "boolean": "true or false",
        "array": "a list of strings",
        "object": "a table",
    }.get(str(kind), "a valid value")


def reference_markdown() -> str:
    """The configuration reference: every key with its type, default, description, example."""
    lines = [
        "# Configuration reference",
        "",
        "Generated from `yeplint/config/schema.py` by",
        "`python -m yeplint.rules.docs config --markdown`; the same schema is",
        "`schemas/yeplint-config.schema.json`, for editors: with Taplo or Even Better TOML, put",
        "`#:schema ./path/to/yeplint-config.schema.json` on the first line of `yeplint.toml`.",
        "yeplint validates every configuration against it and names the line and column of the",
        "first key that does not match.",
        "",
    ]
    for key in _keys():
        default = "none" if key.default is None else f"`{json.dumps(key.default)}`"
        lines += [
            f"## `{key.name}`",
            "",
            key.description,
            "",
            f"- type: {key.expect}",
            f"- default: {default}",
            "",
            "```toml",
            key.example,
            "```",
            "",
        ]
    return "\n".join(lines)
