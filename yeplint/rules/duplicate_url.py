"""Two pages at one address (YEP504): found once the run's pages are checked, from the addresses
of every page of the site (:func:`find_duplicates`, which the engine calls when the run ends).

Unlike the orphan check, a partial run can know: each checked page is compared with every page
discovery finds, checked or not, so a pre-commit run of three files reports what the whole
run reports for them. With the cache on, a page's addresses are kept with its stamp
(:class:`AddressMemo`): a warm run reads the front matter of the pages that changed (and of a
page it reports), and still sees a page another one now collides with.
"""

from __future__ import annotations

import os
import stat
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from yeplint.config.settings import Settings
from yeplint.diagnostics import Span, Violation
from yeplint.document.post import Post, load_text
from yeplint.locale.messages import Message, msg
from yeplint.rules.context import Context
from yeplint.rules.rule import rule
from yeplint.site.discovery import Target
from yeplint.site.index import SiteIndex

if TYPE_CHECKING:
    from yeplint.site.addresses import Address, Layout

FIRST_READ = 4096
"""Bytes of a page read first for its front matter; a longer one is read up to
:data:`~yeplint.site.urls.HEAD_BYTES`."""


@rule("YEP504", "duplicate-page-url")
def duplicate_page_url(post: Post, ctx: Context) -> Iterator[Violation]:
    """Two pages are published at the same address: the build keeps one and silently drops
    the other.

    ## Why is this bad?
    The generator writes both pages to one file, or keeps the first and ignores the second:
    one of them is not on the site, and nothing says so. Hugo drops one of two pages with the
    same `slug` in a section; an `aliases` entry that names another page's address replaces
    that page by a redirect; `foo.md` beside `foo/index.md` are both `/foo/`.

    ## Example
    `content/blog/eerste.md` and `content/blog/tweede.md` on a Hugo site, both with
    `slug: welkom`.

    ## How to fix
    Give one of the pages another `slug` (or `url`, `permalink`, `path`), remove the alias
    that names the other page's address, or rename or move one of the two files.

    Each page is reported at the key that makes its address (`slug:`, `url:`, the alias), or
    at line 1 when its file name makes it, with the other page named. Pages in different
    languages have different addresses. The addresses are those of a page's own `url` (Hugo),
    `path` (Zola), `permalink` (Jekyll, Eleventy) or absolute `slug` (Docusaurus), else, on
    Hugo, Zola and MkDocs, of the file's place in the content folder, else of the site's URL
    map (a collection's `url`); `aliases` (Hugo, Zola) and `redirect_from` (Jekyll) count
    too. Drafts and pages the generator does not render have none. Found when the run ends, for
    the checked pages, against every page of the site.

    ## Options
    None.
    """
    return iter(())


class AddressMemo(Protocol):
    """The addresses of pages found by an earlier run (the engine's cache): a page's hold
    while its bytes, its mapped URL and the site's layout are as they were."""

    def get(self, path: Path, mapped: str | None, layout: Layout) -> list[Address] | None: ...

    def put(self, path: Path, mapped: str | None, layout: Layout, found: list[Address]) -> None: ...


class Claim(NamedTuple):
    """A checked page that shares an address with another page of its site."""

    page: Target
    address: Address
    url: str
    other: Target


def find_duplicates(
    checked: Iterable[Target],
    site: SiteIndex,
    every: Iterable[Target] | None = None,
    memo: AddressMemo | None = None,
) -> Iterator[tuple[Target, Violation]]:
    """Each checked page that shares an address with another page of its site, with the
    violation (at the key that makes the address). ``every``: all the pages of the site when
    the caller has them (a run that checked them all), so the site is not walked again;
    ``memo``: the addresses of pages an earlier run read (each page's front matter is read
    only when it changed, or when the page is reported)."""
    for claim, violation in find_claims(checked, site, every, memo):
        yield claim.page, violation()


