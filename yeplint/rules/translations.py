"""Translations (YEP5xx): a page ``x.en.md`` and its primary page ``x.nl.md`` agree."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from yeplint.config.page_schemas import SUGGEST
from yeplint.diagnostics import Severity, Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.rule import rule

_MISSING = object()


SHOWN_MAX = 60
"""The longest value a message quotes whole."""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else _json(value)
    return text if len(text) <= SHOWN_MAX else text[: SHOWN_MAX - 1] + "…"


def _looks(text: str) -> str:
    """What a reader tells apart in a message: white space runs look alike, and a message is
    one line."""
    return " ".join(text.split())


def _told_apart(value: Any, other: Any) -> tuple[str, str] | None:
    """Two different values as a message quotes them, so that the quotes differ too: as
    written; as JSON when only their type or white space tells them apart (`3` and `"3"`,
    `foto.jpg ` and `foto.jpg`); around their first difference when it lies past what a long
    value shows. ``None`` when even their JSON is the same (a TOML date and the same date
    written as text): to a reader they are equal."""
    plain = _shown(value), _shown(other)
    if _looks(plain[0]) != _looks(plain[1]):
        return plain
    exact = _json(value), _json(other)
    if exact[0] == exact[1]:
        return None
    if _looks(exact[0]) != _looks(exact[1]) and max(map(len, exact)) <= SHOWN_MAX:
        return exact
    at = next((i for i, (a, b) in enumerate(zip(*exact, strict=False)) if a != b), None)
    at = min(map(len, exact)) if at is None else at
    start = max(0, at - SHOWN_MAX // 3)
    return _window(exact[0], start), _window(exact[1], start)


def _window(text: str, start: int) -> str:
    piece = text[start : start + SHOWN_MAX - 2]
    before = "…" if start else ""
    after = "…" if start + SHOWN_MAX - 2 < len(text) else ""
    return before + piece + after


@rule("YEP502", "translation-mismatch")
def translation_mismatch(post: Post, ctx: Context) -> Iterator[Violation]:
    """A translation whose `translation-fields` differ from its primary page's (the same image,
    date and order on every language's version of a page).

    ## Why is this bad?
    The English page shows another photo, date or position in the list than the Dutch one: one
    of them was changed and the other forgotten.

    ## Example
    `over-grenzen.nl.md` has `img: over-grenzen-1.jpg`, `over-grenzen.en.md` has
    `img: over-grenzen-2.jpg`.

    ## How to fix
    Give the translation the primary page's value (the hint shows it), or change both.

    ## Options
    `translation-fields` (Yep: `img`, `date`, `volgnummer`, `categories`); `languages`: the
    first is the primary language, a page `x.<code>.md` is that language's version of
    `x.<primary>.md`. Reported on the translation. A value the translation's schema gives its
    own name for (`x-yeplint-suggest` of the key or its items: Dutch `Effectiviteit` is English
    `Effectiveness`) is compared under that name.
    """
    twin, data, fm = ctx.twin, post.data, post.front_matter
    if twin is None or data is None or fm is None or twin.data is None:
        return
    language = ctx.settings.languages[0][0]
    for key in ctx.settings.translation_fields:
        written = twin.data.get(key, _MISSING)
        names = _names(ctx, key)
        primary = _translated(written, names)  # in this page's names
        value = data.get(key, _MISSING)
        if primary is _MISSING or value == primary:
            continue
        if value is not _MISSING and _translated(value, names) == primary:
            continue  # the primary page's own names, untranslated: equal once mapped
        if value is _MISSING:
            yield Violation(
                fm.insertion_point(),
                msg(
                    "`{key}` is missing; the {language} page has `{value}`",
                    key=key,
                    language=language,
                    value=_shown(written),
                ),
                msg("add `{key}: {value}`", key=key, value=_shown(primary)),
            )
        elif (shown := _told_apart(value, written)) is not None:
            hint = msg("use the same value on both pages, or change both")
            if primary != written:
                hint = msg(
                    "write `{value}` (the {language} page's, by this page's names)",
                    value=_shown(primary),
                    language=language,
                )
            yield Violation(
                fm.locate((key,)),
                msg(
                    "`{key}` is `{value}`; the {language} page has `{other}`",
                    key=key,
                    value=shown[0],
                    language=language,
                    other=shown[1],
                ),
                hint,
            )


def _names(ctx: Context, key: str) -> dict[str, Any]:
    """The translation's own names for the primary page's values of ``key``: the
    `x-yeplint-suggest` map of that key (or of its items) in the translation's schema."""
    schema = ctx.schema.schema if ctx.schema is not None else None
    properties = schema.get("properties") if isinstance(schema, dict) else None
    found = properties.get(key) if isinstance(properties, dict) else None
    for place in (found, found.get("items") if isinstance(found, dict) else None):
        names = place.get(SUGGEST) if isinstance(place, dict) else None
        if isinstance(names, dict) and names:
            return names
    return {}


