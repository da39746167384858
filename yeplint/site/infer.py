"""``yeplint init``: infer a config and JSON Schemas from an existing content tree.

What a person would write, from the pages already there:

- **collections**: one per top folder of the content tree (a *section*: its pages at every depth,
  page bundles included), one for every section index page (``_index.md``, at any depth:
  they hold a section's settings, not its posts) and one for the pages directly in the root
  (``content/*.md``), listed first. Language folders share the collections of their
  sections: when every top folder is a language (``en/``, ``nl/``, ``pt-br/``) and when some
  are, beside the root language's own sections, with pages that share most of their keys
  (Starlight's ``de/``, ``fr/``); the globs name them (``{en,nl}/blog/**``,
  ``{,de/,fr/}guides/**``). No collection is inferred from one page (it shows no pattern,
  only itself) and partials (``_x.md``, included into pages) are in none: a ``partials``
  collection without a schema holds them. Globs name every Markdown extension the tree uses;
- **front matter**: with no generator recognised, YAML, TOML (``+++``) and JSON are all read
  (a content folder copied out of its Hugo or Zola site) and the formats found are written;
- **static-roots**: the folders the generator serves at ``/``, as the site's configuration
  names them where yeplint reads it (Astro's ``publicDir``);
- **types**: every JSON type a key's values have (``string | array`` when some pages write a
  list); `YYYY-MM-DD` strings get ``format: date``, dates with a time ``format: date-time`` (both
  calendar-checked); keys every page has are required;
- **enums** only for labels: text values of at most 40 characters with a letter, no `/`, not a
  date, number or URL, with 2-15 distinct values of which at least half appear on two pages or
  more (and twice as many uses as values); the counts go into the description;
- a key left empty on some pages may stay empty; nothing is made "recommended" from the
  absence of values;
- **image fields**: keys whose every value is a local image path (``.png``, ``.jpg`` …);
- **excluded**: template and dependency folders (``archetypes/``, ``_layouts/``, ``_includes/``,
  ``node_modules/``) and the detected generator's output folder, written into ``exclude``.

Rare spellings are left out on purpose, so that the first ``yeplint check`` reports them: a key
that differs only in case from a more common key (``Subtitle``; not on generators that read keys
without regard to case), and a one-off enum value close to a common one (``Carreer``).
"""

from __future__ import annotations

import difflib
import json
import locale
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yeplint.config.files import read_upto
from yeplint.config.generators import (
    TEMPLATE_FOLDERS,
    Generator,
    detect,
    detect_below,
    tsconfig_aliases,
)
from yeplint.config.page_schemas import json_type
from yeplint.config.settings import MARKDOWN_EXTENSIONS, Settings
from yeplint.document.post import load_text
from yeplint.site.discovery import discover

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_DATE_TIME = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}([Tt ]|\s+)\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([Zz]|[+-]\d{2}(:?\d{2})?)?"
)
_NUMBER = re.compile(r"[+-]?(\d[\d_,]*)?\.?\d+([eE][+-]?\d+)?")
_IMAGE = re.compile(r"(?i)[^:?#]+\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|tiff?)")
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
    nulls: int = 0
    blanks: int = 0
    values: Counter[str] = field(default_factory=Counter)
    item_types: Counter[str] = field(default_factory=Counter)
    dates: int = 0
    date_times: int = 0
    images: int = 0
    texts: int = 0
    blank_items: int = 0

    @property
    def empty(self) -> int:
        return self.nulls + self.blanks


@dataclass
class Inferred:
    name: str
    pages: int
    schema: dict[str, Any]
    notes: list[str]
    image_fields: list[str] = field(default_factory=list)


