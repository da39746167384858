"""Docusaurus' docs front matter (docusaurus.io, plugin-content-docs > markdown front matter).

Docusaurus validates front matter with a Joi schema and stops the build on a value of the
wrong kind. Joi converts the texts ``"true"``/``"false"`` and a number written as text, so
those pass; ``draft: yes`` (a text for its YAML 1.2 reader) or ``sidebar_position: first``
do not."""

from __future__ import annotations

from yeplint.config.generator_keys import Key, Table

_TEXT = Key("string")
_LEVEL = Key("int", values=("2", "3", "4", "5", "6"))

KEYS = {
    "id": _TEXT,
    "title": _TEXT,
    "hide_title": Key("bool"),
    "hide_table_of_contents": Key("bool"),
    "sidebar_label": _TEXT,
    "sidebar_position": Key("number"),
    "sidebar_class_name": _TEXT,
    "sidebar_custom_props": Key("map"),
    "displayed_sidebar": Key("string"),
    "pagination_label": _TEXT,
    "pagination_next": Key("string"),
    "pagination_prev": Key("string"),
    "parse_number_prefixes": Key("bool"),
    "custom_edit_url": Key("string"),
    "keywords": Key("strings"),
    "description": _TEXT,
    "image": _TEXT,
    "slug": _TEXT,
    "tags": Key("list"),
    "draft": Key("bool"),
    "unlisted": Key("bool"),
    "last_update": Key("map"),
    "toc_min_heading_level": _LEVEL,
    "toc_max_heading_level": _LEVEL,
}

TABLE = Table(
    "Docusaurus",
    KEYS,
    true_texts=frozenset(("true",)),
    false_texts=frozenset(("false",)),
    converts_texts=True,
    strict=True,
)
