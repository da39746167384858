"""Eleventy's front matter (11ty.dev, docs > data > front matter and special data keys).

Eleventy reads YAML with js-yaml (YAML 1.2) and tests its switches the JavaScript way: any text
but the empty one is true, so ``eleventyExcludeFromCollections: "false"`` leaves the page out of
every collection, and ``permalink: "false"`` writes a page at ``/false``."""

from __future__ import annotations

from yeplint.config.generator_keys import Key, Table

KEYS = {
    "permalink": Key("string", also=("bool",)),
    "eleventyExcludeFromCollections": Key("bool", also=("strings",)),
    "tags": Key("strings"),
    "layout": Key("string"),
    "date": Key("any"),
    "title": Key("string"),
    "pagination": Key("map"),
    "eleventyComputed": Key("map"),
    "eleventyNavigation": Key("map"),
    "eleventyImport": Key("map"),
    "eleventyDataSchema": Key("any"),
    "dynamicPermalink": Key("bool"),
    "permalinkBypassOutputDir": Key("bool"),
}

TABLE = Table("Eleventy", KEYS, truthy_texts=True)
