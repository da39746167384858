"""What yeplint concluded about a site: the one module of the oracle that knows yeplint.

The findings come from the CLI (``yeplint check --output-format json``), as a user gets them.
Three conclusions the CLI does not print are read from yeplint itself: each page's URL (the
run's URL map), its headings as yeplint parsed them, and the anchors yeplint believes it has.
When yeplint's modules move, this file is the one to change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class SourceHeading:
    level: int
    text: str
    line: int
    anchor: str | None
    """The id the page sets itself (``{#id}``), if any."""


@dataclass
class SourcePage:
    path: str
    """Relative to the site, ``/``-separated."""
    url: str | None
    headings: list[SourceHeading] = field(default_factory=list)
    anchors: frozenset[str] | None = None
    """The anchors yeplint believes the page has; ``None`` when it does not claim to know."""
    body_start_line: int = 1
    title: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    message: str


def findings(site: Path, paths: tuple[str, ...] = ()) -> list[Finding]:
    """``yeplint check`` in ``site`` (its own configuration), every rule, English messages."""
    environment = {**os.environ, "LANG": "C", "LC_ALL": "C", "LANGUAGE": "en"}
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "yeplint"),
            "check",
            "--output-format",
            "json",
            "--no-cache",
            *paths,
        ],
        cwd=site,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"yeplint check failed ({done.returncode}): {done.stderr}")
    document: dict[str, Any] = json.loads(done.stdout)
    fields = ("path", "line", "column", "end_line", "end_column", "code", "message")
    return [Finding(**{k: d[k] for k in fields}) for d in document["diagnostics"]]


def pages(site: Path) -> dict[str, SourcePage]:
    """Every page yeplint checks in ``site``, with its URL, headings and anchors."""
    from yeplint.config.load import load_settings
    from yeplint.document.post import load_text
    from yeplint.engine.linter import Linter

    site = site.resolve()
    settings = load_settings(start=site, paths=[site])
    root = settings.root or site
    linter = Linter(settings)
    urls = linter.site_map(root).urls
    found: dict[str, SourcePage] = {}
    for target in linter.site.discovered(root):
        data = target.path.read_bytes()
        post = load_text(
            target.path,
            target.display,
            data,
            settings.front_matter,
            admonitions=linter.admonitions,
        )
        relative = target.path.relative_to(site).as_posix()
        title = (post.front_matter.data or {}).get("title") if post.front_matter else None
        headings = [
            SourceHeading(h.level, h.text, h.span.line, h.anchor) for h in post.body.headings
        ]
        found[relative] = SourcePage(
            relative,
            urls.get(target.path),
            sorted(headings + _imported_headings(post, settings), key=lambda h: h.line),
            linter.page_anchors(target.path),
            post.body_start_line,
            title if isinstance(title, str) else "",
        )
    return found


def _imported_headings(post: Any, settings: Any) -> list[SourceHeading]:
    """The headings of the Markdown files an MDX page imports and renders (``<Partial />``),
    at the line of the tag that renders each: the rendering shows them in the page."""
    import re

    from yeplint.document.mdx import rendered_imports
    from yeplint.document.post import load_text

    found: list[SourceHeading] = []
    for written in rendered_imports(post.text):
        name = re.search(rf"import\s+(\w+)\s+from\s+[\"']{re.escape(written)}", post.text)
        path = post.path.parent / written
        if name is None or not path.is_file():
            continue
        tag = next((i for i, line in enumerate(post.lines, 1) if f"<{name.group(1)}" in line), 0)
        partial = load_text(path, path.name, path.read_bytes(), settings.front_matter)
        found += [SourceHeading(h.level, h.text, tag, h.anchor) for h in partial.body.headings]
    return found