def _empty_text(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _collect(pages: list[dict[str, Any]]) -> dict[str, KeyStats]:
    stats: dict[str, KeyStats] = defaultdict(KeyStats)
    for data in pages:
        for key, value in data.items():
            entry = stats[key]
            entry.count += 1
            if value is None:
                entry.nulls += 1
                continue
            if _empty_text(value):
                entry.blanks += 1
                continue
            entry.types[json_type(value)] += 1
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(value, list) and (item is None or _empty_text(item)):
                    entry.blank_items += 1  # an empty list item is a mistake, never a type
                    continue
                if isinstance(value, list):
                    entry.item_types[json_type(item)] += 1
                if isinstance(item, str) and item.strip():
                    entry.texts += 1
                    entry.values[item] += 1
                    if _DATE.fullmatch(item):
                        entry.dates += 1
                    elif _DATE_TIME.fullmatch(item):
                        entry.date_times += 1
                    if not isinstance(value, list) and _IMAGE.fullmatch(item) and "//" not in item:
                        entry.images += 1
    return stats


def infer(name: str, pages: list[dict[str, Any]], *, fold_case: bool = True) -> Inferred:
    """The schema of one collection from its pages' front matter. With ``fold_case``, a key that
    differs only in case from a more common one is left out (reported as a variant)."""
    stats = _collect(pages)
    notes: list[str] = []
    by_fold: dict[str, list[str]] = defaultdict(list)
    for key in stats:
        by_fold[key.casefold() if fold_case else key].append(key)
    properties: dict[str, Any] = {}
    for key, entry in sorted(stats.items(), key=lambda kv: -kv[1].count):
        variants = by_fold[key.casefold() if fold_case else key]
        main = max(variants, key=lambda k: stats[k].count)
        if key != main:
            notes.append(f"`{key}` ({entry.count}×) left out: a variant of `{main}`")
            continue
        properties[key] = _property(key, entry, notes)
    required = [k for k in properties if stats[k].count == len(pages)]
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DRAFT,
        "title": f"{name} (inferred by yeplint init from {len(pages)} pages)",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    images = [
        k
        for k in properties
        if stats[k].images and stats[k].images == stats[k].texts == sum(stats[k].types.values())
    ]
    if ALT_KEY in properties and "type" in properties[ALT_KEY]:
        # `alt` required with an image key only where every page with that key has an alt
        needs = [k for k in images if all(ALT_KEY in p for p in pages if k in p)]
        if needs:
            # an empty alt text is a mistake wherever an image has one
            schema["dependentRequired"] = {k: [ALT_KEY] for k in needs}
            alt = properties[ALT_KEY]
            alt["x-yeplint-rule"] = "missing-alt-text"
            if alt.get("type") in ("string", ["null", "string"]) and "enum" not in alt:
                alt.update(type="string", pattern="\\S")
    return Inferred(name, len(pages), schema, notes, images)


def _types(entry: KeyStats) -> list[str]:
    kinds = set(entry.types)
    if {"integer", "number"} <= kinds:
        kinds.discard("integer")
    if entry.nulls:
        kinds.add("null")
    return sorted(kinds)


def _property(key: str, entry: KeyStats, notes: list[str]) -> dict[str, Any]:
    if not entry.types:
        notes.append(f"`{key}` is empty on every page: any value allowed")
        return {"description": "Empty on every page when inferred."}
    kinds = _types(entry)
    prop: dict[str, Any] = {"type": kinds[0] if len(kinds) == 1 else kinds}
    if "string" in kinds:
        if entry.dates + entry.date_times == entry.texts and entry.texts:
            prop["format"] = "date-time" if entry.date_times else "date"
        elif entry.types["string"] and not entry.types["array"]:
            prop.update(_enum(key, entry, notes))
        if "enum" not in prop and "format" not in prop and not entry.blanks:
            prop["pattern"] = "\\S"
    if "array" in kinds:
        item_kinds = sorted(entry.item_types) or ["string"]
        items: dict[str, Any] = {"type": item_kinds[0] if len(item_kinds) == 1 else item_kinds}
        if item_kinds == ["string"]:
            if entry.dates + entry.date_times == entry.texts and entry.texts:
                items["format"] = "date-time" if entry.date_times else "date"
            elif not entry.types["string"]:
                items.update(_enum(key, entry, notes))
            if "enum" not in items and "format" not in items:
                items["pattern"] = "\\S"
        prop["items"] = items
    if len(entry.types) > 1:
        seen = ", ".join(f"{t} {n}×" for t, n in sorted(entry.types.items()))
        notes.append(f"`{key}` has several types: {seen}")
    if entry.empty and entry.empty < entry.count:
        notes.append(f"`{key}` is empty on {entry.empty} of {entry.count} pages: allowed")
    return prop


def _label(value: str) -> bool:
    """A value that reads as a label: short, with a letter, not a path, URL, date or number."""
    return (
        len(value) <= MAX_ENUM_TEXT
        and any(c.isalpha() for c in value)
        and "/" not in value
        and not _DATE.match(value)
        and not _NUMBER.fullmatch(value.strip())
    )


def _enum(key: str, entry: KeyStats, notes: list[str]) -> dict[str, Any]:
    distinct = len(entry.values)
    if not (1 < distinct <= MAX_ENUM and entry.texts >= 2 * distinct):
        return {}
    if not all(_label(v) for v in entry.values):
        return {}  # free text, paths, URLs, dates or numbers that happen to repeat
    if 2 * sum(1 for c in entry.values.values() if c >= 2) < distinct:
        return {}  # mostly one-off values: identifiers or free text, not a set of labels
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


def _language(name: str) -> bool:
    """Whether a folder name is a language code (``en``, ``nl``, ``pt-br``, ``zh_CN``)."""
    match = re.fullmatch(r"([a-z]{2})(?:[-_]([a-z]{2,4}))?", name.lower())
    if match is None:
        return False
    aliases = locale.locale_alias
    return match[1] in aliases and (
        match[2] is None or f"{match[1]}_{match[2]}" in aliases or len(match[2]) == 4
    )


@dataclass
class _Page:
    relative: str
    """Path below the content folder, ``/``-separated."""
    data: dict[str, Any]
    with_front_matter: bool = True


def _format_of(data: bytes) -> str:
    """The front matter format a page opens with: ``+++`` TOML, ``{`` JSON, else YAML."""
    start = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"+++"):
        return "toml"
    return "json" if start.startswith(b"{") else "yaml"


