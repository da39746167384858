"""Messages in the reader's language: English in the code, Dutch (and any other language) in
gettext catalogs.

A rule writes ``msg("unknown key `{key}`", key=key)``. That is a :class:`Message`: a ``str``
whose value is the English text, so everything that only needs the text (sorting, identities,
the cache key of a problem) treats it as the string it is; it also keeps its template and
values, so that the last step before a reporter can render it in the reader's language
(:func:`render`, :meth:`yeplint.diagnostics.Diagnostic.localized`).

The catalogs are ``yeplint/locale/<lang>/LC_MESSAGES/yeplint.po`` in the repository, extracted
with Babel (``pybabel extract -k msg -k msgn:1,2``, see docs/translating.md) and compiled to
``.mo`` by the build (``hatch_build.py``); at run time the standard library's :mod:`gettext`
reads the ``.mo``, and English needs no catalog at all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Union

from yeplint import LazyPattern

if TYPE_CHECKING:
    from gettext import NullTranslations

LANGUAGES = ("en", "nl")
"""The languages yeplint speaks; ``en`` is the source language."""
DEFAULT = "en"
LOCALE_DIR = Path(__file__).resolve().parent
DOMAIN = "yeplint"

_LINE_BREAKS = LazyPattern(r"[\r\n]+")

Arg = Union[str, int, float, "Message", "Localized"]


def one_line(text: str) -> str:
    """Line breaks (and the white space around them) as one space: every output format shows a
    problem on one line, and messages quote what the author wrote (a two-line heading, a YAML
    block value). Split and stripped, not one regex: ``\\s*[\\r\\n]+\\s*`` backtracks
    quadratically over long runs of spaces."""
    if "\n" not in text and "\r" not in text:
        return text
    parts = _LINE_BREAKS.split(text)
    inner = [p.strip() for p in parts[1:-1] if p.strip()]
    return " ".join([parts[0].rstrip(), *inner, parts[-1].lstrip()])


class Localized:
    """A value of a message written differently per language (:meth:`render`); as a ``str``
    and in a template, its English form; equal to another of its kind with the same
    :attr:`key`."""

    __slots__ = ()

    @property
    def key(self) -> object:
        raise NotImplementedError

    def render(self, lang: str) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.render(DEFAULT)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and isinstance(other, Localized) and other.key == self.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r})"


class Field(Localized):
    """A place in the front matter, named the way each language names it: ```categories[0]```
    in English (as the YAML path), "het 1e item van `categories`" in Dutch."""

    __slots__ = ("path",)

    def __init__(self, path: tuple[str | int, ...]) -> None:
        self.path = tuple(path)

    @property
    def key(self) -> object:
        return self.path

    def render(self, lang: str) -> str:
        if lang == "nl":
            return _dutch_field(self.path)
        if not self.path:
            return "the front matter"
        return f"`{dotted(self.path)}`"


def dotted(path: tuple[str | int, ...]) -> str:
    """A front matter path as YAML tools write it: ``images[0].alt``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _dutch_field(path: tuple[str | int, ...]) -> str:
    """``images[2].alt`` → "`alt` in het 3e item van `images`"; ``seo.title`` → "`title` onder
    `seo`": a writer reads the YAML as keys under keys and items of a list."""
    if not path:
        return "de front matter"
    *parent, last = path
    if not parent:
        return f"het {last + 1}e item" if isinstance(last, int) else f"`{last}`"
    above = _dutch_field(tuple(parent))
    if isinstance(last, int):
        return f"het {last + 1}e item van {above}"
    return f"`{last}` in {above}" if isinstance(parent[-1], int) else f"`{last}` onder {above}"


class Number(Localized):
    """A large number, grouped the way each language groups digits: 1,000,000 in English,
    1.000.000 in Dutch."""

    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value

    @property
    def key(self) -> object:
        return self.value

    def render(self, lang: str) -> str:
        grouped = f"{self.value:,}"
        return grouped.replace(",", ".") if lang == "nl" else grouped


class Message(str):
    """An English message (the ``str`` itself) that remembers how it was made: the template
    (the catalog's ``msgid``), the values of its ``{placeholders}``, and for :func:`msgn` the
    plural template and the count; a schema's own texts (``x-yeplint-message``) by language.
    The ``str`` is always yeplint's own English, so a schema author's rewording churns no
    identity; their text is what :meth:`render` shows."""

    template: str
    args: dict[str, Arg]
    plural: str | None
    number: int | None
    texts: dict[str, str] | None

    def __new__(
        cls,
        template: str,
        args: dict[str, Arg] | None = None,
        plural: str | None = None,
        number: int | None = None,
        texts: dict[str, str] | None = None,
    ) -> Message:
        values = {k: one_line(v) if isinstance(v, str) else v for k, v in (args or {}).items()}
        chosen = template if plural is None or number == 1 else plural
        self = super().__new__(cls, _format(chosen, values, chosen))
        self.template = template
        self.args = values
        self.plural = plural
        self.number = number
        self.texts = texts
        return self

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _revive,
            (str.__str__(self), self.template, self.args, self.plural, self.number, self.texts),
        )

    def render(self, lang: str) -> str:
        """The message in ``lang``; English where the catalog has no translation."""
        values: Mapping[str, object]
        if self.texts and lang in self.texts:
            values = {k: _render_arg(v, lang) for k, v in self.args.items()}
            return _format(self.texts[lang], values, str.__str__(self))
        if lang == DEFAULT:
            return str.__str__(self)
        values = {k: _render_arg(v, lang) for k, v in self.args.items()}
        catalog = translations(lang)
        if not self.template:
            return str.__str__(self)  # gettext("") is the catalog's header
        if self.plural is not None:
            text = catalog.ngettext(self.template, self.plural, self.number or 0)
        else:
            text = catalog.gettext(self.template)
        return _format(text, values, str.__str__(self))


