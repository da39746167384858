"""Where each page is published, as its generator decides it: the addresses two pages may
share, so that the build keeps one and drops the other (YEP504).

A page's address comes from, in this order:

- its own front matter key that names its whole URL: Hugo's ``url``, Zola's ``path``, Jekyll's
  and Eleventy's ``permalink`` (when it holds no placeholder), Docusaurus' absolute ``slug``;
- on a Hugo, Zola or MkDocs site, its file's place in the content folder, where ``foo.md`` and
  ``foo/index.md`` are both ``/foo/`` and a ``slug`` replaces the last part;
- else the site's URL map (:mod:`.urls`), for a page of a collection with a ``url`` pattern
  (last: a pattern cannot name a page's folders, so two ``setup.md`` in two folders would
  share an address there that the generator does not give them).

Besides it, the addresses it redirects from (Hugo's and Zola's ``aliases``, Jekyll's
``redirect_from``) are taken too. Each address carries the page's language: pages in different
languages are different addresses. A page its generator does not publish (a draft, Hugo's
``headless`` or ``build.render: never``, Jekyll's ``published: false``) has none. Where the site's
configuration reshapes URLs (Hugo's ``permalinks``, MkDocs' ``use_directory_urls: false``) only
the explicit keys are taken, never a guess from file names.

Only the front matter is read, and parsed only for a page whose front matter names one of the
generator's :data:`KEYS` (of a YAML one, only those keys' lines): the rest take their address
from their path alone.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from yeplint import LazyPattern
from yeplint.config.files import read_upto
from yeplint.config.generators import ZENSICAL_CONFIG, mkdocs_value
from yeplint.config.settings import PAGE_SUFFIXES, Settings
from yeplint.site.urls import HEAD_BYTES, language_of, normalize

KEYS: dict[str | None, tuple[str, ...]] = {
    "hugo": ("slug", "url", "aliases", "draft", "headless", "build", "_build"),
    "zola": ("slug", "path", "aliases", "draft"),
    "jekyll": ("permalink", "redirect_from", "published"),
    "eleventy": ("permalink",),
    "docusaurus": ("slug", "draft"),
    "mkdocs": (),
}
"""Per generator, the front matter keys that move a page, give it more addresses or leave it
unpublished (any other generator: ``draft``)."""
OTHER_KEYS = ("draft",)


def keys_of(generator: str | None) -> frozenset[str]:
    """The front matter keys that matter to a page's address on a site of ``generator``."""
    return frozenset(KEYS.get(generator, OTHER_KEYS))


