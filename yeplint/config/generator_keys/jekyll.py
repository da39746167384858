"""Jekyll's front matter (jekyllrb.com, docs > front matter and posts).

Jekyll reads YAML 1.1 with Ruby's Psych (``published: no`` is false) and tests ``published``
for truth the Ruby way: any text, ``"false"`` too, is true, so the page is published. ``tags``
and ``categories`` may be one text, split at spaces (``tags: web, design`` is ``web,`` and
``design``). A wrong date stops the build with an error of its own, so dates are left to it."""

from __future__ import annotations

from yeplint.config.generator_keys import Key, Table

KEYS = {
    "layout": Key("string"),
    "permalink": Key("string"),
    "published": Key("bool"),
    "date": Key("any"),
    "category": Key("string"),
    "categories": Key("strings"),
    "tags": Key("strings"),
    "title": Key("string"),
    "excerpt_separator": Key("string"),
    "slug": Key("string"),
    "excerpt": Key("string"),
}

TABLE = Table(
    "Jekyll",
    KEYS,
    truthy_texts=True,
    yaml11=True,
    splits_text={"tags": "space", "categories": "space"},
)
