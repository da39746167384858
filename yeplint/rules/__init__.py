"""The rule modules; importing this package registers every rule."""

from yeplint.rules import (
    body_headings,
    file,
    front_matter,
    generators,
    images,
    links,
    orphans,
    translations,
)

__all__ = [
    "body_headings",
    "file",
    "front_matter",
    "generators",
    "images",
    "links",
    "orphans",
    "translations",
]
