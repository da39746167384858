"""YEP603 wrong-generator-value-type: a value of a kind the generator's key does not take."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from yeplint.diagnostics import Violation
from yeplint.locale.messages import Message, msg
from yeplint.rules.generator_fm._common import (
    date_as_written,
    entries,
    found_name,
    kind_name,
    reads_date,
    site_table,
    written,
)
from yeplint.rules.rule import rule

if TYPE_CHECKING:
    from collections.abc import Iterator

    from yeplint.config.generator_keys import Key, Table
    from yeplint.document.post import Post
    from yeplint.rules.context import Context

_NUMBER = re.compile(r"\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*")


@rule("YEP603", "wrong-generator-value-type")
def wrong_generator_value_type(post: Post, ctx: Context) -> Iterator[Violation]:
    """A front matter key the site's generator reads holds a value of another kind, or a value
    the generator does not accept.

    ## Why is this bad?
    Zola and Docusaurus check front matter against their own types and stop the build:
    `sidebar_position: first` or `draft: yes` (a text for Docusaurus' YAML reader) fail
    `docusaurus build`, `weight = 1.5` fails `zola build`, and Hugo stops on a date it cannot
    parse (`date: 2024/03/15`, `lastmod: 2024-3-5`: months and days take two digits). Other
    values are read as nothing: an unknown name under Material's `hide` hides nothing.

    ## Example
    ```yaml
    title: Nieuw seizoen
    date: 2024/03/15
    ```
    (on a Hugo site: `hugo` stops with "the date front matter field is not a parsable date")

    ## Use instead
    ```yaml
    title: Nieuw seizoen
    date: 2024-03-15
    ```

    ## How to fix
    Write a value of the kind the message names (numbers and booleans without quotes), or one
    of the values it lists.

    ## Options
    The generator is the site's (`generator` in the configuration, or detected); the keys and
    kinds are each generator's own (`yeplint/config/generator_keys/`). Keys the site's own
    schema describes are left to it.
    """
    found = site_table(ctx)
    fm = post.front_matter
    if found is None or fm is None:
        return
    for entry in entries(post, ctx, found):
        if entry.value is None:
            continue  # an empty value is the empty-value rules' business
        key = ".".join(str(part) for part in entry.path)
        problem = _wrong(key, entry.spec, entry.value, found)
        if problem is not None:
            message, hint, item = problem
            path = entry.path if item is None else (*entry.path, item)
            yield Violation(fm.locate(path), message, hint)


Problem = tuple[Message, Message, int | None]
"""The message, the hint, and the index of the list item it is about."""


def _wrong(key: str, spec: Key, value: Any, found: Table) -> Problem | None:
    """The message and hint for ``value``, or ``None`` when the generator reads it."""
    if not any(_fits(kind, value, found) for kind in (spec.kind, *spec.also)):
        what, shown = found_name(value), written(value)
        if found.strict:
            hint = msg("`{value}` is {found}: the build stops on it", value=shown, found=what)
        else:
            hint = msg("`{value}` is {found}: it is not read", value=shown, found=what)
        return _expected(key, spec, found), hint, None
    if spec.values:
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if written(item) not in spec.values:
                hint = msg("`{value}` is not one of them", value=written(item))
                return _expected(key, spec, found), hint, index if items is value else None
    if spec.kind == "date" and isinstance(value, str) and found.dates:
        return _date(value, found)
    if spec.kind == "int" and isinstance(value, float) and not value.is_integer() and found.strict:
        return (
            _expected(key, spec, found),
            msg("`{value}` is no whole number: the build stops on it", value=written(value)),
            None,
        )
    return None


def _expected(key: str, spec: Key, found: Table) -> Message:
    """What the generator reads ``key`` as."""
    if spec.values:
        values = ", ".join(f"`{v}`" for v in spec.values)
        return msg(
            "{generator} reads `{key}` as one of {values}",
            generator=found.generator,
            key=key,
            values=values,
        )
    kind = kind_name(spec.kind)
    for other in spec.also:
        kind = msg("{one} or {other}", one=kind, other=kind_name(other))
    return msg("{generator} reads `{key}` as {kind}", generator=found.generator, key=key, kind=kind)


def _date(value: str, found: Table) -> Problem | None:
    """A date text the generator cannot parse: Hugo and Zola stop the build."""
    if reads_date(value, found.dates):
        return None
    message = msg(
        "{generator} cannot read `{value}` as a date: the build stops on it",
        generator=found.generator,
        value=value,
    )
    better = date_as_written(value)
    if better:
        return message, msg("write it as `{better}`", better=better), None
    return message, msg("write a day of the calendar as `YYYY-MM-DD`"), None


def _fits(kind: str, value: Any, found: Table) -> bool:
    """Whether the generator reads ``value`` as a ``kind`` (the misreadings are YEP602's)."""
    text = isinstance(value, str)
    if kind == "any":
        return True
    if kind == "bool":
        if isinstance(value, bool):
            return True
        if text and found.converts_texts:
            return value in found.true_texts | found.false_texts or not found.strict
        return text and not found.strict  # read somehow: YEP602 says how
    if kind in ("int", "number"):
        if isinstance(value, bool):
            return False
        if isinstance(value, (int, float)):
            return True
        return text and found.converts_texts and _NUMBER.fullmatch(value) is not None
    if kind == "date":
        return text
    if kind == "string":
        if text:
            return True
        return not found.strict and isinstance(value, (int, float, bool))
    if kind == "strings":
        if text:
            return not found.strict
        return isinstance(value, list) and (
            not found.strict or all(isinstance(v, str) for v in value)
        )
    if kind == "list":
        return isinstance(value, list)
    if kind == "map":
        return isinstance(value, dict)
    return True
