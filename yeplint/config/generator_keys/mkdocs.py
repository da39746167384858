"""MkDocs' and Material for MkDocs' page front matter (squidfunk.github.io/mkdocs-material,
setup and reference pages: ``hide``, ``status``, ``template``, ``icon``, ``search``).

MkDocs reads YAML 1.1 with PyYAML (``exclude: yes`` is true). Material's templates test the
items of ``hide`` by name: another name hides nothing, silently."""

from __future__ import annotations

from yeplint.config.generator_keys import Key, Table

KEYS = {
    "title": Key("string"),
    "description": Key("string"),
    "template": Key("string"),
    "hide": Key("strings", values=("navigation", "toc", "footer", "feedback", "path", "tags")),
    "status": Key("string"),
    "icon": Key("string"),
    "subtitle": Key("string"),
    "tags": Key("strings"),
    "search": Key("map", keys={"exclude": Key("bool"), "boost": Key("number")}),
}

TABLE = Table("MkDocs", KEYS, yaml11=True)
