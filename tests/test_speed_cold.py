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
