"""What the generator front matter rules share: the site's table, the keys of a page the
generator reads (with the value as the generator's YAML reader sees it), the names of kinds,
and the date layouts a generator parses."""

from __future__ import annotations

import datetime
import re
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from yeplint import LazyPattern
from yeplint.locale.messages import Message, msg

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from yeplint.config.generator_keys import Key, Table
    from yeplint.document.front_matter.located import JsonPath
    from yeplint.document.post import Post
    from yeplint.rules.context import Context


class Entry(NamedTuple):
    """A key of the page that the generator reads, with its value."""

    path: JsonPath
    key: str
    """The key as written."""
    spec: Key
    value: Any
    """The value as the generator's YAML reader builds it (``yes`` is true for YAML 1.1)."""


def site_table(ctx: Context) -> Table | None:
    """The front matter table of the site's generator, or ``None`` (imported only then)."""
    if ctx.settings.generator is None:
        return None
    from yeplint.config.generator_keys import table

    return table(ctx.settings.generator)


def folded(found: Table, keys: Mapping[str, Key]) -> dict[str, str]:
    """The keys of ``keys`` as the generator compares them (lower case when it folds case), to
    the key as the table writes it."""
    cached = _FOLDED.get(id(keys))
    if cached is None:
        cached = {(k.lower() if found.case_insensitive else k): k for k in keys}
        _FOLDED[id(keys)] = cached
    return cached


_FOLDED: dict[int, dict[str, str]] = {}
"""By the table's (or inner map's) identity: the tables live as long as the process."""


def lookup(found: Table, keys: Mapping[str, Key], key: str) -> Key | None:
    """The key's entry in ``keys``, case-insensitively when the generator reads keys so."""
    if found.case_insensitive:
        return keys.get(key.lower())
    return keys.get(key)


INFERRED = "(inferred by yeplint init"
"""In the title of a schema ``yeplint init`` wrote (:mod:`yeplint.site.infer`)."""


def schema_keys(ctx: Context) -> frozenset[str]:
    """The top-level keys the site's own schema describes: they are the schema's (a site schema
    wins where it and the generator's table disagree). A schema ``yeplint init`` inferred holds
    no opinion, only what the pages had (``draft: yes`` among them): it owns no key."""
    if ctx.schema is None:
        return frozenset()
    schema = ctx.schema.schema
    if INFERRED in str(schema.get("title", "")):
        return frozenset()
    properties = schema.get("properties")
    return frozenset(properties) if isinstance(properties, dict) else frozenset()


_LAST: list[tuple[Post, Context, list[Entry]]] = []
"""The entries of the page last walked: YEP602 and YEP603 read the same ones, one after the
other."""


def entries(post: Post, ctx: Context, found: Table) -> list[Entry]:
    """The keys of the page the generator reads, and the keys inside those maps it reads too
    (Hugo's ``build: {list: …}``); keys the site's schema describes are left to the schema.
    Walked once per page."""
    if _LAST and _LAST[0][0] is post and _LAST[0][1] is ctx:
        return _LAST[0][2]
    walked = list(_walk(post, ctx, found))
    _LAST[:] = [(post, ctx, walked)]
    return walked


def _walk(post: Post, ctx: Context, found: Table) -> Iterator[Entry]:
    data, fm = post.data, post.front_matter
    if data is None or fm is None:
        return
    as11 = {a.path: a.value11 for a in fm.ambiguities} if found.yaml11 else {}
    owned = schema_keys(ctx)
    for key, value in data.items():
        spec = lookup(found, found.keys, key)
        if spec is None or key in owned:
            continue
        yield Entry((key,), key, spec, as11.get((key,), value))
        if spec.keys and isinstance(value, dict):
            for inner, item in value.items():
                inner_spec = lookup(found, spec.keys, inner)
                if inner_spec is not None:
                    path = (key, inner)
                    yield Entry(path, inner, inner_spec, as11.get(path, item))


def written(value: Any) -> str:
    """A value as a writer would write it in YAML (``true``, ``1.5``, ``/a/, /b/``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (list, dict)):
        return "[…]" if isinstance(value, list) else "{…}"
    return str(value)


KIND_NAMES = {
    "bool": msg("a boolean (`true` or `false`)"),
    "date": msg("a date"),
    "int": msg("a whole number"),
    "number": msg("a number"),
    "string": msg("a text"),
    "strings": msg("a list of texts"),
    "list": msg("a list"),
    "map": msg("keys below it"),
}


def kind_name(kind: str) -> Message:
    return KIND_NAMES.get(kind, msg("a text"))


def found_name(value: Any) -> Message:
    """What a value is, in the words of :data:`KIND_NAMES`."""
    if isinstance(value, bool):
        return KIND_NAMES["bool"]
    if isinstance(value, int):
        return KIND_NAMES["int"]
    if isinstance(value, float):
        return KIND_NAMES["number"]
    if isinstance(value, list):
        return KIND_NAMES["list"]
    if isinstance(value, dict):
        return KIND_NAMES["map"]
    return KIND_NAMES["string"]


@cache
def _date_layouts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The ISO-like layouts of ``cast.ToTime`` (RFC 3339, without ``T``, without a zone, Go's
    ``Time.String()``) and Zola's (RFC 3339, ``YYYY-MM-DD``): two-digit months and days, and
    seconds (Hugo 0.168 stops on ``2024-03-15T10:00``); and the textual layouts of
    ``cast.ToTime``: RFC 1123/822/850 (``02 Jan 2006``, ``Mon, 02 Jan 2006 15:04:05 MST``),
    ANSIC, Unix and Ruby dates, and the stamps. Compiled on the first date a rule reads."""
    month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    day = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    clock = r"\d{2}:\d{2}:\d{2}(?:\.\d+)?"
    zone = r"(?:Z|[+-]\d{2}:?\d{2})"
    iso = re.compile(
        r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        rf"(?:T{clock}{zone}?| {clock}(?: ?{zone}(?: [A-Z]{{3,4}})?)?)?"
    )
    textual = re.compile(
        rf"(?:{day},? )?\d{{1,2}}[ -]{month}[ -]\d{{2,4}}(?: {clock}(?: (?:{zone}|[A-Z]{{3,4}}))?)?"
        rf"|(?:{day} )?{month} +\d{{1,2}} {clock}(?: [A-Z]{{3,4}})?(?: \d{{4}})?",
    )
    return iso, textual


def reads_date(text: str, dates: str) -> bool:
    """Whether a generator whose date reader is ``dates`` (``go``, ``iso``) reads ``text`` as a
    date in the calendar."""
    iso, textual = _date_layouts()
    text = text.strip()
    match = iso.fullmatch(text)
    if match is not None:
        try:
            datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return False
        return True
    return dates == "go" and textual.fullmatch(text) is not None


_WRITTEN_DATE = LazyPattern(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


def date_as_written(text: str) -> str | None:
    """``2024/3/5`` or ``2024-3-5`` as ``2024-03-05`` when that is a day in the calendar."""
    match = _WRITTEN_DATE.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
