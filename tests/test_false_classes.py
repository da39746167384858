"""The smaller false classes of issue 27: findings on correct content (email autolinks, routes
with a dot, dates under a title, linked thumbnails) and content left unchecked (MkDocs
admonitions and tabs, a Hugo site's `content/en/resources/`)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import lint_paths
from yeplint.config.settings import Collection, Settings
from yeplint.diagnostics import Diagnostic

BLOG = Settings(collections=(Collection("blog", ("blog/**/*.md",), None, url="/blog/{slug}"),))


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.message) for d in diagnostics]


def page(body: str, title: str = "T") -> str:
    return f"---\ntitle: {title}\n---\n\n{body}\n"


# links: email autolinks and routes with a dot


def test_an_email_autolink_is_no_broken_link(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "blog/post.md": page(
                "Mail <security@example.org>, <mailto:info@example.org> or"
                " [ons](mailto:team@example.org).\n\nNot [this](./gone.pdf)."
            )
        },
    )
    diagnostics = lint_paths([tmp_path], tmp_path, ["YEP401"], Settings())
    assert found(diagnostics) == [("YEP401", 7, "link target `./gone.pdf` does not exist")]


def test_a_route_whose_last_segment_has_a_dot_is_a_page(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "blog/releases/10.26.md": page("Release."),
            "blog/notes.v2": "a file with an unusual ending\n",
            "blog/post.md": page(
                "See [the release](/blog/10.26), [its notes](./notes.v2) and [next](/blog/10.27)."
            ),
        },
    )
    diagnostics = lint_paths([tmp_path], tmp_path, ["YEP401"], BLOG)
    assert found(diagnostics) == [("YEP401", 5, "link to `/blog/10.27`: no page at `/blog/10.27`")]
    assert diagnostics[0].hint == "did you mean `/blog/10.26`?"