def _partial(relative: str) -> bool:
    """A file included into pages rather than served as one (``_note.md``, Docusaurus's
    ``_partial.mdx``); a section's ``_index.md`` is a page."""
    name = relative.rsplit("/", 1)[-1]
    return name.startswith("_") and name.split(".")[0] != "_index"


def _section_index(relative: str) -> bool:
    return relative.rsplit("/", 1)[-1].split(".")[0] == "_index"


MIN_PAGES = 2
"""A collection is inferred from at least this many pages: one page shows no pattern, only
itself (its every key would be required)."""
SECTIONS = "sections"
"""The collection of every section's index page (``_index.md``), at any depth."""


@dataclass
class _Plan:
    """The collections ``init`` writes: every group of pages by name (``""``: the pages at the
    root; :data:`SECTIONS`: the section index pages), the language folders and how a glob
    names them, and the pages left out with why."""

    groups: dict[str, list[_Page]]
    languages: list[str]
    lead: str
    """The glob of a page's language folder, ``/``-terminated: ``{en,nl}/``, ``{,de/,fr/}``
    (the root's own language and language folders beside its sections), or nothing."""
    partials: list[str]
    single: dict[str, str]
    """Groups of one page, which get no collection: name → the page."""


def _plan(pages: list[_Page]) -> _Plan:
    """Group the pages into the collections a person would write: one per section (its
    pages at every depth, page bundles included), one for all section index pages, one for
    the root's pages; language folders share their sections' collections. Partials and
    groups of one page get none."""
    partials = sorted(p.relative for p in pages if _partial(p.relative))
    pages = [p for p in pages if not _partial(p.relative)]
    languages, lead = _languages(pages)
    grouped: dict[str, list[_Page]] = defaultdict(list)
    for page in pages:
        parts = page.relative.split("/")
        if len(parts) > 1 and parts[0] in languages:
            parts = parts[1:]
        if _section_index(page.relative):
            grouped[SECTIONS].append(page)
        else:
            grouped[parts[0] if len(parts) > 1 else ""].append(page)
    alone = [name for name, group in grouped.items() if len(group) < MIN_PAGES]
    single = {n: grouped[n][0].relative for n in alone if grouped[n][0].with_front_matter}
    for name in alone:
        del grouped[name]
    return _Plan(dict(grouped), languages, lead, partials, single)