def _translated(value: Any, names: dict[str, Any]) -> Any:
    """``value`` with each name the map translates replaced (a string, or a list's items)."""
    if not names:
        return value
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [names.get(v, v) if isinstance(v, str) else v for v in value]
    return value


@rule("YEP503", "translation-title-mismatch", Severity.WARNING)
def translation_title_mismatch(post: Post, ctx: Context) -> Iterator[Violation]:
    """A translation's title differs from the title its primary page gives it
    (`translation-title`, Yep: the Dutch post's `english_title`).

    ## Why is this bad?
    The Dutch page links or announces the English one under another title than the English
    page shows; one was reworded and the other not.

    ## Example
    `over-grenzen.nl.md`: `english_title: Regarding boundaries`; `over-grenzen.en.md`:
    `title: Learning to Set Boundaries`.

    ## How to fix
    Make them the same, in whichever page is out of date.

    ## Options
    `translation-title`: the primary page's key; compared with the translation's `title-field`.
    """
    key = ctx.settings.translation_title
    twin, data, fm = ctx.twin, post.data, post.front_matter
    if key is None or twin is None or data is None or fm is None or twin.data is None:
        return
    expected = twin.data.get(key)
    title = data.get(ctx.settings.title_field)
    if not isinstance(expected, str) or not expected.strip() or not isinstance(title, str):
        return
    if title.strip() != expected.strip():
        language = ctx.settings.languages[0][0]
        yield Violation(
            fm.locate((ctx.settings.title_field,)),
            msg(
                "title `{title}` differs from the {language} page's `{key}` `{expected}`",
                title=title.strip(),
                language=language,
                key=key,
                expected=expected.strip(),
            ),
            msg("make them the same"),
        )


@rule("YEP505", "missing-primary-page")
def missing_primary_page(post: Post, ctx: Context) -> Iterator[Violation]:
    """A translation (`x.en.md`) whose primary-language page (`x.nl.md`) does not exist.

    ## Why is this bad?
    On a site where every page is written in the primary language first and translated after,
    the translation has nothing to translate: the primary page was renamed or deleted and the
    translation forgotten, or the file got the wrong language code. The page is missing from
    the primary language's site, and the language switch leads nowhere.

    ## Example
    `blog/over-grenzen.en.md` with no `blog/over-grenzen.nl.md` beside it.

    ## How to fix
    Rename the translation after its primary page's new name, write the primary page, or give
    the file the right language code.

    ## Options
    Only where the site says every translation has one (`languages`; the Yep preset): a Hugo
    site may publish a page in one language only.
    """
    from yeplint.site.urls import missing_primary

    if not ctx.settings.primary_required or ctx.twin is not None:
        return
    primary = missing_primary(post.path, ctx.settings.languages)
    if primary is None:
        return
    yield Violation(
        Span(1, 1, 1, 1),
        msg(
            "`{name}` has no {language} page `{primary}` to translate",
            name=post.path.name,
            language=ctx.settings.languages[0][0],
            primary=primary.name,
        ),
        msg(
            "rename it after its {language} page, or write that page",
            language=ctx.settings.languages[0][0],
        ),
    )
