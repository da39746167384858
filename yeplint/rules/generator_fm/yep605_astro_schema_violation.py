"""YEP605 astro-schema-violation: front matter the Astro collection's own Zod schema rejects."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from yeplint.diagnostics import Violation
from yeplint.locale.messages import msg
from yeplint.rules.generator_fm._common import schema_keys
from yeplint.rules.rule import rule

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from yeplint.config.astro_content import AstroCollection, AstroContent
    from yeplint.config.page_schemas import CompiledSchema
    from yeplint.document.post import Post
    from yeplint.rules.context import Context


@rule("YEP605", "astro-schema-violation")
def astro_schema_violation(post: Post, ctx: Context) -> Iterator[Violation]:
    """Front matter that the Zod schema of the page's Astro content collection
    (`src/content.config.ts`) rejects: a wrong kind of value, a missing key, a value outside an
    `enum`.

    ## Why is this bad?
    `astro build` (and `astro dev`) validate every page against its collection's schema and stop
    on the first page that does not match, far from where it was written. yeplint reads the
    schema's literal `z.object({...})` and reports each problem at its line and column: with
    `heroImage: z.optional(image())` a page without `heroImage` is fine, and with
    `draft: z.boolean()` the page below is not.

    ## Example
    In a collection whose schema has `draft: z.boolean()` and `pubDate: z.date()`, a page with
    `draft: yes` (a text for Astro's YAML reader) or `pubDate: "2024-03-15"` (quoted: a text,
    not a date).

    ## Use instead
    ```yaml
    title: Nieuw seizoen
    pubDate: 2024-03-15
    draft: true
    ```

    ## How to fix
    Give the key a value of the kind the schema asks for (`true`/`false`, a number without
    quotes, a date as `2024-03-15` without quotes), or add the missing key.

    ## Options
    The collections of `src/content.config.ts` (or `src/content/config.ts`) on an Astro site.
    What the reader does not understand (a schema from a function, such as Starlight's
    `docsSchema()`, or a `loader` other than `glob()`) is not checked. A key the site's own
    schema (`collections` in the configuration) describes is left to that schema.
    """
    if ctx.settings.generator != "astro" or post.data is None or post.front_matter is None:
        return
    from yeplint.config.astro_content import read  # only on an Astro site
    from yeplint.rules.schema_check import validate

    content = read(_site(ctx))
    if content.source is None:
        return
    path = post.path.resolve()
    for collection in content.collections:
        folder = (content.source.parent.parent / collection.folder).resolve()
        if path.is_relative_to(folder):
            schema = _compiled(content, collection, schema_keys(ctx))
            found = [_unfixed(f.violation) for f in validate(post.front_matter, post.data, schema)]
            found += _quoted_dates(post, schema.schema)
            yield from sorted(found, key=lambda v: (v.span.line, v.span.column))
            return


def _unfixed(violation: Violation) -> Violation:
    """The schema's finding without its fix: this rule fixes nothing (its hint still names the
    closest allowed value)."""
    if violation.fix is None:
        return violation
    return Violation(violation.span, violation.message, violation.hint)


def _quoted_dates(post: Post, schema: dict[str, Any]) -> Iterator[Violation]:
    """A ``z.date()`` key whose date is quoted: js-yaml reads it as text, and Zod wants a Date
    (the data keeps every date as the text written, so the quotes are looked for in the file)."""
    from yeplint.config.astro_content import DATE_MARK

    fm, data = post.front_matter, post.data or {}
    if fm is None:
        return
    for key, spec in schema.get("properties", {}).items():
        value = data.get(key)
        if not (isinstance(spec, dict) and spec.get(DATE_MARK) and isinstance(value, str)):
            continue
        span = fm.locate((key,))
        line = post.lines[span.line - 1] if 0 < span.line <= len(post.lines) else ""
        if line[span.column - 1 : span.column] in ("'", '"'):
            yield Violation(
                span,
                msg("`{key}` is a quoted text, not a date: `astro build` stops on it", key=key),
                msg("write the date without quotes"),
            )


def _site(ctx: Context) -> Path:
    """The Astro site's folder: the configuration's, else the content root or a folder above
    it that has a content config."""
    if ctx.settings.root is not None:
        return ctx.settings.root
    return _site_above(ctx.root.resolve())


@cache
def _site_above(root: Path) -> Path:
    from yeplint.config.astro_content import read

    for folder in (root, *list(root.parents)[:3]):
        if read(folder).source is not None:
            return folder
    return root


# Keyed by the content config as read (a new one per save): bounded for the language server.
@lru_cache(maxsize=64)
def _compiled(
    content: AstroContent, collection: AstroCollection, owned: frozenset[str]
) -> CompiledSchema:
    """The collection's schema without the keys the site's own schema owns, compiled once."""
    from yeplint.config.page_schemas import CompiledSchema

    schema: dict[str, Any] = dict(collection.schema)
    if owned:
        schema["properties"] = {k: v for k, v in schema["properties"].items() if k not in owned}
        schema["required"] = [k for k in schema["required"] if k not in owned]
    text = json.dumps(schema, sort_keys=True)
    return CompiledSchema(collection.name, str(content.source), text, schema)


def notice(roots: set[Path], root: Path | None) -> str | None:
    """What the run did not check of the Astro content config (told once per run): the
    collections and keys whose schema is not a literal the reader follows."""
    from yeplint.config.astro_content import read

    sites = {root} if root is not None else {_site_above(r.resolve()) for r in roots}
    for site in sorted(sites):
        content = read(site)
        if content.source is not None and content.skipped:
            return msg(
                "{file}: not a schema yeplint reads, so not checked: {parts}",
                file=content.source.name,
                parts=", ".join(f"`{part}`" for part in content.skipped),
            )
    return None