def _languages(pages: list[_Page]) -> tuple[list[str], str]:
    """The language folders and the glob of them. When every top folder is a language
    (``en/``, ``nl/``), each page is in one; when some are, beside the root language's own
    sections (Starlight's ``de/``, ``fr/`` next to ``guides/``), a language folder joins
    when its pages share most of their keys with the root's pages (a folder ``id/`` of
    identifiers does not)."""
    tops = {p.relative.split("/")[0] for p in pages if "/" in p.relative}
    if tops and all(_language(t) for t in tops):
        names = sorted(tops)
        return names, _glob_group(names) + "/"
    candidates = sorted(t for t in tops if _language(t))
    rest: set[str] = set()
    for page in pages:
        if page.relative.split("/")[0] not in candidates:
            rest |= set(page.data)
    joined = []
    for name in candidates:
        keys: set[str] = set()
        for page in pages:
            if page.relative.startswith(name + "/"):
                keys |= set(page.data)
        if keys and 2 * len(keys & rest) >= len(keys):
            joined.append(name)
    if not joined:
        return [], ""
    return joined, "{," + ",".join(f"{n}/" for n in joined) + "}"


def _excluded_folders(top: Path, generator: Generator | None, site: Path | None) -> list[str]:
    """Template, dependency and output folders found below ``top``, as exclude patterns."""
    found: set[str] = set()
    outputs: set[Path] = set()
    if generator is not None and site is not None:
        outputs = {site / name for name in generator.output}
    for folder, dirs, _ in os.walk(top):
        here = Path(folder)
        for name in list(dirs):
            path = here / name
            if name.startswith(".") and name not in TEMPLATE_FOLDERS:
                dirs.remove(name)
            elif name in TEMPLATE_FOLDERS:
                found.add(f"{name}/")
                dirs.remove(name)
            elif path in outputs:
                found.add(path.relative_to(top).as_posix() + "/")
                dirs.remove(name)
    return sorted(found)


def _shown(folder: Path, output: Path) -> str:
    """``folder`` as the config file (in ``output``) should name it: relative when inside."""
    return (
        folder.relative_to(output).as_posix() + "/"
        if folder.is_relative_to(output)
        else str(folder)
    )


def _glob_group(names: list[str]) -> str:
    return names[0] if len(names) == 1 else "{" + ",".join(names) + "}"