def find_claims(
    checked: Iterable[Target],
    site: SiteIndex,
    every: Iterable[Target] | None = None,
    memo: AddressMemo | None = None,
) -> Iterator[tuple[Claim, Callable[[], Violation]]]:
    """:func:`find_duplicates`, each violation made when asked (it reads the page's front
    matter for where to point: a caller that kept it from an earlier run does not ask)."""
    from yeplint.site.addresses import addresses, keys_of, layout_of  # a whole-site run only

    settings = site.settings
    by_root: dict[Path, list[Target]] = defaultdict(list)
    for target in checked:
        by_root[settings.root or target.root].append(target)
    known: dict[Path, list[Target]] = defaultdict(list)
    for target in every or ():
        known[settings.root or target.root].append(target)
    for root, mine in sorted(by_root.items()):
        found = [*(known[root] if root in known else site.discovered(root)), *mine]
        pages = {t.path: t for t in found if t.skip_reason is None}
        layout = layout_of(root, settings)
        mapped = site.site_map(root).urls if any(c.url for c in settings.collections) else {}
        table: dict[tuple[str, str], list[tuple[Path, Address]]] = defaultdict(list)
        posts: dict[Path, Post | None] = {}
        keys = keys_of(settings.generator)
        for path, page in pages.items():
            url = mapped.get(path)
            claimed = memo.get(path, url, layout) if memo is not None else None
            if claimed is None:
                posts[path] = post = _front_matter(page, keys, settings.front_matter)
                data = post.data if post is not None else None
                claimed = list(addresses(path, data, settings, layout, url))
                if memo is not None:
                    memo.put(path, url, layout, claimed)
            for address in claimed:
                table[(address.language, address.url)].append((path, address))
        wanted = {t.path: t for t in mine}
        for (_, url), claims in sorted(table.items()):
            if len({path for path, _ in claims}) < 2:
                continue
            for path, address in claims:
                reported = wanted.get(path)
                if reported is None:
                    continue
                other = next(pages[p] for p, _ in claims if p != path)
                page = pages[path]
                violation = partial(_made, posts, page, keys, settings, address, url, other)
                yield Claim(reported, address, url, other), violation


def _made(
    posts: dict[Path, Post | None],
    page: Target,
    keys: frozenset[str],
    settings: Settings,
    address: Address,
    url: str,
    other: Target,
) -> Violation:
    """The violation of a page at ``url``; its front matter read now when its addresses came
    from the memo."""
    if page.path not in posts:
        posts[page.path] = _front_matter(page, keys, settings.front_matter)
    return _violation(posts[page.path], address, url, other)


def _front_matter(page: Target, keys: frozenset[str], formats: tuple[str, ...]) -> Post | None:
    """The page's front matter alone, parsed, when it names one of ``keys`` (those that move
    the page)."""
    from yeplint.site.addresses import UNCLOSED, front_matter_block
    from yeplint.site.urls import HEAD_BYTES

    if not keys:
        return None
    try:  # without blocking, and only a regular file: a FIFO named like a page is no page
        fd = os.open(page.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        head = os.read(fd, FIRST_READ)
        block = front_matter_block(head, keys)
        if block == UNCLOSED and len(head) == FIRST_READ:
            head += os.read(fd, HEAD_BYTES - FIRST_READ)
            block = front_matter_block(head, keys)
    except OSError:
        return None
    finally:
        os.close(fd)
    if not block:
        return None
    return load_text(page.path, page.display, block, formats)


def _violation(post: Post | None, address: Address, url: str, other: Target) -> Violation:
    span = Span.point(1)
    if post is not None and post.front_matter is not None and address.key is not None:
        key_only = len(address.key) == 1
        span = post.front_matter.locate(address.key, key=key_only)
    message = msg(
        "this page and `{other}` are both published at `{url}`: the build keeps only one",
        other=other.relative,
        url=url,
    )
    return Violation(span, message, _hint(address))


def _hint(address: Address) -> Message:
    if address.key is None:
        return msg("rename or move one of the two pages")
    if len(address.key) > 1 or str(address.key[0]).lower() in ("aliases", "redirect_from"):
        return msg("remove this redirect, or give it an address no page has")
    return msg("give this page or the other another `{key}`", key=str(address.key[0]))
