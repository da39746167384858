"""Jekyll's ``_config.yml``: where the site serves its pages, posts and collections.

Jekyll decides a page's URL from its configuration, not from yeplint's: ``permalink`` (a
template of ``:placeholders`` or one of the named styles ``date``, ``pretty``, ``ordinal``,
``weekdate``, ``none``) for posts, each collection's ``output`` and ``permalink``, and the
``permalink`` of a ``defaults`` entry scoped to a folder or a type; a file ``exclude`` names is
no page at all. This module reads them into
URL rules (:class:`~yeplint.config.settings.Collection` records with no schema) whose patterns
keep Jekyll's placeholders as ``{:name}``; :mod:`yeplint.site.urls` fills them in
(:func:`~yeplint.site.urls.jekyll_value`). A configuration's own collection with a ``url`` wins
over them. Plain data, read once per run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from yeplint.config.settings import Collection

NAMED_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
"""Jekyll's named permalink styles (``jekyll/utils.rb``), ``date`` its default."""

PAGES = "pages"
"""The name of the rule for pages outside any collection (``about.md``)."""

_PLACEHOLDER = re.compile(r":([a-z_]+)")


@dataclass(frozen=True, slots=True)
class JekyllSite:
    """What ``_config.yml`` says about URLs and heading ids."""

    baseurl: str = ""
    """The path the site is served under (``/blog``), ``""`` at the host's root."""
    rules: tuple[Collection, ...] = ()
    """The URL rules, the first that matches a page's path wins."""
    routes: tuple[str, ...] = ()
    """The URLs of its HTML pages (:func:`html_routes`)."""


def template(permalink: object) -> str:
    """A ``permalink`` value as a template: a named style's, or the value as written."""
    if not isinstance(permalink, str) or not permalink.strip():
        return NAMED_STYLES["date"]
    return NAMED_STYLES.get(permalink.strip(), permalink.strip())


def pattern(written: str) -> str:
    """A Jekyll template as a yeplint URL pattern: ``/:year/:title/`` → ``/{:year}/{:title}/``."""
    return _PLACEHOLDER.sub(r"{:\1}", written)


def page_template(permalink: str) -> str:
    """The template of a page outside collections (Jekyll's ``Page#template``): its folder and
    name, ending as the site's ``permalink`` ends (``pretty`` or a trailing ``/``: a folder;
    otherwise ``.html``). An ``index`` page is served at its folder whatever the style."""
    if permalink == NAMED_STYLES["pretty"] or (
        permalink not in NAMED_STYLES.values() and permalink.endswith("/")
    ):
        return "/:path/:basename/"
    return "/:path/:basename:output_ext"


def read(data: object, site: Path, under: str = "") -> JekyllSite:
    """The URL rules of the Jekyll site in ``site`` whose ``_config.yml`` holds ``data``; none
    when it is no mapping (absent or unreadable). ``under``: the site's folder below the
    project root (``docs/``), which the rules' globs start with."""
    if not isinstance(data, dict):
        return JekyllSite()
    found = _site(data, site)
    rules = tuple(replace(r, patterns=tuple(under + p for p in r.patterns)) for r in found.rules)
    return replace(found, rules=(*_excluded(data.get("exclude"), site, under), *rules))


def _excluded(value: object, site: Path, under: str) -> list[Collection]:
    """The rule for the files and folders ``exclude`` names (paths or globs from the site's
    folder, as Jekyll matches them): Jekyll does not read them, so they are no pages. First,
    as it wins over every other rule."""
    if not isinstance(value, list):
        return []
    names = [str(e).strip().strip("/") for e in value if isinstance(e, str | int | float)]
    globs = [f"/{under}{name}{end}" for name in names if name for end in ("", "/**")]
    return [Collection("excluded", tuple(globs), None, site, None)] if globs else []


def _site(data: dict[str, Any], site: Path) -> JekyllSite:
    labels = _collections(data.get("collections"))
    posts = template(labels.get("posts", {}).get("permalink") or data.get("permalink"))
    folder = str(data.get("collections_dir") or "").strip("/")
    prefix = f"{folder}/" if folder else ""
    rules = [*_scoped(data.get("defaults"), site)]
    post_globs = (f"**/{prefix}_posts/**", f"**/{prefix}_drafts/**")
    posts = _typed(data, "posts") or posts
    rules.append(Collection("posts", post_globs, None, site, pattern(posts)))
    for label, meta in labels.items():
        if label == "posts":
            continue
        own = meta.get("permalink") or _typed(data, label) or "/:collection/:path:output_ext"
        url = pattern(template(own)) if meta.get("output") is True else None
        rules.append(Collection(label, (f"{prefix}_{label}/**",), None, site, url))
    page = _typed(data, PAGES) or page_template(template(data.get("permalink")))
    # any other `_` folder (`_data`, `_sass`, a collection not listed) is not served
    rules.append(Collection("unserved", ("_*/**", "**/_*/**"), None, site, None))
    rules.append(Collection(PAGES, ("**",), None, site, pattern(page)))
    baseurl = data.get("baseurl")
    base = baseurl.rstrip("/") if isinstance(baseurl, str) else ""
    excluded = data.get("exclude")
    skip = {str(e).strip("/") for e in excluded} if isinstance(excluded, list) else set()
    return JekyllSite(base, tuple(rules), html_routes(site, page, skip))