_LANGUAGE_CODE = LazyPattern(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?")
_DATE_PREFIX = LazyPattern(r"^\d{4}-\d{2}-\d{2}[_-]")
_INDEX_HTML = LazyPattern(r"(?<=/)index\.html?$")
"""``/about/index.html`` is ``/about/`` (``/about.html`` is another file)."""
_FILE_NAME_URLS = ("hugo", "zola", "mkdocs")
"""The generators whose pages are served at their place in the content folder, by default."""


class Address(NamedTuple):
    """One address a page is published at."""

    url: str
    """Normalized (:func:`~yeplint.site.urls.normalize`), in the page's language's key space."""
    language: str
    key: tuple[str | int, ...] | None
    """The front matter path that makes it (``("slug",)``, ``("aliases", 1)``); ``None``: the
    file's name and place."""


class Layout(NamedTuple):
    """How one site's generator turns file names into addresses."""

    generator: str | None
    content: Path | None
    """The folder file-name addresses are relative to; ``None``: no address from a file name."""
    lower: bool = False
    """The generator lowercases the addresses it makes from file names (Hugo, Zola)."""


def layout_of(root: Path, settings: Settings) -> Layout:
    """The layout of the site at ``root``, read from its generator's configuration file."""
    generator = settings.generator
    if generator not in _FILE_NAME_URLS:
        return Layout(generator, None)
    if generator == "mkdocs":
        config = _text(root, ("mkdocs.yml", "mkdocs.yaml"))
        if not config and (root / ZENSICAL_CONFIG).is_file():
            docs = mkdocs_value(root, "docs_dir")
            if mkdocs_value(root, "use_directory_urls") is False:
                return Layout(generator, None)
            return Layout(generator, root / (docs if isinstance(docs, str) else "docs"))
        if re.search(r"^use_directory_urls:\s*false\b", config, re.M | re.I):
            return Layout(generator, None)
        found = re.search(r"^docs_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*$", config, re.M)
        return Layout(generator, root / (found.group(1) if found else "docs"))
    names = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml")
    config = _text(root, names)
    if generator == "hugo" and (
        re.search(r"permalinks", config, re.I) or (root / "config" / "_default").is_dir()
    ):
        return Layout(generator, None)  # sections' own URL patterns (or settings not read)
    found = re.search(r"^\s*contentDir\s*[:=]\s*['\"]([^'\"]+)['\"]", config, re.M | re.I)
    mounted = _MOUNTED_CONTENT.findall(config)
    if len(mounted) == 1:  # `[[module.mounts]] source = 'content/en' target = 'content'`
        found = _MOUNTED_CONTENT.search(config)
    lower = not re.search(r"disablePathToLower\s*[:=]\s*true", config, re.I)
    if generator == "zola":
        lower = not re.search(r"^\s*paths\s*=\s*['\"](safe|off)['\"]", config, re.M)
    return Layout(generator, root / (found.group(1) if found else "content"), lower)


_MOUNTED_CONTENT = LazyPattern(
    r"^\s*source\s*=\s*['\"]([^'\"]+)['\"]\s*\n\s*target\s*=\s*['\"]content['\"]", re.M
)
"""A Hugo module mount of a folder as the content folder."""


def _text(root: Path, names: tuple[str, ...]) -> str:
    for name in names:
        try:
            return read_upto(root / name, HEAD_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
    return ""


UNCLOSED = b""
"""What :func:`front_matter_block` says of a front matter that does not end in the bytes given."""


def front_matter_block(head: bytes, keys: frozenset[str]) -> bytes | None:
    """The front matter of a page whose file starts with ``head``, fences included, when it
    names one of ``keys`` (else ``None``: its address comes from its path); :data:`UNCLOSED`
    when its front matter goes on past ``head``. In YAML, the lines of every other top-level key
    are left blank (the line numbers stay), so that parsing it costs little."""
    if not keys:
        return None
    start = head.removeprefix(b"\xef\xbb\xbf")
    fence = start[:3]
    if fence in (b"---", b"+++"):
        end = re.search(rb"\r?\n" + re.escape(fence) + rb"[ \t]*(?:\r?\n|$)", start[3:])
        block = start[: 3 + end.end()] if end else None
    elif start.startswith(b"{"):
        end = re.search(rb"\r?\n}[ \t]*(?:\r?\n|$)", start)
        block = start[: end.end()] if end else None
    else:
        return None
    if block is None:
        return UNCLOSED
    if not _names_a_key(keys).search(block):
        return None
    if fence == b"---":
        block = _only(block, keys)
    return head[: len(head) - len(start)] + block


@lru_cache(maxsize=16)
def _names_a_key(keys: frozenset[str]) -> re.Pattern[bytes]:
    names = b"|".join(re.escape(k.encode()) for k in sorted(keys))
    return re.compile(rb"^[ \t]*[\"']?(?:" + names + rb")[\"']?[ \t]*[:=]", re.M | re.I)


@lru_cache(maxsize=1)
def _top_key() -> re.Pattern[bytes]:
    """A top-level key of a YAML front matter line (compiled on first use: start-up)."""
    return re.compile(rb"[\"']?([^\"':\s][^\"':]*?)[\"']?[ \t]*:(?:[ \t]|\r?$)")


def _only(block: bytes, keys: frozenset[str]) -> bytes:
    """A YAML front matter with only the top-level ``keys`` (and what they hold) kept: each
    other line blank. A line that starts at the left margin with a key starts a key's lines;
    any other line (indented, a `- ` item, a flow collection's rest) goes on with the last one."""
    lines = block.split(b"\n")
    close = max(i for i, line in enumerate(lines) if line.startswith(b"---"))
    keep = False
    for index in range(1, close):
        line = lines[index]
        if line[:1] not in (b" ", b"\t", b"-", b"#", b"") and line.strip():
            found = _top_key().match(line)
            if found is not None:
                keep = found.group(1).decode("utf-8", "replace").lower() in keys
        if not keep or line.lstrip().startswith(b"#"):
            lines[index] = b""
    return b"\n".join(lines)


def addresses(
    path: Path,
    data: Mapping[str, object] | None,
    settings: Settings,
    layout: Layout,
    mapped: str | None = None,
) -> list[Address]:
    """Every address the page at ``path`` (with front matter ``data``) is published at;
    ``mapped`` is its URL in the site's URL map, when it has one."""
    own = {str(k).lower(): v for k, v in (data or {}).items()} if data else {}
    keys = {str(k).lower(): str(k) for k in (data or {})}
    if _unpublished(own, layout.generator):
        return []
    language = _language(path, settings)
    found: list[Address] = []
    main: tuple[str, tuple[str | int, ...] | None] | None
    main = _explicit(own, keys, layout.generator, path, layout)
    if main is None:
        main = _from_file(path, own, keys, layout)
    if main is None and mapped is not None:
        main = (mapped, None)
    if main is not None:
        found.append(Address(normalize(main[0]), language, main[1]))
    for key, url in _redirects(own, keys, layout.generator, found[0].url if found else "/"):
        found.append(Address(normalize(url), language, key))
    return found


def _unpublished(own: Mapping[str, object], generator: str | None) -> bool:
    draft = own.get("draft")
    if draft is True or own.get("published") is False:
        return True
    if generator == "hugo" and isinstance(draft, str) and draft.strip().lower() == "true":
        return True  # Hugo reads `draft: "true"` as true (and `draft: yes` as false)
    if generator != "hugo":
        return False
    if own.get("headless") is True:
        return True
    build = own.get("build", own.get("_build"))
    if isinstance(build, Mapping):
        render = {str(k).lower(): v for k, v in build.items()}.get("render")
        return render in (False, "never", "false")
    return False


def _language(path: Path, settings: Settings) -> str:
    """The page's language: from the site's ``languages``, else from a name ``x.<code>.md``."""
    if settings.languages:
        found = language_of(path, settings.languages)
        return found[0] if found else ""
    parts = path.name.split(".")
    if len(parts) >= 3 and _LANGUAGE_CODE.fullmatch(parts[-2]):
        return parts[-2].lower()
    return ""


def _string(value: object) -> str | None:
    """A non-empty string value, stripped; template syntax and placeholders are not URLs."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if "{{" in text or "{%" in text or ":" in text:
        return None
    return text


def _explicit(
    own: Mapping[str, object],
    keys: Mapping[str, str],
    generator: str | None,
    path: Path,
    layout: Layout,
) -> tuple[str, tuple[str | int, ...]] | None:
    """The URL a front matter key names outright, with that key."""
    name = {"hugo": "url", "zola": "path", "jekyll": "permalink", "eleventy": "permalink"}.get(
        generator or ""
    )
    if generator == "docusaurus":
        slug = _string(own.get("slug"))
        if slug is not None and slug.startswith("/"):
            folder = _top_folder(path, layout)
            return f"/{folder}{slug}" if folder else slug, (keys["slug"],)
        return None
    if name is None:
        return None
    value = _string(own.get(name))
    if value is None:
        return None
    if generator == "jekyll" or generator == "eleventy":
        value = _INDEX_HTML.sub("", value)
    return "/" + value.lstrip("/"), (keys[name],)


def _top_folder(path: Path, layout: Layout) -> str:
    """A Docusaurus page's plugin folder (``docs``, ``blog``): absolute slugs are its own."""
    for parent in path.parents:
        if parent.name in ("docs", "blog", "pages"):
            return parent.name
    return ""


def _from_file(
    path: Path, own: Mapping[str, object], keys: Mapping[str, str], layout: Layout
) -> tuple[str, tuple[str | int, ...] | None] | None:
    """The address a Hugo, Zola or MkDocs page gets from its place in the content folder."""
    if layout.content is None:
        return None
    folder = os.fspath(layout.content) + os.sep
    written = os.fspath(path)  # strings: pathlib's relative_to costs more than the rest
    if not written.startswith(folder):
        return None  # outside the content folder: not published from a file name
    parts = written[len(folder) :].split(os.sep)  # noqa: PTH206
    stem = _stem(parts.pop())
    section = stem == "_index"
    readme = layout.generator == "mkdocs" and stem == "README"
    if readme and path.with_name("index.md").exists():
        return None  # MkDocs leaves a README beside an index out, as a repository means it to
    index = stem in ("index", "_index") or readme
    if not index:
        if layout.generator == "zola":
            stem = _DATE_PREFIX.sub("", stem)
        parts.append(stem)
    key: tuple[str | int, ...] | None = None
    slug = _string(own.get("slug")) if layout.generator != "mkdocs" and not section else None
    if slug is not None and parts:
        parts[-1], key = slug.strip("/"), (keys["slug"],)
    url = "/" + "/".join(parts)
    if layout.generator in ("hugo", "zola"):
        url = url.replace(" ", "-")
    return (url.lower() if layout.lower else url), key


def _stem(name: str) -> str:
    """A page file's name without its extension and language (``foo.fr.md`` → ``foo``)."""
    for suffix in PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    stem, dot, code = name.rpartition(".")
    return stem if dot and _LANGUAGE_CODE.fullmatch(code) else name


def _redirects(
    own: Mapping[str, object], keys: Mapping[str, str], generator: str | None, base: str
) -> list[tuple[tuple[str | int, ...], str]]:
    """The addresses a page redirects from, each with the front matter item that names it."""
    name = {"hugo": "aliases", "zola": "aliases", "jekyll": "redirect_from"}.get(generator or "")
    value = own.get(name) if name else None
    if name is None or not isinstance(value, list | str):
        return []
    items = [value] if isinstance(value, str) and generator == "jekyll" else value
    if not isinstance(items, list):
        return []  # Hugo's `aliases: /a/, /b/` is one string: item 1 of the issue tells it
    found: list[tuple[tuple[str | int, ...], str]] = []
    for index, item in enumerate(items):
        text = _string(item)
        if text is None:
            continue
        if not text.startswith("/"):
            text = base.rstrip("/").rpartition("/")[0] + "/" + text  # beside the page
        if generator == "jekyll":
            text = _INDEX_HTML.sub("", text)
        listed = isinstance(value, list)
        found.append(((keys[name], index) if listed else (keys[name],), text))
    return found
