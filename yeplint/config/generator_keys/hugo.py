"""Hugo's front matter (gohugo.io, content management > front matter; Hugo 0.168).

Hugo reads keys without regard to case and converts values with ``spf13/cast``: a boolean from
a text through Go's ``strconv.ParseBool`` (any other text is false, so ``draft: yes`` is a
published page), a date through ``cast.ToTime``'s list of layouts (``2024/03/15`` is none of
them: the page has no date), ``weight`` through ``cast.ToInt`` (``1.5`` is 1), and a text where a
list is expected through ``strings.Fields`` (``aliases: /a/, /b/`` is ``/a/,`` and ``/b/``)."""

from __future__ import annotations

from yeplint.config.generator_keys import Key, Table

_DATE = Key("date")
_TEXT = Key("string")
_BUILD_OPTIONS = ("always", "local", "never")

KEYS = {
    "aliases": Key("strings"),
    "build": Key(
        "map",
        keys={
            "list": Key("string", values=_BUILD_OPTIONS),
            "render": Key("string", values=("always", "link", "never")),
            "publishresources": Key("bool"),
        },
    ),
    "cascade": Key("map", also=("list",)),
    "date": _DATE,
    "description": _TEXT,
    "draft": Key("bool"),
    "expirydate": _DATE,
    "headless": Key("bool"),
    "iscjklanguage": Key("bool"),
    "keywords": Key("strings"),
    "lastmod": _DATE,
    "layout": _TEXT,
    "linktitle": _TEXT,
    "markup": _TEXT,
    "menus": Key("any"),
    "menu": Key("any"),
    "modified": _DATE,
    "outputs": Key("strings"),
    "params": Key("map"),
    "pubdate": _DATE,
    "publishdate": _DATE,
    "resources": Key("list"),
    "sitemap": Key("map"),
    "slug": _TEXT,
    "summary": _TEXT,
    "title": _TEXT,
    "translationkey": _TEXT,
    "type": _TEXT,
    "unpublishdate": _DATE,
    "url": _TEXT,
    "weight": Key("int"),
    "tags": Key("strings"),
    "categories": Key("strings"),
}

TABLE = Table(
    "Hugo",
    KEYS,
    true_texts=frozenset(("1", "t", "T", "TRUE", "true", "True")),
    false_texts=frozenset(("0", "f", "F", "FALSE", "false", "False")),
    converts_texts=True,
    case_insensitive=True,
    dates="go",
    splits_text={"aliases": "space", "keywords": "space", "outputs": "space"},
    truncates_numbers=frozenset(("weight",)),
)