def run_init(content: Path, output: Path, *, force: bool) -> list[str]:
    """Infer and write ``yeplint.toml`` and ``schemas/*.schema.json``; return report lines."""
    content = content.resolve()
    output = output.resolve()
    preset = _preset_init(content, output, force=force)
    if preset is not None:
        return preset
    detected = detect(content, output)
    below: list[str] = []
    if detected is None and content == output:
        detected, below = _site_below(content)
        content = output = detected[1] if detected is not None else content
    generator, site = detected if detected is not None else (None, None)
    scope = output if content.is_relative_to(output) else content
    excluded = _excluded_folders(scope, generator, site)
    include = tuple(f"*.{ext}" for ext in MARKDOWN_EXTENSIONS)
    settings = Settings(include=include, exclude=tuple(excluded))
    pages: list[_Page] = []
    extensions: Counter[str] = Counter()
    files = 0
    skipped: list[str] = []  # folders that cannot be listed: what they hold is not inferred
    unread: list[str] = []  # pages whose front matter does not parse: left out of the schemas
    formats_seen: Counter[str] = Counter()
    for target in discover([content], settings, cwd=content, notices=skipped):
        files += 1
        extensions[target.path.suffix.lstrip(".").lower()] += 1
        data = _read_capped(target.path, settings.max_file_size)
        # with no generator: every format a generator reads (a content folder copied out of
        # its Hugo or Zola site holds TOML `+++` front matter)
        formats = generator.front_matter if generator is not None else ("yaml", "toml", "json")
        post = load_text(target.path, target.display, data, formats) if data else None
        if post is not None and post.front_matter_broken:
            unread.append(target.path.resolve().relative_to(content).as_posix())
        if post is None or post.binary or post.front_matter_broken:
            continue
        relative = target.path.resolve().relative_to(content).as_posix()
        if post.data is not None:
            pages.append(_Page(relative, post.data))
            formats_seen[_format_of(data or b"")] += 1
        elif post.front_matter is None:  # a page without front matter: none of the keys
            pages.append(_Page(relative, {}, with_front_matter=False))
    if not files:
        raise InitError(f"no Markdown files under {content}")
    plan = _plan(pages)
    grouped, languages = plan.groups, plan.languages
    for name in [n for n, group in grouped.items() if not any(p.with_front_matter for p in group)]:
        del grouped[name]  # no page of it has front matter: no schema to infer
    used = sorted(extensions, key=lambda e: MARKDOWN_EXTENSIONS.index(e))
    ext = _glob_group(used)
    try:
        prefix = content.relative_to(output).as_posix()
    except ValueError:
        prefix = ""  # content outside the config's folder is its own root when checked
    prefix = "" if prefix == "." else prefix
    written: dict[Path, str] = {}
    lines: list[str] = [*below]
    where = (
        f"{'an' if generator.vowel_sound else 'a'} {generator.shown} site at {site}"
        if generator and site
        else "no generator recognised"
    )
    with_front_matter = sum(p.with_front_matter for p in pages)
    lines.append(
        f"{_count(files, 'Markdown file')}, {with_front_matter} with front matter ({where})"
    )
    lines += skipped
    if unread:
        shown_unread = ", ".join(unread[:UNREAD_SHOWN]) + (
            " …" if len(unread) > UNREAD_SHOWN else ""
        )
        lines.append(
            f"not read ({_count(len(unread), 'page')} whose front matter does not parse, left out"
            f" of the schemas; `yeplint check` names the problem): {shown_unread}"
        )
    if not with_front_matter:
        lines.append("no front matter: no collections or schemas, the body and image rules apply")
    if languages:
        lines.append(f"languages (top folders): {', '.join(languages)}")
    toml = ["# Written by `yeplint init`; edit freely. First matching collection wins.", ""]
    if generator is not None and site is not None:
        toml += [
            f"# detected from {_shown(site, output)}: its front matter formats, title and URL "
            "conventions",
            f"generator = {json.dumps(generator.name)}",
        ]
    if generator is None and set(formats_seen) - {"yaml"}:
        found_formats = [f for f in ("yaml", "toml", "json") if formats_seen[f]]
        toml += [
            "# the front matter formats of the pages",
            f"front-matter = {json.dumps(found_formats)}",
        ]
    if prefix:
        toml += [
            f"# the pages: every Markdown extension found under {prefix}/",
            f"include = {json.dumps([f'{prefix}/**/*.{e}' for e in used])}",
        ]
    elif used != ["md", "markdown"]:
        toml += [f"include = {json.dumps([f'*.{e}' for e in used])}"]
    if excluded:
        toml += [
            "# templates, dependencies and build output, not pages",
            f"exclude = {json.dumps(excluded)}",
        ]
        lines.append(f"excluded: {', '.join(excluded)}")
    statics = _static_roots(generator, site, output)
    own = generator.site_settings(site) if generator is not None and site is not None else {}
    toml_tail: list[str] = []
    fields: list[str] = []
    fold = not (generator and generator.case_insensitive_keys)
    root_name = next(n for n in ("pages", "root-pages", "site-root") if n not in grouped)
    order = [n for n in (SECTIONS, "") if n in grouped] + sorted(
        n for n in grouped if n not in (SECTIONS, "")
    )
    if plan.partials:
        order.insert(1 if SECTIONS in grouped else 0, _PARTIALS)
    for key in order:
        name = {"": root_name}.get(key, key)
        glob = _collection_glob(key, prefix, plan.lead, ext)
        if key == _PARTIALS:
            toml_tail += [
                "# files included into pages (`_x.md`), no pages themselves: no schema",
                "[[collections]]",
                f"name = {json.dumps('partials')}",
                f"glob = {json.dumps(glob)}",
                "",
            ]
            shown = ", ".join(plan.partials[:UNREAD_SHOWN])
            more = " …" if len(plan.partials) > UNREAD_SHOWN else ""
            lines.append(
                f"partials (included, no pages): {_count(len(plan.partials), 'file')}, in no"
                f" page collection: {shown}{more}"
            )
            continue
        inferred = infer(name, [p.data for p in grouped[key]], fold_case=fold)
        fields += [f for f in inferred.image_fields if f not in fields]
        schema_path = output / "schemas" / f"{_slug(name)}.schema.json"
        written[schema_path] = json.dumps(inferred.schema, indent=2, ensure_ascii=False) + "\n"
        toml_tail += [
            "[[collections]]",
            f"name = {json.dumps(name)}",
            f"glob = {json.dumps(glob)}",
            f"schema = {json.dumps(f'schemas/{_slug(name)}.schema.json')}",
            "",
        ]
        bare = sum(not p.with_front_matter for p in grouped[key])
        without = f" ({bare} without front matter)" if bare else ""
        keys = len(inferred.schema["properties"])
        lines.append(f"{name}: {_count(inferred.pages, 'page')}{without}, {_count(keys, 'key')}")
        lines += [f"  {note}" for note in inferred.notes]
    if plan.single:
        alone = ", ".join(f"{name or root_name} ({page})" for name, page in plan.single.items())
        lines.append(f"no collection for a group of one page (one page shows no pattern): {alone}")
    if fields:
        toml.append(f"image-fields = {json.dumps(fields)}")
    aliases: list[tuple[str, str]] = []
    if generator is not None and site is not None:
        mapped = [(p, (site / f).resolve()) for p, f in own["path_aliases"]]
        mapped += [(p, (site / f).resolve()) for p, f in tsconfig_aliases(site)]
        for alias, aliased in mapped:
            if aliased.is_relative_to(output):
                aliases.append((alias, aliased.relative_to(output).as_posix() + "/"))
    if aliases:
        table = ", ".join(f"{json.dumps(p)} = {json.dumps(f)}" for p, f in aliases)
        toml.append(f"path-aliases = {{ {table} }}")
    if statics and generator is not None:
        toml.append(f"static-roots = {json.dumps(statics)}  # served at / by {generator.name}")
    written[output / "yeplint.toml"] = "\n".join([*toml, "", *toml_tail])
    clashes = [p for p, text in written.items() if p.exists() and p.read_text("utf-8") != text]
    if clashes and not force:
        names = ", ".join(str(p) for p in clashes)
        raise InitError(f"would overwrite {names}; use --force to replace")
    for path, text in written.items():
        state = "unchanged" if path.exists() and path.read_text("utf-8") == text else "wrote"
        path.parent.mkdir(parents=True, exist_ok=True)
        if state == "wrote":
            path.write_text(text, encoding="utf-8")
        lines.append(f"{state} {path}")
    shown = prefix or ("." if content == output else str(content))
    here = Path.cwd().resolve()
    cd = "" if here == output else f"cd {_shown(output, here)} && "
    lines.append(f"next: {cd}yeplint check {shown}")
    return lines


