"""Zola's page front matter (getzola.org, content > page > front matter).

Zola reads front matter into a typed record (Rust's serde): a value of the wrong kind stops the
build (``draft = "yes"``, ``weight = 1.5``). A date is a TOML date or a text in RFC 3339 or
``YYYY-MM-DD``. Custom data belongs in ``[extra]``; ``[taxonomies]`` maps a taxonomy to a
list of terms."""

from __future__ import annotations

from yeplint.config.generator_keys import Key, Table

KEYS = {
    "title": Key("string"),
    "description": Key("string"),
    "date": Key("date"),
    "updated": Key("date"),
    "weight": Key("int"),
    "draft": Key("bool"),
    "slug": Key("string"),
    "path": Key("string"),
    "aliases": Key("strings"),
    "authors": Key("strings"),
    "in_search_index": Key("bool"),
    "template": Key("string"),
    "taxonomies": Key("map"),
    "extra": Key("map"),
}

TABLE = Table("Zola", KEYS, strict=True, dates="iso")
