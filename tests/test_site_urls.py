"""A page whose URL cannot be known leaves only the addresses it could have unjudged."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main


def test_a_page_with_a_list_in_its_url_is_named_and_other_links_are_still_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "static").mkdir()
    (tmp_path / "yeplint.toml").write_text(
        'generator = "hugo"\nselect = ["YEP401"]\n'
        '[[collections]]\nname = "posts"\nglob = "content/posts/**/*.md"\n'
        'url = "/{category}/{slug}/"\n'
    )
    (posts / "lijst.md").write_text("---\ntitle: Lijst\ncategory: [nieuws, blog]\n---\n")
    (posts / "een.md").write_text("---\ntitle: Een\ncategory: blog\n---\n")
    (posts / "links.md").write_text(
        "---\ntitle: Links\ncategory: blog\n---\n\n"
        "[1](/blog/een/) [2](/nieuws/lijst/) [3](/blog/lijst/)\n"  # the list page may be there
        "[4](/blog/twee/) [5](/elders/lijst/)\n"  # no page can be there
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "content", "--format", "concise"])
    assert result.stdout == (
        "content/posts/links.md:7:1: YEP401 link to `/blog/twee/`: no page at `/blog/twee/`\n"
        "content/posts/links.md:7:18: YEP401 link to `/elders/lijst/`: no page at "
        "`/elders/lijst/`\n"
    )
    assert result.stderr == (
        "yeplint: the URL of content/posts/lijst.md is not known (its `category` is not set, or "
        "is a list): links to where it could be are not checked\n"
    )