def _site_below(folder: Path) -> tuple[tuple[Generator, Path] | None, list[str]]:
    """Run from above the one site below ``folder`` (a repository whose site is ``docs/``):
    that site, whose ``yeplint.toml`` is written in its folder as if run there (``yeplint
    check`` from above reads it: :func:`yeplint.config.load.site_below`), with a line saying
    so; several sites or none: none."""
    found = detect_below(folder)
    if len(found) != 1:
        return None, []
    generator, site = found[0]
    kind = f"{'an' if generator.vowel_sound else 'a'} {generator.shown} site"
    shown = site.relative_to(folder).as_posix()
    return found[0], [f"the site below: {shown}/ ({kind}): its yeplint.toml is written there"]


_PARTIALS = "/partials"
"""The plan's key of the partials' collection (no folder can be named so)."""


def _collection_glob(key: str, prefix: str, lead: str, ext: str) -> str:
    """The glob of a collection of the plan, below the content folder ``prefix``."""
    if key == SECTIONS:
        glob = f"**/_index.{ext}"
    elif key == _PARTIALS:
        glob = f"**/_*.{ext}"
    elif key == "":
        glob = f"{lead}*.{ext}"
    else:
        glob = f"{lead}{key}/**/*.{ext}"
    if prefix:
        return f"{prefix}/{glob}"
    # a glob without `/` matches a file name anywhere: the root's own pages are anchored
    return f"/{glob}" if key == "" else glob