_REVIVED: dict[object, Message] = {}
"""The messages unpickled so far (a parallel run's parent, merging its workers' results), one
object for each: most problems of a large run repeat a few hundred messages, and each
``Message`` is ~400 bytes (its text, its attributes, its values)."""
_REVIVED_MAX = 65_536
"""Past this many different messages the table starts again (memory stays bounded)."""


def _revive(
    english: str,
    template: str,
    args: dict[str, Arg],
    plural: str | None,
    number: int | None,
    texts: dict[str, str] | None,
) -> Message:
    """A pickled :class:`Message`, shared with an equal one unpickled before (the same English
    text, template, values and their types, plural, count and texts); one with a message among
    its values is not shared (equal English may be translated differently)."""
    if any(isinstance(value, Message) for value in args.values()):
        return Message(template, args, plural, number, texts)
    try:
        key = (
            english,
            template,
            tuple((name, type(value), value) for name, value in args.items()),
            plural,
            number,
            tuple(sorted(texts.items())) if texts else None,
        )
        found = _REVIVED.get(key)
    except TypeError:  # a value that cannot be hashed: not shared
        return Message(template, args, plural, number, texts)
    if found is None:
        if len(_REVIVED) >= _REVIVED_MAX:
            _REVIVED.clear()
        found = _REVIVED[key] = Message(template, args, plural, number, texts)
    return found


def _render_arg(value: Arg, lang: str) -> Arg:
    if isinstance(value, (Message, Localized)):
        return value.render(lang)
    return value


class _Keep(dict[str, object]):
    """Values for a schema author's text: a placeholder yeplint does not know stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(text: str, values: Mapping[str, object], fallback: str) -> str:
    """``text`` with its placeholders filled; a translation that names a placeholder the
    message does not have (a catalog error) gives the English rather than a crash."""
    try:
        return text.format_map(_Keep(values))
    except (ValueError, IndexError, AttributeError, TypeError):
        return fallback


def msg(template: str, /, **args: Arg) -> Message:
    """A message to translate: ``template`` is English with ``{name}`` placeholders."""
    return Message(template, args)


def msgn(singular: str, plural: str, count: int, /, **args: Arg) -> Message:
    """A message with a singular and a plural form, chosen by ``count`` (also ``{count}``)."""
    return Message(singular, {"count": count, **args}, plural, count)


def custom(texts: dict[str, str], fallback: Message) -> Message:
    """A schema author's own message (``x-yeplint-message``: text by language) with the values
    of the message it replaces (``{value}``, ``{field}``)."""
    return Message(fallback.template, fallback.args, fallback.plural, fallback.number, texts)


def render(text: str, lang: str) -> str:
    """Any message text in ``lang``: a :class:`Message` is translated, a plain ``str`` (an
    error another library wrote) is shown as it is."""
    return text.render(lang) if isinstance(text, Message) else text


@cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of ``lang`` (English, the identity, when there is none)."""
    import gettext

    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def language_from_locale(environ: dict[str, str] | None = None) -> str:
    """The reader's language as gettext finds it: the first of ``LANGUAGE``, ``LC_ALL``,
    ``LC_MESSAGES`` and ``LANG`` that is set (``nl_NL.UTF-8`` → ``nl``; ``LANGUAGE`` may list
    several, ``nl:en``), when yeplint speaks it; else English."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        for item in value.split(":"):
            code = item.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].lower()
            if code in LANGUAGES:
                return code
        if name != "LANGUAGE":
            return DEFAULT  # C, POSIX or a language yeplint does not speak
    return DEFAULT


def encode(text: str | None) -> object:
    """A message as JSON for the cache: a plain string, or its template and values."""
    if not isinstance(text, Message):
        return text
    args = {k: _encode_arg(v) for k, v in text.args.items()}
    return [text.template, args, text.plural, text.number, text.texts]


def _encode_arg(value: Arg) -> object:
    if isinstance(value, Message):
        return {"m": encode(value)}
    if isinstance(value, Field):
        return {"f": list(value.path)}
    if isinstance(value, Number):
        return {"n": value.value}
    return value


def decode(row: object) -> str:
    """The inverse of :func:`encode`; ``ValueError`` for a row that is not one."""
    if isinstance(row, str):
        return row
    if not isinstance(row, list) or len(row) != 5:
        raise ValueError("malformed message")
    template, args, plural, count, texts = row
    if not isinstance(template, str) or not isinstance(args, dict):
        raise ValueError("malformed message")
    values = {str(k): _decode_arg(v) for k, v in args.items()}
    return Message(template, values, plural, count, texts)


def _decode_arg(value: object) -> Arg:
    if isinstance(value, dict):
        if "m" in value:
            decoded = decode(value["m"])
            return decoded if isinstance(decoded, Message) else Message(decoded)
        if "f" in value and isinstance(value["f"], list):
            return Field(tuple(value["f"]))
        if "n" in value and type(value["n"]) is int:
            return Number(value["n"])
        raise ValueError("malformed message value")
    if isinstance(value, (str, int, float)):
        return value
    raise ValueError("malformed message value")


__all__ = [
    "DEFAULT",
    "LANGUAGES",
    "Field",
    "Localized",
    "Message",
    "Number",
    "custom",
    "language_from_locale",
    "msg",
    "msgn",
    "one_line",
    "render",
]
