"""What a generator's HTML output says: every page's URL, its rendered headings, the links and
images of its own content, and whether each internal one lands on something that exists.

The standard library's ``html.parser`` reads each page once. The page's own content is the
part inside the generator's content element (``Region``); everything outside it (navigation,
header, footer, sidebars) is the theme's, and so are the permalink anchors a theme adds to
each heading (``chrome`` classes), which are dropped from both the references and the
heading text.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)


@dataclass(frozen=True, slots=True)
class Region:
    """Where a generator puts the page's own content: the first element that has one of
    ``tags`` or ``classes`` (a class token) or ``roles`` (a ``role`` attribute); with none
    given, the whole document. ``chrome`` are class tokens of elements inside it that the
    theme adds (heading permalinks, "edit this page"), skipped with their content."""

    tags: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    chrome: tuple[str, ...] = ()

    def opens(self, tag: str, classes: set[str], role: str | None) -> bool:
        return (
            tag in self.tags
            or bool(classes & set(self.classes))
            or (role is not None and role in self.roles)
        )

    @property
    def whole(self) -> bool:
        return not (self.tags or self.classes or self.roles)


@dataclass(frozen=True, slots=True)
class RenderedHeading:
    level: int
    text: str
    id: str | None


@dataclass(frozen=True, slots=True)
class Reference:
    """An ``<a href>`` or ``<img src>`` of the page's content, as the output has it."""

    kind: str  # "link" or "image"
    target: str
    text: str = ""


@dataclass
class Page:
    url: str
    """Where the file is served: ``/a/b/`` for ``a/b/index.html``, ``/a/b.html`` otherwise."""
    title: str = ""
    headings: list[RenderedHeading] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    """Every ``id`` (and ``<a name>``) of the whole document: any of them is a valid anchor."""
    text: str = ""
    """The content's text, white space collapsed (to find what a heading became instead)."""
    has_region: bool = False