def _static_roots(generator: Generator | None, site: Path | None, output: Path) -> list[str]:
    """The folders the generator serves at ``/``, relative to ``output``, as the site's own
    configuration names them where yeplint reads it (Astro's ``publicDir``): a folder of the
    generator's defaults that this site does not serve is not one."""
    if generator is None or site is None:
        return []
    names = generator.site_settings(site).get("static_roots", generator.static)
    found = []
    for name in names:
        folder = (site / name).resolve()
        if folder.is_dir() and folder.is_relative_to(output):
            found.append(folder.relative_to(output).as_posix())
    return found


UNREAD_SHOWN = 10
"""At most this many pages that could not be read are named."""


def _count(number: int, noun: str) -> str:
    """``1 page``, ``2 pages``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _preset_init(content: Path, output: Path, *, force: bool) -> list[str] | None:
    """On a tree a built-in preset recognises (the Yep Trainingen site), the configuration is
    that preset: its collections, schemas and URLs were written for the site, where schemas
    inferred from a page or two would only know what those pages hold. ``None`` elsewhere."""
    from yeplint.config.presets import detect as detect_preset

    found = detect_preset([content])
    if found is None:
        return None
    name, folder = found
    root = folder.parent if folder.name == "content" else folder
    if root != output:
        return None  # the preset's globs are written from the site's root: infer instead
    config = output / "yeplint.toml"
    text = (
        "# Written by `yeplint init`: this is the site the built-in preset was made for (its\n"
        "# collections, schemas, URLs and languages); add keys below to override it.\n"
        f"preset = {json.dumps(name)}\n"
    )
    if config.exists() and config.read_text("utf-8") != text and not force:
        raise InitError(f"would overwrite {config}; use --force to replace")
    state = "unchanged" if config.exists() and config.read_text("utf-8") == text else "wrote"
    if state == "wrote":
        config.write_text(text, encoding="utf-8")
    shown = _shown(content, output)
    return [
        f"{shown} is the {name} site: its preset applies (collections, schemas, URLs)",
        f"{state} {config}",
        f"next: yeplint check {content.relative_to(output).as_posix()}",
    ]


def _read_capped(path: Path, cap: int) -> bytes | None:
    """The file's bytes, or ``None`` when it cannot be read or is over ``max-file-size``."""
    try:
        data = read_upto(path, cap)
    except OSError:
        return None
    return data if len(data) <= cap else None


def _slug(name: str) -> str:
    name = name.replace("/_", "-special")
    return re.sub(r"[^\w.-]+", "-", name).strip("-").lower() or "pages"
