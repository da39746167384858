"""Heading ids against the generators' own Markdown libraries: a page of the headings writers
write (accents, emoji, CJK, punctuation, code, links, emphasis, images, repeats, explicit ids,
setext, in lists and quotes) rendered by Python-Markdown (MkDocs), kramdown (Jekyll) and Hugo,
and the ids of the output compared with the anchors yeplint believes the page has.

Faster than an oracle site (one render, no site) and checked in both directions: an id the
render has and yeplint lacks is a false YEP404, one yeplint has and the render lacks a dead link
it accepts. A tool that is not installed skips its test.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from yeplint.config.settings import Settings
from yeplint.document.post import load_text
from yeplint.rules.links import known_anchors

HEADINGS = """\
## Ünïcödé Straße

## 🎉 Party time

## 日本語の見出し

## C++ & C# today

## a/b or c

## Tom &amp; Jerry

## The `code` span

## `--flag` option

## A [linked](https://example.org/) heading

## See [the guide][guide]

## *Emphasis* and __strong__

## An ![icon](logo.png) inside

## Step 1 -- install...

## Quotes "double" and 'single'

## Version 1.2.3

## snake_case_name

## Über \\*escaped\\*

## Mixed <span>html</span> tag

Setext heading
--------------

- ## In a list

> ## In a quote

## Dup

## Dup

## Dup-1

## Dup_1

## Trailing #

[guide]: https://example.org/guide/
"""
"""The page every generator renders (explicit ids are each generator's own syntax, added per
test)."""

_ID = re.compile(r"<h[1-6][^>]*\bid=\"([^\"]*)\"")


def rendered_ids(html: str) -> frozenset[str]:
    import html as entities

    return frozenset(entities.unescape(i) for i in _ID.findall(html))


def believed(text: str, generator: str, slugs: str) -> frozenset[str] | None:
    post = load_text(Path("p.md"), "p.md", text.encode(), ("yaml",))
    return known_anchors(post, settings=Settings(generator=generator, slugs=slugs))


def test_python_markdown_ids_are_yeplints() -> None:
    markdown = pytest.importorskip("markdown")
    text = HEADINGS + "\n## Custom { #my-id }\n"
    html = markdown.markdown(text, extensions=["toc", "attr_list", "tables", "fenced_code"])
    assert believed(text, "mkdocs", "python-markdown") == rendered_ids(html)


KRAMDOWN = (
    "require 'kramdown'; require 'kramdown-parser-gfm';"
    " print Kramdown::Document.new(STDIN.read, input: ARGV[0]).to_html"
)


@pytest.mark.parametrize(("parser", "slugs"), [("GFM", "kramdown-gfm"), ("kramdown", "kramdown")])
def test_kramdown_ids_are_yeplints(parser: str, slugs: str) -> None:
    if shutil.which("ruby") is None:
        pytest.skip("ruby: not installed (Jekyll's kramdown)")
    text = HEADINGS + "\n## Custom {#my-id}\n\n## Ends {: #not-an-id}\n\n## Next\n{: #given}\n"
    done = subprocess.run(
        ["ruby", "-e", KRAMDOWN, parser], input=text, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"kramdown: {done.stderr.strip()[:200]}")
    assert believed(text, "jekyll", slugs) == rendered_ids(done.stdout)


def test_hugo_ids_are_yeplints(tmp_path: Path) -> None:
    hugo = Path(sys.executable).parent / "hugo"
    found = str(hugo) if hugo.exists() else shutil.which("hugo")
    if found is None:
        pytest.skip("hugo: not installed (the `oracle` extra)")
    text = HEADINGS + "\n## Custom {#my-id}\n\n## ---\n"
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "p.md").write_text("---\ntitle: P\n---\n" + text, encoding="utf-8")
    (tmp_path / "layouts" / "_default").mkdir(parents=True)
    (tmp_path / "layouts" / "_default" / "single.html").write_text("{{ .Content }}")
    (tmp_path / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "rss",'
        ' "sitemap", "robotsTXT", "home", "section"]\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [found, "--quiet", "-d", "out"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "out" / "p" / "index.html").read_text(encoding="utf-8")
    assert believed(text, "hugo", "goldmark") == rendered_ids(html)
