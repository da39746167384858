"""YEP1xx: front matter checked against the JSON Schema of the file's collection.

The schema is validated once per file (:meth:`Context.schema_findings`); each rule reports the
findings routed to it by the failing keyword or by an ``x-yeplint-rule`` annotation.
"""

from __future__ import annotations

from collections.abc import Iterator

from yeplint.diagnostics import Severity, Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.rule import rule


def schema_findings(post: Post, ctx: Context, name: str) -> Iterator[Violation]:
    for finding in ctx.schema_findings(post):
        if finding.rule == name:
            yield finding.violation


@rule("YEP100", "missing-front-matter")
def missing_front_matter(post: Post, ctx: Context) -> Iterator[Violation]:
    """A page of a collection whose schema requires keys has no front matter at all.

    ## Why is this bad?
    The site needs at least a title for every page of a collection; without front matter the
    page has none and is sorted and listed wrongly.

    ## Example
    ```markdown
    Een blogpost in `blog/` die direct met de tekst begint.
    ```

    ## How to fix
    Start the file with a `---` block holding the keys the collection's schema requires.

    ## Options
    Which files belong to which collection is set by `collections` in the configuration.
    """
    if ctx.schema is None or post.binary or post.front_matter is not None:
        return
    if post.front_matter_broken or ctx.schema.validator.is_valid({}):
        return  # a schema that accepts no keys at all accepts a page without front matter
    required = ctx.schema.schema.get("required", [])
    keys = ", ".join(f"`{k}`" for k in required) if isinstance(required, list) else ""
    collection = ctx.collection.name if ctx.collection else "this"
    yield Violation(
        Span.point(1),
        msg("no front matter; the `{collection}` collection needs one", collection=collection),
        msg("start the file with a `---` block with {keys}", keys=keys) if keys else None,
    )


@rule("YEP101", "schema-violation")
def schema_violation(post: Post, ctx: Context) -> Iterator[Violation]:
    """A front matter value does not match the collection's schema (wrong type, pattern, …).

    ## Why is this bad?
    The site's code expects each key to hold a certain kind of value. `volgnummer: '3'` is text,
    and the overview page sorts by subtracting numbers: the order silently breaks.

    ## Example
    ```yaml
    volgnummer: 'drie'
    ```

    ## How to fix
    Give the key a value of the kind the hint names (for numbers: no quotes).

    ## Options
    The rules come from the JSON Schema of the collection (`collections` in the configuration).
    """
    return schema_findings(post, ctx, "schema-violation")


@rule("YEP102", "missing-required-key")
def missing_required_key(post: Post, ctx: Context) -> Iterator[Violation]:
    """A key that the collection's schema requires is missing.

    ## Why is this bad?
    The page is published without it: a blog post without `date` sorts first or last, one
    without `intro` shows an empty teaser.

    ## Example
    ```yaml
    title: Netwerken
    img: netwerken-1.jpg
    ```
    (a blog post: `alt`, `date`, `intro`, `categories` and `english_title` are missing)

    ## How to fix
    Add the key. The diagnostic points at the line where the key would go: the closing `---`.
    When the schema allows no other keys and one is a misspelling of the missing key
    (`Volgnummer`, `volgnumer`), `unknown-key` reports the mistake at that key, with the key
    it should be, and this rule says nothing more.

    ## Options
    The `required` list of the collection's JSON Schema.
    """
    return schema_findings(post, ctx, "missing-required-key")


@rule("YEP103", "unknown-key", unsafe_fix=True)
def unknown_key(post: Post, ctx: Context) -> Iterator[Violation]:
    """A front matter key that the collection's schema does not know.

    ## Why is this bad?
    The site ignores it, so what the writer meant is lost: `Subtitle` is not `subtitle`,
    `Volgnummer` is not `volgnummer`, `--intro` is not `intro`.

    ## Example
    ```yaml
    Subtitle: Vergroot het begrip
    ```

    ## How to fix
    Use the key the hint suggests (`did you mean`), or remove the key.

    ## Fix
    `--fix --unsafe-fixes` turns the example into:
    ```yaml
    subtitle: Vergroot het begrip
    ```

    ## Options
    The schema's `properties` (and `additionalProperties: false`).
    """
    return schema_findings(post, ctx, "unknown-key")


@rule("YEP104", "invalid-enum-value", unsafe_fix=True)
def invalid_enum_value(post: Post, ctx: Context) -> Iterator[Violation]:
    """A value that is not one of the values the schema allows, such as an unknown category.

    ## Why is this bad?
    A misspelt category (`Carreer`) creates a category page with one post, and the post is
    missing from the real one.

    ## Example
    ```yaml
    categories:
      - Carreer
    ```

    ## How to fix
    Use one of the allowed values; the hint names the closest one, or the one the schema's
    `x-yeplint-suggest` maps the value to (on the Yep site: `Effectiveness` on a Dutch post →
    `Effectiviteit`).

    ## Fix
    `--fix --unsafe-fixes` turns the example into:
    ```yaml
    categories:
      - Carriere
    ```

    ## Options
    The `enum` lists of the collection's JSON Schema, and their `x-yeplint-suggest` maps.
    """
    return schema_findings(post, ctx, "invalid-enum-value")


@rule("YEP105", "invalid-date", fixable=True)
def invalid_date(post: Post, ctx: Context) -> Iterator[Violation]:
    """A date that is not `YYYY-MM-DD` or not a day in the calendar.

    ## Why is this bad?
    The blog list sorts on `date`. `2018-3-26` is read as text instead of a date and broke the
    sort on the live site; `2024-02-30` does not exist.

    ## Example
    ```yaml
    date: 2018-3-26
    ```

    ## How to fix
    Write the date with four-digit year and two-digit month and day: `2018-03-26`.

    ## Fix
    `--fix` turns the example into:
    ```yaml
    date: 2018-03-26
    ```

    ## Options
    Applies to every schema value with `"format": "date"`.
    """
    return schema_findings(post, ctx, "invalid-date")


@rule("YEP106", "empty-value")
def empty_value(post: Post, ctx: Context) -> Iterator[Violation]:
    """A key, or a list item, that the schema expects to hold a value is empty.

    ## Why is this bad?
    `title:` with nothing after it is `null`: the page has no title. An empty `-` line in
    `categories` creates an empty category.

    ## Example
    ```yaml
    categories:
      - Effectiviteit
      -
    ```

    ## How to fix
    Fill in the value or remove the line.

    ## Options
    None.
    """
    return schema_findings(post, ctx, "empty-value")


@rule("YEP107", "empty-recommended-value", Severity.WARNING)
def empty_recommended_value(post: Post, ctx: Context) -> Iterator[Violation]:
    """A key that the schema marks as recommended is present but empty.

    ## Why is this bad?
    It is not wrong yet, but incomplete: on the Yep site an empty `english_title` means the
    English version of the post has no title to link to.

    ## Example
    ```yaml
    english_title:
    ```

    ## How to fix
    Fill it in when you can. A schema marks a key this way with
    `"x-yeplint-rule": "empty-recommended-value"`.

    ## Options
    None.
    """
    return schema_findings(post, ctx, "empty-recommended-value")