class _Scanner(HTMLParser):
    def __init__(self, region: Region) -> None:
        super().__init__(convert_charrefs=True)
        self.region = region
        self.page = Page(url="")
        self.stack: list[tuple[str, bool, bool]] = []
        """Open elements: (tag, opened the region, is chrome)."""
        self.inside = region.whole
        self.chrome_depth = 0
        self.in_title = False
        self.heading: tuple[int, str | None, list[str]] | None = None
        self.link: tuple[str, list[str]] | None = None
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = set(values.get("class", "").split())
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        if tag == "title":
            self.in_title = True
        opened = not self.inside and self.region.opens(tag, classes, values.get("role"))
        if opened:
            self.inside = True
            self.page.has_region = True
        chrome = self.inside and bool(classes & set(self.region.chrome))
        if tag not in VOID:
            self.stack.append((tag, opened, chrome))
        if chrome:
            self.chrome_depth += 1
        if not self.inside or self.chrome_depth:
            return
        if tag in HEADINGS:
            self.heading = (int(tag[1]), values.get("id"), [])
        elif tag == "a" and values.get("href") is not None:
            self.link = (values["href"], [])
        elif tag == "img" and values.get("src") is not None:
            self.page.references.append(Reference("image", values["src"], values.get("alt", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in VOID or not any(t == tag for t, _, _ in self.stack):
            return
        while self.stack:
            open_tag, opened, chrome = self.stack.pop()
            if chrome:
                self.chrome_depth -= 1
            if opened:
                self.inside = False
            self._closed(open_tag)
            if open_tag == tag:
                break

    def _closed(self, tag: str) -> None:
        if tag in HEADINGS and self.heading is not None:
            level, ident, parts = self.heading
            text = fold(_squash("".join(parts)))
            self.page.headings.append(RenderedHeading(level, text, ident))
            self.heading = None
        elif tag == "a" and self.link is not None:
            href, parts = self.link
            self.page.references.append(Reference("link", href, _squash("".join(parts))))
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.page.title += data
        if not self.inside or self.chrome_depth:
            return
        self.texts.append(data)
        if self.heading is not None:
            self.heading[2].append(data)
        if self.link is not None:
            self.link[1].append(data)


def _squash(text: str) -> str:
    return " ".join(text.split())


TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
TYPOGRAPHY_RUNS = (("\u2026", "..."), ("\u2014", "---"), ("\u2013", "--"))


def fold(text: str) -> str:
    """A heading's text with the typographic characters a renderer makes of plain ones
    (kramdown's and SmartyPants' curly quotes, dashes and ellipsis) plain again: both sides of
    a comparison are folded, so a page that writes them itself still matches."""
    text = text.translate(TYPOGRAPHY)
    for typographic, written in TYPOGRAPHY_RUNS:
        text = text.replace(typographic, written)
    return text


def scan(html: str, url: str, region: Region) -> Page:
    """One page of the output: ``url`` is where it is served."""
    scanner = _Scanner(region)
    scanner.feed(html)
    scanner.close()
    page = scanner.page
    page.url = url
    page.title = _squash(page.title)
    page.text = _squash(" ".join(scanner.texts))
    return page


def url_of_file(relative: str) -> str:
    """The URL a file of the output folder is served at."""
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def key(url: str) -> str:
    """A URL as the output's lookup compares it: decoded, without ``index.html``, ``.html``
    and trailing slash (a static host serves ``/a/b`` from ``a/b.html`` and ``a/b/index.html``)."""
    path = unquote(urlsplit(url).path)
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")]
    return path.rstrip("/") or "/"


@dataclass
class Output:
    root: Path
    pages: dict[str, Page]
    """Lookup key (see ``key``) → page."""
    redirects: frozenset[str] = frozenset()
    """Lookup keys the host redirects from (a ``_redirects`` file the build writes: Netlify's
    format, Hugo's docs make their aliases so): served, as a redirect to a page."""

    def page(self, url: str) -> Page | None:
        found = self.pages.get(key(url))
        path = unquote(urlsplit(url).path)
        if found is not None and path.endswith(".html"):
            file = found.url + "index.html" if found.url.endswith("/") else found.url
            if path != file:
                return None  # `/a.html` is the file a.html: no host serves a/index.html there
        return found

    def exists(self, url: str) -> bool:
        """Whether the output serves something at ``url`` (a page, a redirect or any file)."""
        if self.page(url) is not None or key(url) in self.redirects:
            return True
        relative = unquote(urlsplit(url).path).lstrip("/")
        if not relative:
            return True
        target = self.root / relative
        return target.is_file() or (target / "index.html").is_file()


def read(root: Path, region: Region) -> Output:
    """Every HTML page under ``root`` (the build's output folder)."""
    pages: dict[str, Page] = {}
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root).as_posix()
        url = url_of_file(relative)
        page = scan(path.read_text(encoding="utf-8", errors="replace"), url, region)
        pages.setdefault(key(url), page)
    return Output(root, pages, _redirects(root / "_redirects"))


def _redirects(path: Path) -> frozenset[str]:
    """The paths a Netlify ``_redirects`` file redirects from (``from to [status]`` a line)."""
    if not path.is_file():
        return frozenset()
    found = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0].startswith("/") and "*" not in fields[0]:
            found.add(key(fields[0]))
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Broken:
    """A reference of a page's content that lands on nothing (``anchor`` False) or on a page
    without the anchor (``anchor`` True)."""

    page: str
    reference: Reference
    resolved: str
    anchor: bool


OUTSIDE_BASE = "/\x00outside-base"
"""Put before an absolute path outside a site's base path: no output file has that name."""


def resolve(page_url: str, target: str, base: str, hosts: tuple[str, ...]) -> str | None:
    """The output URL ``target`` points at from ``page_url``, without ``base`` (the site's
    base path); ``None`` for an external or non-HTTP target."""
    for host in hosts:
        if target.startswith(host):
            target = "/" + target[len(host) :].lstrip("/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return None
    if not parts.path:
        return page_url + (f"#{parts.fragment}" if parts.fragment else "")
    folder = page_url if page_url.endswith("/") else page_url.rsplit("/", 1)[0] + "/"
    path = parts.path
    if path.startswith("/") and base != "/":
        prefix = base.rstrip("/")
        if path != prefix and not path.startswith(prefix + "/"):
            return OUTSIDE_BASE + path  # served outside the site: the host has nothing there
        path = path[len(prefix) :] or "/"
    if not path.startswith("/"):
        path = folder + path
    trailing = "/" if path.endswith("/") and path != "/" else ""
    path = posixpath.normpath(path).replace("//", "/") + trailing
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def broken(
    output: Output, page: Page, base: str = "/", hosts: tuple[str, ...] = ()
) -> list[Broken]:
    """The references of ``page``'s content that the output does not serve."""
    found: list[Broken] = []
    for reference in page.references:
        resolved = resolve(page.url, reference.target, base, hosts)
        if resolved is None:
            continue
        path, _, fragment = resolved.partition("#")
        if not output.exists(path):
            found.append(Broken(page.url, reference, resolved, anchor=False))
            continue
        if fragment and reference.kind == "link":
            target = output.page(path)
            if target is not None and unquote(fragment) not in target.ids:
                found.append(Broken(page.url, reference, resolved, anchor=True))
    return found
