"""``yeplint init``: infer a config and JSON Schemas from an existing content tree.

Each top folder of the content tree becomes a collection. For each collection the schema lists
every key seen, with the JSON type most of its values have; keys every page has are required;
`YYYY-MM-DD` strings get ``format: date``; low-cardinality text fields (categories) get an enum.
Rare spellings are left out on purpose, so that the first ``yeplint check`` reports them:
a key that differs only in case from a more common key (``Subtitle``), and a one-off enum value
close to a common one (``Carreer`` next to ``Carriere``).
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yeplint.config import Settings
from yeplint.discovery import discover
from yeplint.document import load_text
from yeplint.schemas import json_type

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
MAX_ENUM = 15
"""A text field with at most this many distinct values (and repeats) becomes an enum."""
MAX_ENUM_TEXT = 40
"""Enum values are labels: none longer than this."""
ALT_KEY = "alt"


class InitError(Exception):
    """A file exists with other content and ``--force`` was not given (exit 2)."""


@dataclass
class KeyStats:
    count: int = 0
    types: Counter[str] = field(default_factory=Counter)
    empty: int = 0
    values: Counter[str] = field(default_factory=Counter)
    item_types: Counter[str] = field(default_factory=Counter)
    dates: int = 0
    texts: int = 0


@dataclass
class Inferred:
    name: str
    pages: int
    schema: dict[str, Any]
    notes: list[str]


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _collect(pages: list[dict[str, Any]]) -> dict[str, KeyStats]:
    stats: dict[str, KeyStats] = defaultdict(KeyStats)
    for data in pages:
        for key, value in data.items():
            entry = stats[key]
            entry.count += 1
            if _empty(value):
                entry.empty += 1
                continue
            entry.types[json_type(value)] += 1
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(value, list):
                    entry.item_types[json_type(item)] += 1
                if isinstance(item, str) and item.strip():
                    entry.texts += 1
                    entry.values[item] += 1
                    entry.dates += bool(_DATE.fullmatch(item))
    return stats


def infer(name: str, pages: list[dict[str, Any]]) -> Inferred:
    stats = _collect(pages)
    notes: list[str] = []
    by_fold: dict[str, list[str]] = defaultdict(list)
    for key in stats:
        by_fold[key.casefold()].append(key)
    properties: dict[str, Any] = {}
    for key, entry in sorted(stats.items(), key=lambda kv: -kv[1].count):
        variants = by_fold[key.casefold()]
        main = max(variants, key=lambda k: stats[k].count)
        if key != main:
            notes.append(f"`{key}` ({entry.count}×) left out: a variant of `{main}`")
            continue
        properties[key] = _property(key, entry, len(pages), notes)
    required = [k for k in properties if stats[k].count == len(pages)]
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DRAFT,
        "title": f"{name} (inferred by yeplint init from {len(pages)} pages)",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if "img" in properties and "type" in properties.get(ALT_KEY, {}):
        schema["dependentRequired"] = {"img": [ALT_KEY]}
        properties[ALT_KEY]["x-yeplint-rule"] = "missing-alt-text"
    return Inferred(name, len(pages), schema, notes)


def _property(key: str, entry: KeyStats, pages: int, notes: list[str]) -> dict[str, Any]:
    if not entry.types:
        notes.append(f"`{key}` is empty on every page: any value allowed")
        return {"description": "Empty on every page when inferred."}
    kind = entry.types.most_common(1)[0][0]
    prop: dict[str, Any] = {"type": kind}
    if kind == "string":
        if entry.dates and entry.dates == entry.texts:
            prop["format"] = "date"
        prop.update(_enum(key, entry, notes))
        if entry.empty and entry.empty < entry.count and key != ALT_KEY:
            prop["x-yeplint-rule"] = "empty-recommended-value"
            notes.append(f"`{key}` is empty on {entry.empty} of {entry.count} pages: recommended")
        if "enum" not in prop and "format" not in prop:
            prop["pattern"] = "\\S"
    elif kind == "array":
        item_kind = entry.item_types.most_common(1)[0][0] if entry.item_types else "string"
        items: dict[str, Any] = {"type": item_kind}
        if item_kind == "string":
            items.update(_enum(key, entry, notes) or {"pattern": "\\S"})
        prop["items"] = items
    others = {t: n for t, n in entry.types.items() if t != kind}
    if others:
        seen = ", ".join(f"{t} {n}×" for t, n in sorted(others.items()))
        notes.append(f"`{key}` is mostly {kind}; also seen: {seen}")
    return prop


def _enum(key: str, entry: KeyStats, notes: list[str]) -> dict[str, Any]:
    distinct = len(entry.values)
    if not (1 < distinct <= MAX_ENUM and entry.texts >= 2 * distinct):
        return {}
    if max(len(v) for v in entry.values) > MAX_ENUM_TEXT:
        return {}  # free text (credits, intros) that happens to repeat
    keep: list[str] = []
    for value, count in sorted(entry.values.items()):
        common = [v for v, c in entry.values.items() if v != value and c > count]
        close = difflib.get_close_matches(value, common, n=1, cutoff=0.8)
        if count == 1 and close:
            notes.append(f"`{key}`: `{value}` (1×) left out of the enum: close to `{close[0]}`")
            continue
        keep.append(value)
    counts = ", ".join(f"{v} ×{entry.values[v]}" for v in keep)
    return {"enum": keep, "description": f"Values seen: {counts}"}


def _collection_of(relative: str) -> str:
    """The top folder; special pages (`_index.md`, `_.nl._.md`) get a collection of their own."""
    parts = relative.split("/")
    folder = parts[0] if len(parts) > 1 else "pages"
    return f"{folder}/_" if parts[-1].startswith("_") else folder


def run_init(content: Path, output: Path, *, force: bool) -> list[str]:
    """Infer and write ``yeplint.toml`` and ``schemas/*.schema.json``; return report lines."""
    content = content.resolve()
    output = output.resolve()
    settings = Settings(collections=())
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for target in discover([content], settings, cwd=content):
        data = _read_capped(target.path, settings.max_file_size)
        post = load_text(target.path, target.display, data) if data is not None else None
        if post is not None and post.data is not None:
            grouped[_collection_of(target.display)].append(post.data)
    if not grouped:
        raise InitError(f"no pages with front matter under {content}")
    files: dict[Path, str] = {}
    lines: list[str] = []
    try:
        prefix = content.relative_to(output).as_posix()
    except ValueError:
        prefix = "**"  # content outside the config's folder is its own root when checked
    toml = [
        "# Written by `yeplint init`; edit freely. First matching collection wins.",
        "",
    ]
    for name in sorted(grouped, key=lambda n: (n.split("/")[0], "/" not in n)):
        inferred = infer(name, grouped[name])
        schema_path = output / "schemas" / f"{_slug(name)}.schema.json"
        files[schema_path] = json.dumps(inferred.schema, indent=2, ensure_ascii=False) + "\n"
        folder, _, special = name.partition("/")
        base = prefix if folder == "pages" else f"{prefix}/{folder}"
        glob = f"{base}/_*.md" if special else f"{base}/**/*.md"
        glob = glob.removeprefix("./").removeprefix("**/") if prefix == "**" else glob
        glob = glob.removeprefix("./")
        toml += [
            "[[collections]]",
            f"name = {json.dumps(name)}",
            f"glob = {json.dumps(glob)}",
            f"schema = {json.dumps(f'schemas/{_slug(name)}.schema.json')}",
            "",
        ]
        lines.append(f"{name}: {inferred.pages} pages, {len(inferred.schema['properties'])} keys")
        lines += [f"  {note}" for note in inferred.notes]
    files[output / "yeplint.toml"] = "\n".join(toml)
    clashes = [p for p, text in files.items() if p.exists() and p.read_text("utf-8") != text]
    if clashes and not force:
        names = ", ".join(str(p) for p in clashes)
        raise InitError(f"would overwrite {names}; use --force to replace")
    for path, text in files.items():
        state = "unchanged" if path.exists() and path.read_text("utf-8") == text else "wrote"
        path.parent.mkdir(parents=True, exist_ok=True)
        if state == "wrote":
            path.write_text(text, encoding="utf-8")
        lines.append(f"{state} {path}")
    return lines


def _read_capped(path: Path, cap: int) -> bytes | None:
    """The file's bytes, or ``None`` when it cannot be read or is over ``max-file-size``."""
    try:
        with path.open("rb") as handle:
            data = handle.read(cap + 1)
    except OSError:
        return None
    return data if len(data) <= cap else None


def _slug(name: str) -> str:
    name = name.replace("/_", "-special")
    return re.sub(r"[^\w.-]+", "-", name).strip("-").lower() or "pages"
