"""Cold runs (issue 29): the shortcuts taken on the way give what the long way gave."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from yeplint.site.discovery import display_path


@pytest.mark.parametrize(
    ("path", "cwd", "shown"),
    [
        ("/site/content/post.md", "/site", "content/post.md"),
        ("/site/content/post.md", "/site/", "content/post.md"),
        ("/site/content/post.md", "/", "site/content/post.md"),
        ("/site", "/site", "."),
        ("/sitemap/post.md", "/site", "/sitemap/post.md"),
        ("/elders/post.md", "/site", "/elders/post.md"),
        ("/site/content/caf\xe9.md", "/site", "content/caf\xe9.md"),
    ],
)
def test_display_path_is_the_path_relative_to_the_working_folder(
    path: str, cwd: str, shown: str
) -> None:
    assert display_path(Path(path), Path(cwd)) == shown


@pytest.mark.skipif(os.name != "posix", reason="file names of bytes: POSIX")
def test_display_path_of_a_name_that_is_not_utf8_shows_a_replacement_character() -> None:
    name = os.fsdecode(b"/site/caf\xe9.md")
    assert display_path(Path(name), Path("/site")) == "caf\ufffd.md"


SCALARS = [
    "",
    "~",
    "null",
    "Null",
    "nul",
    "true",
    "True",
    "yes",
    "Yes",
    "on",
    "Off",
    "n",
    "y",
    "0",
    "-1",
    "+12",
    "0o17",
    "0x1F",
    "017",
    "1_000",
    "1.5",
    ".5",
    "1e3",
    "-.inf",
    ".NaN",
    "2024-01-31",
    "12:30",
    "190:20:30",
    "<<",
    "=",
    "Welkom",
    "Een titel: met dubbele punt",
    "über",
    "#tag",
    "@home",
    "!important",
    "%20",
    "*star",
    "&amp",
    "[x]",
]


@pytest.mark.parametrize("text", SCALARS)
def test_a_plain_scalar_reads_as_its_patterns_say(text: str) -> None:
    """The shortcut for scalars that cannot be typed (by their first character) gives what
    trying every pattern gives, in the YAML 1.2 core schema and in PyYAML's YAML 1.1."""
    import yaml

    from yeplint.document.front_matter import yaml as front_matter

    core = [front_matter._NULL, front_matter._INT10, front_matter._INT8, front_matter._INT16]
    core += [front_matter._FLOAT, front_matter._INF, front_matter._NAN]
    typed = text in front_matter._BOOL or any(p.fullmatch(text) for p in core)
    assert isinstance(front_matter.resolve_plain(text), str) == (not typed)
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    assert front_matter.yaml11_reading(text)[0] == (tag in front_matter._YAML11_TYPED)


def test_defined_terms_are_what_the_pattern_finds() -> None:
    """The definition-list terms found line by line are those of the pattern they replace,
    on random texts of the characters that matter (white space of every kind, `:`, breaks)."""
    import random
    import re

    from yeplint.rules.links import defined_terms

    pattern = re.compile(r"^([^\n]*\S[^\n]*)\n(?=: )", re.M)
    pieces = ["\n", ": ", ":", " ", "\t", "\x1c", "\xa0", "\u2028", "\r", "a", "Term", "é"]
    chance = random.Random(29)
    for _ in range(3000):
        text = "".join(chance.choice(pieces) for _ in range(chance.randrange(0, 30)))
        assert defined_terms(text) == pattern.findall(text), repr(text)