_HTML_SKIP = frozenset(("node_modules", "vendor"))
"""Folders Jekyll never reads (besides ``_``- and ``.``-folders and the ``exclude`` list)."""
_PERMALINK = re.compile(r"^permalink:\s*[\"']?([^\"'\s#]+)", re.M)
HTML_HEAD = 4096
"""How much of an HTML page is read for its front matter's ``permalink``."""


def html_routes(site: Path, page: str, skip: set[str]) -> tuple[str, ...]:
    """The URLs of the site's HTML pages (``index.html``, ``news.html`` with a ``permalink``):
    yeplint does not lint them, but Markdown pages link to them. An HTML file without front
    matter is a static file (found on disk as such)."""
    import os

    found: list[str] = []
    for folder, folders, files in os.walk(site):
        relative = Path(folder).relative_to(site)
        folders[:] = [
            f
            for f in folders
            if not f.startswith(("_", "."))
            and f not in _HTML_SKIP
            and (relative / f).as_posix() not in skip
        ]
        for name in files:
            if name.endswith((".html", ".htm")) and (relative / name).as_posix() not in skip:
                route = _html_route(Path(folder) / name, relative, page)
                if route is not None:
                    found.append(route)
                    if not route.endswith(("/", ".html")):  # `permalink: /about`: about.html
                        found.append(route + ".html")
    return tuple(found)


def _html_route(path: Path, folder: Path, page: str) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(HTML_HEAD).decode("utf-8", errors="replace")
    except OSError:
        return None
    if not head.startswith("---"):
        return None
    own = _PERMALINK.search(head.split("\n---", 1)[0])
    if own is not None:
        return own.group(1)
    stem = path.stem
    folder_path = folder.as_posix().strip(".")
    if stem == "index":
        return f"/{folder_path}/"
    written = page.replace(":path", folder_path).replace(":basename", stem)
    return written.replace(":output_ext", ".html")


def _collections(value: object) -> dict[str, dict[str, Any]]:
    """``collections`` as label → its options (a list of labels has none)."""
    if isinstance(value, list):
        return {str(v): {} for v in value if isinstance(v, str)}
    if isinstance(value, dict):
        return {str(k): v if isinstance(v, dict) else {} for k, v in value.items()}
    return {}


def _defaults(value: object) -> list[tuple[str, str, str]]:
    """The ``defaults`` entries that set a ``permalink``: (scope path, scope type, permalink)."""
    found = []
    for entry in value if isinstance(value, list) else []:
        scope = entry.get("scope") if isinstance(entry, dict) else None
        values = entry.get("values") if isinstance(entry, dict) else None
        permalink = values.get("permalink") if isinstance(values, dict) else None
        if not isinstance(permalink, str):
            continue
        scope = scope if isinstance(scope, dict) else {}
        path = str(scope.get("path") or "").strip("/")
        found.append((path, str(scope.get("type") or ""), permalink))
    return found


def _typed(data: dict[str, Any], kind: str) -> str | None:
    """The permalink a ``defaults`` entry with no path gives every page of a type (``posts``,
    ``pages``, a collection's label), else every page: one that names the type wins over one
    that does not, and the last one written among equals, as in Jekyll."""
    entries = [(typ, p) for path, typ, p in _defaults(data.get("defaults")) if not path]
    found = [p for typ, p in entries if typ == kind] or [p for typ, p in entries if not typ]
    return template(found[-1]) if found else None


def _scoped(value: object, site: Path) -> list[Collection]:
    """A rule per ``defaults`` entry scoped to a folder: its pages take its permalink. The
    deepest folder first (Jekyll lets the most specific scope win); a type in the scope narrows
    the folder to that collection's (``_posts`` under it, or outside any ``_`` folder)."""
    rules = []
    entries = [(p, t, link) for p, t, link in _defaults(value) if p]
    for path, typ, permalink in sorted(entries, key=lambda e: -e[0].count("/")):
        globs: tuple[str, ...] = (f"{path}/**",)
        if typ == PAGES:
            globs = (f"{path}/[!_]*", f"{path}/[!_]*/**")
        elif typ == "posts" and not path.endswith("_posts"):
            globs = (f"{path}/**/_posts/**",)
        rules.append(Collection(typ or "scoped", globs, None, site, pattern(template(permalink))))
    return rules
