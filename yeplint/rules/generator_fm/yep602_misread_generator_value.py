"""YEP602 misread-generator-value: a value the generator reads differently than it is written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from yeplint.diagnostics import Violation
from yeplint.locale.messages import Message, msg
from yeplint.rules.generator_fm._common import (
    Entry,
    entries,
    site_table,
    written,
)
from yeplint.rules.rule import rule
from yeplint.rules.suggest import suggestion

if TYPE_CHECKING:
    from collections.abc import Iterator

    from yeplint.config.generator_keys import Table
    from yeplint.document.post import Post
    from yeplint.rules.context import Context

_TRUE_WORDS = frozenset(("yes", "y", "on"))
_FALSE_WORDS = frozenset(("no", "n", "off", "false", "0"))


@rule("YEP602", "misread-generator-value")
def misread_generator_value(post: Post, ctx: Context) -> Iterator[Violation]:
    """A front matter value that the site's generator silently reads as something else than
    what is written.

    ## Why is this bad?
    The build does not stop, and the live site differs from what the writer meant. Hugo reads
    `draft: yes` as false (only `true`, `1`, `t` and their capitals are true), so the draft is
    published; `weight: 1.5` becomes 1; `aliases: /a/, /b/` is one text that Hugo splits at
    spaces into `/a/,` and `/b/`. Jekyll and Eleventy read any text as true:
    `published: "false"` publishes the page, and Eleventy writes `permalink: "false"` at
    `/false`.

    ## Example
    ```yaml
    title: Nieuw seizoen
    draft: yes
    ```
    (on a Hugo site)

    ## Use instead
    ```yaml
    title: Nieuw seizoen
    draft: true
    ```

    ## How to fix
    Write the value the way the generator reads it: `true`/`false` without quotes, a date as
    `2024-03-15`, a whole number for `weight`, a list for `aliases`.

    ## Options
    The generator is the site's (`generator` in the configuration, or detected); the keys and
    values are each generator's own (`yeplint/config/generator_keys/`). Keys the site's own
    schema describes are left to it.
    """
    found = site_table(ctx)
    if found is None:
        return
    for entry in entries(post, ctx, found):
        problem = _misread(entry, found)
        if problem is None:
            continue
        message, hint, better = problem
        span = post.front_matter.locate(entry.path) if post.front_matter else None
        if span is None:
            continue
        fix = suggestion(post, span, written(entry.value), better, hint) if better else None
        yield Violation(span, message, hint, suggestion=fix)


Problem = tuple[Message, Message, str | None]
"""The message, the hint, and the value to write instead when it is certain."""


def _misread(entry: Entry, found: Table) -> Problem | None:
    value, kind, key = entry.value, entry.spec.kind, entry.key
    if kind == "bool" and isinstance(value, str):
        return _misread_bool(key, value, found)
    if "bool" in entry.spec.also and isinstance(value, str) and value.strip() == "false":
        return (
            msg(
                "`{key}: {value}` is text, not the boolean `false`: {generator} uses the text",
                key=key,
                value=f'"{value}"',
                generator=found.generator,
            ),
            msg("write `{better}` without quotes", better="false"),
            None,
        )
    if key.lower() in found.truncates_numbers and isinstance(value, float):
        if value.is_integer() or not abs(value) < 2**53:
            return None
        return (
            msg(
                "{generator} reads `{key}: {value}` as {whole}: it drops the fraction",
                generator=found.generator,
                key=key,
                value=written(value),
                whole=int(value),
            ),
            msg("write a whole number"),
            None,
        )
    split = found.splits_text.get(key if not found.case_insensitive else key.lower())
    if kind == "strings" and split and isinstance(value, str) and "," in value:
        parts = value.split()
        return (
            msg(
                "`{key}` is one text that {generator} splits at spaces into {parts}",
                key=key,
                generator=found.generator,
                parts=", ".join(f"`{p}`" for p in parts),
            ),
            msg(
                "write a list: `[{items}]`",
                items=", ".join(p.strip() for p in value.split(",") if p.strip()),
            ),
            None,
        )
    return None


def _misread_bool(key: str, value: str, found: Table) -> Problem | None:
    word = value.strip().lower()
    if found.truthy_texts and word in _FALSE_WORDS:
        return (
            msg(
                "`{key}: {value}` is text, which {generator} reads as true",
                key=key,
                value=f'"{value}"',
                generator=found.generator,
            ),
            msg("write `{better}` without quotes", better="false"),
            None,
        )
    if found.strict or not found.true_texts:
        return None
    if value not in found.true_texts | found.false_texts and word in _TRUE_WORDS:
        return (
            msg(
                "`{key}: {value}` is text, which {generator} reads as false",
                key=key,
                value=value,
                generator=found.generator,
            ),
            msg("write `{better}`", better="true"),
            "true",
        )
    return None
