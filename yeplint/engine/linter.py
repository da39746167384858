"""The engine: read each file once, run the selected rules on it, stamp, suppress and sort.

A crashing rule never hides the others: its exception becomes one ``internal-error``
diagnostic for that file (the run exits 2) and the remaining rules and files still run.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from yeplint.config.files import read_upto
from yeplint.config.generators import file_urls, mkdocs_markdown
from yeplint.config.globs import matches_any
from yeplint.config.load import collection_notices
from yeplint.config.page_schemas import CompiledSchema, load_schema
from yeplint.config.settings import Collection, ConfigError, Settings
from yeplint.diagnostics import Diagnostic, Severity, Span, Violation
from yeplint.document.mdx import rendered_imports
from yeplint.document.post import Post, load_text
from yeplint.document.source import decode as decode_text
from yeplint.document.source import split_lines
from yeplint.engine.result import Result
from yeplint.engine.selection import resolve_selection
from yeplint.engine.suppress import Suppressions
from yeplint.locale.messages import Number, msg, msgn, one_line
from yeplint.rules import duplicate_url, links, orphans, translations
from yeplint.rules import file as file_rules
from yeplint.rules.catalogue import RULES
from yeplint.rules.context import Context
from yeplint.rules.rule import Rule, code_name
from yeplint.site.discovery import Target
from yeplint.site.files import ImageResolver
from yeplint.site.index import SiteIndex

if TYPE_CHECKING:
    from yeplint.engine.cache import Cache, Stamped
    from yeplint.site.index import SiteShare
    from yeplint.site.urls import SiteMap

INTERNAL_ERROR = code_name(file_rules.internal_error)
UNREADABLE = code_name(file_rules.unreadable_file)
TOO_LARGE = code_name(file_rules.file_too_large)
UNUSED_SUPPRESSION = code_name(file_rules.unused_suppression)
ORPHAN_IMAGE = code_name(orphans.orphan_image)
LINK_TO_IMAGE = code_name(links.link_to_image)
DUPLICATE_URL = code_name(duplicate_url.duplicate_page_url)
END_OF_RUN = frozenset((DUPLICATE_URL[0],))
"""Rules judged on a page when the run ends: a comment suppressing one is used then, not
while the page is linted."""
SITE_RULES = frozenset(code_name(c)[0] for c in (links.broken_link, links.missing_anchor))
"""Rules that read the site's URL map (:mod:`yeplint.site.urls`)."""
TRANSLATION_RULES = frozenset(
    code_name(c)[0]
    for c in (
        translations.translation_mismatch,
        translations.translation_title_mismatch,
        translations.missing_primary_page,
    )
)
"""Rules that read a translation's primary page."""
PREREAD_MAX = 256
"""At most this many pages parsed ahead of their turn are kept."""
ANCHORS_KEPT = 4096
"""Most pages whose anchors a worker keeps from chunk to chunk (:meth:`Linter.trim_anchors`):
~0.25-0.75 KB a page, for the links of later pages; one dropped is read again when asked."""
UNCHECKED_SHOWN = 20
"""At most this many links left unchecked (no static root) are named; the rest are counted."""
READ_AHEAD = 500
"""Pages whose cache rows are read in one query before their turn (a warm run asked the cache
file once per page)."""


class _Early(NamedTuple):
    """What :meth:`Linter.finish` needs of a run's pages and no page's findings change."""

    checked: set[Path]
    whole: bool
    """Whether they are every page of their sites."""
    duplicates: tuple[list[Diagnostic], dict[str, dict[int, str]]] | None
    """YEP504's findings on them and the lines those point at; ``None``: not looked for."""


_REPORT_IT = msg("please report this with the file; run with --debug for details")


def pointed_at(lines: list[str], diagnostics: list[Diagnostic]) -> dict[int, str]:
    """The lines ``diagnostics`` point at, by 1-based number."""
    return {d.line: lines[d.line - 1] for d in diagnostics if 0 < d.line <= len(lines)}


def _traceback() -> str:
    import traceback

    return traceback.format_exc()


def tune_gc() -> None:
    """For a short-lived run: fewer cyclic-GC passes over the many parse tokens.

    Tokens form no reference cycles, yet each allocation burst triggers full collections:
    on a post with 20,000 images the body parse takes 0.83 s with default thresholds and
    0.62 s with these (bench/many_refs.py). Imports are frozen out of the GC's sight too.
    """
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


class Linter:
    def __init__(
        self,
        settings: Settings,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
        cache: Cache | None = None,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.selection = (
            list(select) if select is not None else None,
            list(ignore),
            list(extend_select),
        )
        """The command line's selection, so that parallel workers can build the same linter."""
        chosen = resolve_selection(
            settings, select=select, ignore=ignore, extend_select=extend_select
        )
        self.rules: list[Rule] = list(chosen.rules)
        self.enabled = chosen.enabled
        self.severity: dict[str, Severity] = dict(chosen.severity)
        self.rule_options: dict[str, Any] = dict(chosen.options)
        self.per_file_ignores = list(chosen.per_file_ignores)
        self.site = SiteIndex(settings)
        """What the run knows of the whole site (:mod:`yeplint.site.index`)."""
        self._anchor_log: list[list[Any]] = []
        """The other pages' anchors the file being linted looked at (for its cache entry)."""
        self.frames = True
        """Whether the report shows the lines problems point at: a parallel worker sends them
        to the parent only then (50,000 pages' took ~10 MB for a format that shows none)."""
        self._pinned: set[Path] = set()
        """Pages whose anchors are kept however many there are: those that may import others'
        (found when linted without them, when read ahead with them: read again, they could
        differ from what the run saw first)."""
        self._images: list[Any] = [[], []]
        """The page being linted: the images it shows and its text links to images
        (YEP402's last pass), as its cache entry keeps them: ``[[path], [[path, row]]]``."""
        self._cached_images: Any = None
        """The images of the cache entry just found (:meth:`_restore_images`)."""
        self._cached_lines: Any = None
        """The lines its problems point at, as the cache entry just found keeps them."""
        self._refresh: dict[str, Any] | None = None
        """A cache entry found valid by resolving its references again, to store with its
        folders' stamps as they are now."""
        self._stale: str | None = None
        """The hash of a page whose stamped cache row no longer holds (not looked up again)."""
        self._verified: dict[Path, str] = {}
        """Pages' stamps taken this run before their bytes were read (or vouching for them)."""
        self._early_stamps: dict[Path, str] = {}
        """Pages' stamps taken before their turn (:meth:`unchanged_pages`)."""
        self._codes: frozenset[str] | None = None
        """The translations' language codes (:meth:`_twin_text`)."""
        self._site_log: list[list[Any]] | None = None
        """The questions the file being linted asked the URL map (for its cache entry);
        ``None`` when nothing is recorded."""
        self.whole_run = True
        """False in a parallel worker, which sees one chunk of the files."""
        urls = (*settings.collections, *settings.generator_urls, *settings.url_rules)
        has_urls = (
            any(c.url for c in urls)
            or file_urls(settings.generator, settings.root)
            or bool(settings.docs_roots)
        )
        self.needs_site = has_urls and bool(self.enabled & SITE_RULES)
        """Whether a link rule runs on a site whose pages have URLs (from collections, the
        generator's URL patterns or rules, or their files' paths)."""
        self._schemas: dict[Collection, CompiledSchema | None] = {}
        self._early: _Early | None = None
        """What :meth:`finish` needs of the run's pages, found before it (:meth:`prepare_finish`)
        or on first use."""
        self.admonitions = mkdocs_markdown(settings.generator, settings.root)
        """Whether admonitions and content tabs hold Markdown (an MkDocs site)."""

    def collection_for(self, target: Target) -> Collection | None:
        return self.site.collection_for(target)

    def schema_for(self, collection: Collection | None) -> CompiledSchema | None:
        if collection is None or collection.schema is None:
            return None
        if collection not in self._schemas:
            self._schemas[collection] = load_schema(collection)
        return self._schemas[collection]

    def cache_key(self) -> str:
        """What every cached result depends on besides its own file and images."""
        schemas = [load_schema(c).text for c in self.settings.collections if c.schema is not None]
        parts = [
            repr(self.settings),
            ",".join(sorted(self.enabled)),
            repr(sorted(self.severity.items())),
            repr(sorted(self.rule_options.items())),
            f"admonitions={self.admonitions}",  # mkdocs.yml may turn them on: not in settings
            *schemas,
        ]
        if self.settings.generator == "astro" and self.settings.root is not None:
            from yeplint.config.astro_content import read  # its collections' schemas (YEP605)

            parts.append(read(self.settings.root).text)
        from yeplint.engine.cache import config_key

        return config_key(parts)

    def check_schemas(self) -> None:
        """Read every configured schema up front so a missing or non-JSON one is a config error
        (exit 2) before any file is checked; compiling waits for the first file that needs it."""
        for collection in self.settings.collections:
            self.schema_for(collection)

    def resolver_for(self, root: Path) -> ImageResolver:
        return self.site.resolver_for(root)

    def run(
        self,
        targets: Iterable[Target],
        *,
        data: bytes | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Result:
        """Lint every target in this process; ``data`` stands in for the content of a single
        target (stdin). Serial or parallel is the run's decision (:mod:`.session`)."""
        if self.cache is None:
            return self._run(targets, data, progress)
        from yeplint.engine.cache import stamps_for_a_run

        with stamps_for_a_run():
            return self._run(targets, data, progress)

    def _run(
        self,
        targets: Iterable[Target],
        data: bytes | None,
        progress: Callable[[int], None] | None,
    ) -> Result:
        result = Result()
        self.site.store = self.cache  # the site's walk and URL map, kept between runs
        pending = list(targets)
        for index, target in enumerate(pending):
            if self.cache is not None and data is None and index % READ_AHEAD == 0:
                self.cache.prefetch([str(t.path) for t in pending[index : index + READ_AHEAD]])
            result.files_checked += 1
            result.paths.append(target.display)
            result.files[target.display] = target
            try:
                result.diagnostics.extend(self.lint_target(target, result, data))
            except ConfigError:
                raise  # a broken schema is the configuration's problem: exit 2
            except Exception as exc:  # a bug outside the rules (loading): this file only
                result.internal_errors += 1
                result.tracebacks.append(_traceback())
                result.diagnostics.append(
                    self._file_diag(
                        target,
                        INTERNAL_ERROR,
                        msg(
                            "yeplint failed on this file: {error}",
                            error=f"{type(exc).__name__}: {exc}",
                        ),
                        _REPORT_IT,
                    )
                )
            if progress is not None:
                progress(1)
        for resolver in self.site.resolvers.values():
            result.referenced |= resolver.referenced
        result.finished = data is not None  # text from stdin is one page, never the site
        return self.finish(result)

    def finish(self, result: Result) -> Result:
        """What needs the whole run: orphan images, notices, the order of the diagnostics."""
        if not result.finished:
            result.finished = True
            if ORPHAN_IMAGE[0] in self.enabled and self.whole_run:
                result.diagnostics.extend(self._orphans(result))
            if LINK_TO_IMAGE[0] in self.enabled and self.whole_run:
                result.diagnostics.extend(self._linked_only(result))
            if DUPLICATE_URL[0] in self.enabled and self.whole_run and self._whole_site(result):
                # as YEP501: a run over a few pages would have to read every page's front matter
                result.diagnostics.extend(self._duplicates_of(result))
            told = [*self.static_notices(), *self.site_notices(), *self._generator_notices(result)]
            result.notices.extend(n for n in told if n not in result.notices)
            result.notices.extend(self._collection_notices(result))
            self._early = None
        result.diagnostics.sort(key=lambda d: d.sort_key)
        return result

    def prepare_finish(self, targets: list[Target]) -> None:
        """What :meth:`finish` will need of a run over ``targets`` that no page's findings
        change: whether they are the whole site, and the pages that share an address with
        another (YEP504). Done beforehand by a parent whose workers lint meanwhile."""
        files = {t.display: t for t in targets}
        checked = {t.path for t in files.values()}
        self._early = _Early(checked, self._covers_all(files, checked), None)
        if DUPLICATE_URL[0] in self.enabled and self.whole_run and self._early.whole:
            early = Result(files=files)
            self._early = self._early._replace(
                duplicates=(self._duplicate_urls(early), early.sources)
            )

    def _duplicates_of(self, result: Result) -> list[Diagnostic]:
        """YEP504's findings for ``result``: those :meth:`prepare_finish` found for its pages,
        else found now."""
        early = self._early
        if early is None or early.duplicates is None or not self._same_pages(early, result):
            return self._duplicate_urls(result)
        found, sources = early.duplicates
        for display, lines in sources.items():
            result.sources.setdefault(display, {}).update(lines)
        return found

    def _collection_notices(self, result: Result) -> list[str]:
        """Collections with a glob that matches no page, when the run checked every page of
        the site (a partial run cannot know)."""
        if not self.whole_run or not result.files:
            return []
        relatives = [t.relative for t in result.files.values()]
        notices = collection_notices(self.settings.collections, relatives)
        if not notices:
            return []
        return notices if self._whole_site(result) else []

    def _orphans(self, result: Result) -> list[Diagnostic]:
        """YEP501 (:func:`yeplint.rules.orphans.find_orphans`), when every page of the site
        was checked (a partial run cannot know who uses an image)."""
        from yeplint.rules.orphans import find_orphans

        if not self._whole_site(result):
            return []
        return [
            self._file_diag(image, ORPHAN_IMAGE, message, hint)
            for image, message, hint in find_orphans(
                result.files.values(), result.referenced, self.site
            )
            if self._wanted(ORPHAN_IMAGE[0], image)
        ]

    def _linked_only(self, result: Result) -> list[Diagnostic]:
        """YEP402's last pass: the text links to an image that no checked page shows, when
        every page of the site was checked (a partial run cannot know who shows it); an image
        in ``orphan-ignore`` is shown by the templates."""
        if not result.linked or not self._whole_site(result):
            return []
        ignore = self.settings.orphan_ignore
        found = []
        for path, diagnostic in result.linked:
            if path in result.shown:
                continue
            if ignore and matches_any(ignore, self._relative(Path(path))):
                continue
            found.append(diagnostic)
        return found

    def _relative(self, path: Path) -> str:
        root = self.settings.root
        try:
            return path.relative_to(root).as_posix() if root else path.name
        except ValueError:
            return path.name

    def _whole_site(self, result: Result) -> bool:
        """Whether the run checked every page of the site (asked once a run)."""
        early = self._early
        if early is not None and self._same_pages(early, result):
            return early.whole
        checked = {t.path for t in result.files.values()}
        whole = self._covers_all(result.files, checked)
        self._early = _Early(checked, whole, None)
        return whole

    @staticmethod
    def _same_pages(early: _Early, result: Result) -> bool:
        files = result.files
        return len(files) == len(early.checked) and all(
            t.path in early.checked for t in files.values()
        )

    def _covers_all(self, files: dict[str, Target], checked: set[Path]) -> bool:
        roots = {self.settings.root or t.root for t in files.values()}
        return bool(checked) and all(self._covers(root, checked) for root in roots)

    def _covers(self, root: Path, checked: set[Path]) -> bool:
        """:meth:`SiteIndex.covers`; a site walked already (for its URL map) is compared with
        ``checked`` as it is, without first looking into each checked page's folder for a page
        left out."""
        if root in self.site.walks:
            self.site.all_pages(root)
        return self.site.covers(root, checked)

    def _duplicate_urls(self, result: Result) -> list[Diagnostic]:
        """YEP504 (:func:`yeplint.rules.duplicate_url.find_duplicates`): the pages against
        every page of their site, when the run checked them all (a run over a few pages, as
        pre-commit's, does no work proportional to the site; the CI run reports them). A
        reported page is read whole: its suppression comments apply, its line is shown."""
        from yeplint.rules.duplicate_url import find_claims

        rule = RULES[DUPLICATE_URL[0]]
        wanted = any(r.code == rule.code for r in self.rules)  # once, not per page
        checked = [
            t for t in result.files.values() if wanted and rule.code not in self._ignored_codes(t)
        ]
        found: list[Diagnostic] = []
        book = None
        if self.cache is not None:
            from yeplint.engine.cache import AddressBook

            book = AddressBook(self.cache, self._verified)
        every = result.files.values()
        for claim, violation in find_claims(checked, self.site, every, book):
            target = claim.page
            kept = book.reported(claim) if book is not None else None
            if kept is not None:  # the page kept its stamp: what this report made of it
                from yeplint.engine.cache import decode

                row, pointed = kept
                if row is not None:
                    result.sources.setdefault(target.display, {}).update(pointed)
                    found.append(decode(target.display, row))
                continue
            post = self._whole(target)
            lines = post.lines if post is not None else []
            made = self._stamp(target.display, rule, violation(), lines)
            shown = post is None or bool(Suppressions.from_post(post).apply([made]))
            diagnostic = made if shown else None
            pointed = pointed_at(lines, [diagnostic]) if diagnostic is not None else {}
            if book is not None:
                book.report(claim, diagnostic, pointed)
            if diagnostic is not None:
                result.sources.setdefault(target.display, {}).update(pointed)
                found.append(diagnostic)
        if book is not None:
            book.save()
        return found

    def _whole(self, target: Target) -> Post | None:
        """The page parsed (not linted), or ``None`` when it cannot be read."""
        try:
            data = read_upto(target.path, self.settings.max_file_size, regular=True)
        except (OSError, ConfigError):  # ConfigError: not a regular file
            return None
        if len(data) > self.settings.max_file_size:
            return None
        return load_text(
            target.path,
            target.display,
            data,
            self.settings.front_matter,
            admonitions=self.admonitions,
        )

    def lint_bytes(self, target: Target, data: bytes) -> list[Diagnostic]:
        """Lint ``data`` as the content of ``target``, without the cache (for ``--fix``)."""
        cache, self.cache = self.cache, None
        try:
            diagnostics = self.lint_target(target, Result(), data)
        finally:
            self.cache = cache
        return sorted(diagnostics, key=lambda d: d.sort_key)

    def read(self, target: Target, data: bytes | None = None) -> bytes | Diagnostic:
        """The file's bytes, or the diagnostic saying why they cannot be checked."""
        size_cap = self.settings.max_file_size
        if target.skip_reason:
            reason = target.skip_reason
            return self._file_diag(target, UNREADABLE, msg("skipped: {reason}", reason=reason))
        if data is None:
            try:
                data = read_upto(target.path, size_cap)
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                message = msg("cannot read the file: {reason}", reason=reason)
                return self._file_diag(target, UNREADABLE, message)
        if len(data) > size_cap:
            return self._file_diag(
                target,
                TOO_LARGE,
                msg("file is larger than {size} bytes; skipped", size=Number(size_cap)),
                msg("split the page, or raise `max-file-size` in the configuration"),
            )
        return data

    def lint_target(
        self, target: Target, result: Result, data: bytes | None = None
    ) -> list[Diagnostic]:
        stamps, self._stale = None, None
        if self.cache is not None and data is None and not target.skip_reason:
            stamps = self._stamps_now(target)  # before the page is read: a later edit moves it
            if stamps is not None and stamps[0]:
                self._verified[target.path] = stamps[0]
            by_stamps = self._by_stamps(target, result, stamps)
            if by_stamps is not None:
                return by_stamps
        read = self.read(target, data)
        if isinstance(read, Diagnostic):
            return [read] if self._wanted(read.code, target) else []
        resolver = self.resolver_for(target.root)
        if target.trusted is not None:
            resolver.trusted.add(target.trusted)
        twin = self._twin(target)
        key = digest = ""
        if self.cache is not None:
            from yeplint.engine.cache import content_hash  # the cache and hashlib only when used

            # a translation's findings depend on its twin too: both are in the digest
            key, digest = str(target.path), content_hash(read + (twin[1] if twin else b""))
            self.site.digests[target.path] = content_hash(read) if twin else digest
            cached = (
                None if digest == self._stale else self._from_cache(key, digest, target, resolver)
            )
            if cached is not None and self._refresh is not None:
                own = self.site.digests[target.path]
                self.cache.store(key, digest, self._refresh, self._vouched(stamps, digest, own))
                self._refresh = None
            if cached is not None:
                linked = self._restore_images(target, result)
                if cached or linked:
                    lines = split_lines(decode_text(read).text)
                    result.sources[target.display] = pointed_at(lines, [*cached, *linked])
                return cached
            resolver.log = []
            self._site_log = []
        crashes = result.internal_errors
        early = self.site.preread.pop(target.path, None)
        if early is not None and early[0] == read and early[1].display_path == target.display:
            post = early[1]
        else:
            post = load_text(
                target.path,
                target.display,
                read,
                self.settings.front_matter,
                admonitions=self.admonitions,
            )
        diagnostics = self._lint_post(post, target, result, twin)
        if self.cache is not None and resolver.log is not None:
            from yeplint.engine.cache import dependency, encode, folders_of, served_key

            site = self.site.sites.get(self.settings.root or target.root)
            if result.internal_errors == crashes:
                pointed = result.sources.get(target.display, {})
                self.cache.store(
                    key,
                    digest,
                    {
                        "deps": [dependency(*logged, resolver) for logged in resolver.log],
                        "folders": folders_of(resolver, (log[:3] for log in resolver.log)),
                        "served": served_key(resolver),
                        "anchors": self._anchor_log,
                        "site": self._site_log or [],
                        "unchecked": [u for u in resolver.unchecked if u[0] == target.display],
                        "diagnostics": [encode(d) for d in diagnostics],
                        "images": self._images,
                        "lines": sorted(pointed.items()),
                        "templated": self.site.templated.get(target.path),
                    },
                    self._vouched(stamps, digest, self.site.digests[target.path]),
                )
            resolver.log = None
            if site is not None:
                site.log = None
        self._site_log = None
        self._anchor_log = []
        self._images = [[], []]
        return diagnostics

    def _stamps_now(self, target: Target) -> tuple[str, str] | None:
        """The stamps of the page and of its translation's primary page (``"-"``: none) as
        they are now; ``None`` when the page is no regular file."""
        from yeplint.engine.cache import file_stamp

        stamp = self._early_stamps.pop(target.path, None) or file_stamp(target.path)
        if stamp is None:
            return None
        twin = "-"
        if self.enabled & TRANSLATION_RULES:
            path = self._twin_text(target.path)
            if path is not None:  # one stat: no regular file there is no twin (`twin_of`)
                found = file_stamp(path)
                twin = "-" if found is None else found
        return stamp, twin

    def _twin_text(self, path: Path) -> str | None:
        """Where a translation's primary page would be (:func:`yeplint.site.urls.twin_of`,
        as text and without asking whether it is there)."""
        languages = self.settings.languages
        if len(languages) < 2:
            return None
        if self._codes is None:
            self._codes = frozenset(code for code, _ in languages[1:])
        folder, sep, name = os.fspath(path).rpartition(os.sep)
        parts = name.split(".")
        if len(parts) < 3 or parts[-2] not in self._codes:
            return None
        return f"{folder}{sep}{'.'.join([*parts[:-2], languages[0][0], parts[-1]])}"

    def _by_stamps(
        self, target: Target, result: Result, stamps: tuple[str, str] | None
    ) -> list[Diagnostic] | None:
        """The cached result of a page whose stamps are those its row was stored with: its
        bytes are trusted to hash as they did, unread (as ruff and rumdl trust a file's
        modification time); ``None`` when the stamps moved or the row no longer holds."""
        if self.cache is None or stamps is None or "" in stamps:
            return None
        known = self.cache.stamped_as(str(target.path))
        if known is None or (known.stamp, known.twin) != stamps:
            return None
        resolver = self.resolver_for(target.root)
        if target.trusted is not None:
            resolver.trusted.add(target.trusted)
        self.site.digests[target.path] = known.own
        cached = self._from_cache(str(target.path), known.digest, target, resolver)
        if cached is None:
            self._stale = known.digest  # the same bytes are not asked again once read
            return None
        if self._refresh is not None:
            self.cache.store(str(target.path), known.digest, self._refresh, known)
            self._refresh = None
        linked = self._restore_images(target, result)
        lines = self._cached_lines
        self._cached_lines = None
        if cached or linked:
            try:
                result.sources[target.display] = {int(n): str(text) for n, text in lines}
            except (TypeError, ValueError):
                return None
        return cached

    @staticmethod
    def _vouched(stamps: tuple[str, str] | None, digest: str, own: str) -> Stamped | None:
        """The stamps a stored row is found by next time (none when one is too young)."""
        if stamps is None or "" in stamps:
            return None
        from yeplint.engine.cache import Stamped

        return Stamped(stamps[0], stamps[1], digest, own)

    def unchanged_pages(self, targets: list[Target]) -> int:
        """How many of ``targets`` keep the stamps their cache rows were stored with (each
        stamp kept for the page's turn): a run of mostly unchanged pages is one of reading the
        cache, which one process does faster than several."""
        if self.cache is None or not self.cache.present:
            return 0
        from yeplint.engine.cache import file_stamp

        self.cache.load_stamps([str(t.path) for t in targets])
        same = 0
        for target in targets:
            stamp = file_stamp(target.path)
            known = self.cache.known.get(str(target.path))
            if stamp:
                self._early_stamps[target.path] = stamp
                same += known is not None and known.stamp == stamp
        return same

    def _restore_images(self, target: Target, result: Result) -> list[Diagnostic]:
        """A cached page's images and image links (:attr:`_images`) back into ``result``, as
        linting it would have put them; its image links as diagnostics."""
        from yeplint.engine.cache import decode

        saved = self._cached_images
        self._cached_images = None
        try:
            shown, linked = saved if isinstance(saved, list) else ([], [])
            pairs = [(str(path), decode(target.display, row)) for path, row in linked]
            result.shown.update(str(path) for path in shown)
        except (TypeError, ValueError, IndexError, KeyError, RecursionError):
            return []
        result.linked.extend(pairs)
        return [d for _, d in pairs]

    def page_anchors(self, path: Path) -> frozenset[str] | None:
        """The heading anchors of the page at ``path`` (read once per run); ``None`` when they
        cannot be known (unreadable, too large, or template syntax that may add headings). Each
        lookup is recorded with the hash of the bytes the anchors came from: a cached result holds
        only while the anchors it saw are the same, which the same bytes say without a parse."""
        if path not in self.site.anchors:
            self.site.anchors[path] = None  # a page that imports itself: not known
            self.site.anchors[path] = self._read_anchors(path)
        found = self.site.anchors[path]
        if self.cache is not None:
            anchors = sorted(found) if found is not None else None
            self._anchor_log.append([str(path), anchors, self.site.digests.get(path)])
        return found

    def trim_anchors(self) -> None:
        """Forget the anchors of all but the ``ANCHORS_KEPT`` pages found last (a parallel
        worker between chunks: each page it lints leaves its anchors for the links of later
        pages). A page forgotten is read again if a link asks for it, with the same anchors;
        a page that may import others' is never forgotten (:attr:`_pinned`)."""
        anchors = self.site.anchors
        excess = len(anchors) - ANCHORS_KEPT
        if excess <= 0:
            return
        for path in [p for p in anchors if p not in self._pinned][:excess]:
            del anchors[path]

    def _read_anchors(self, path: Path) -> frozenset[str] | None:
        from yeplint.rules.links import known_anchors, with_imported

        data = self._read_other(path)
        if data is None:
            return None
        post = self._parse_ahead(path, data)
        if "import" in post.text:
            self._pinned.add(path)
        known = known_anchors(post, settings=self.settings)
        if self.cache is not None and not rendered_imports(post.text):
            # trusted by this hash on a warm run: only when no imported file adds anchors
            from yeplint.engine.cache import content_hash

            self.site.digests[path] = content_hash(data)
        return with_imported(post, known, self.settings, self.page_anchors)

    def _digest_of(self, path: Path) -> str | None:
        """The hash of the page's bytes as they are now (read once per run); ``None`` when it
        cannot be read or is too large."""
        if path not in self.site.digests and self.cache is not None:
            from yeplint.engine.cache import file_stamp

            known = self.cache.stamped_as(str(path))
            if known is not None and known.own and known.stamp == file_stamp(path):
                self.site.digests[path] = known.own  # unread: its stamp vouches for its bytes
        if path not in self.site.digests:
            from yeplint.engine.cache import content_hash

            data = self._read_other(path)
            if data is None:
                return None
            self.site.digests[path] = content_hash(data)
        return self.site.digests[path]

    def _read_other(self, path: Path) -> bytes | None:
        """Another page's bytes; ``None`` when it cannot be read or is over ``max-file-size``."""
        try:
            data = read_upto(path, self.settings.max_file_size)
        except OSError:
            return None
        return None if len(data) > self.settings.max_file_size else data

    def _parse_ahead(self, path: Path, data: bytes) -> Post:
        """Another page than the one being linted, parsed (its anchors, a translation's
        primary page) and kept for its own turn."""
        if path in self.site.preread and self.site.preread[path][0] == data:
            return self.site.preread[path][1]
        target = self.site.target_of(path)
        post = load_text(
            path,
            target.display if target else path.name,
            data,
            self.settings.front_matter,
            admonitions=self.admonitions,
        )
        if target is not None and len(self.site.preread) < PREREAD_MAX:
            self.site.preread[path] = data, post
        return post

    def _from_cache(
        self, key: str, digest: str, target: Target, resolver: ImageResolver
    ) -> list[Diagnostic] | None:
        """The cached diagnostics when the entry matches and still holds; ``None`` otherwise
        (also for an entry this version cannot read). The site's URL map is built only for an
        entry whose page asked it something."""
        from yeplint.engine.cache import RESOLVED, decode, folders_of, served_key, still_valid

        assert self.cache is not None
        entry = self.cache.lookup(key, digest)
        if entry is None:
            return None
        deps, folders, served = entry.get("deps"), entry.get("folders"), entry.get("served")
        held = still_valid(deps, resolver, folders, served)
        if held is None:
            return None
        saved = entry.get("anchors", [])
        if not isinstance(saved, list) or not all(self._anchors_hold(a) for a in saved):
            return None
        asked = entry.get("site")
        if self.needs_site and asked != []:
            site = self.site_map(self.settings.root or target.root)
            if not site.still_answers(asked):
                return None  # a page it links to was added, removed or moved
        try:
            found = [decode(target.display, row) for row in entry["diagnostics"]]
            unchecked = [
                (target.display, int(r[1]), int(r[2]), str(r[3])) for r in entry["unchecked"]
            ]
        except (KeyError, TypeError, ValueError, IndexError, RecursionError):
            return None
        resolver.unchecked.update(unchecked)  # the notice names them as an uncached run does
        templated = entry.get("templated")
        if isinstance(templated, bool):  # the orphan check does not read the page for it
            self.site.templated[target.path] = templated
        self._cached_images = entry.get("images")
        self._cached_lines = entry.get("lines", [])
        if held == RESOLVED:  # stored again with its folders' stamps as they are now
            folders = folders_of(resolver, (d[:3] for d in deps or ()))
            if folders is not None:
                self._refresh = {**entry, "folders": folders, "served": served_key(resolver)}
        return found

    def _anchors_hold(self, saved: object) -> bool:
        """Whether a page's anchors are still the ones a cached result saw: at once when its
        bytes hash as they did (the same bytes under the same settings, which are in the cache
        key, have the same anchors), else by parsing it for its anchors now."""
        if not isinstance(saved, list) or len(saved) not in (2, 3):
            return False
        if not isinstance(saved[0], str):
            return False
        path = Path(saved[0])
        digest = saved[2] if len(saved) == 3 and isinstance(saved[2], str) else None
        if path not in self.site.anchors and digest and self._digest_of(path) == digest:
            return True  # the same bytes: the same anchors, without a parse
        if path not in self.site.anchors:
            self.site.anchors[path] = None  # a page that imports itself: not known
            self.site.anchors[path] = self._read_anchors(path)
        now = self.site.anchors[path]
        return bool((sorted(now) if now is not None else None) == saved[1])

    def static_notices(self) -> list[str]:
        """Per root whose served folders lie outside the project: that they are not looked at;
        per root whose folders served at `/` are absent: the links that are therefore not
        checked, each of which would otherwise be reported missing (none, no notice), named
        once (at most ``UNCHECKED_SHOWN``)."""
        notices: list[str] = []
        for root, resolver in self.site.resolvers.items():
            if resolver.outside:
                notices.append(
                    msg(
                        "{names}, served by the site's configuration, is outside the project:"
                        " yeplint looks at nothing there, and `/`-rooted links and images it"
                        " may serve are not checked",
                        names=", ".join(
                            f"`{os.path.relpath(f, self.settings.root or root)}`"
                            for f in resolver.outside
                        ),
                    )
                )
                resolver.outside = ()
            if not resolver.unchecked:
                continue
            base = self.settings.root or root
            names = ", ".join(f"`{s}`" for s in self.settings.static_roots) or "none"
            notices.append(
                msg(
                    "static-roots ({names}) not found under {base}: these links to files "
                    "served at `/` are not checked",
                    names=names,
                    base=str(base),
                )
            )
            links = sorted(resolver.unchecked)
            notices += [
                f"  {p}:{line}:{column}: `{t}`" for p, line, column, t in links[:UNCHECKED_SHOWN]
            ]
            if len(links) > UNCHECKED_SHOWN:
                more = len(links) - UNCHECKED_SHOWN
                notices.append(
                    msgn("  … and {count} more link", "  … and {count} more links", more)
                )
            resolver.unchecked.clear()
        return notices

    def _generator_notices(self, result: Result) -> list[str]:
        """What a generator rule could not check on this site (YEP605: the parts of an Astro
        content config that are not literals; YEP606: a Jekyll theme's layouts), once a run."""
        roots, root = {t.root for t in result.files.values()}, self.settings.root
        told: list[str | None] = []
        if self.settings.generator == "astro" and "YEP605" in self.enabled:
            from yeplint.rules.generator_fm import yep605_astro_schema_violation as astro

            told.append(astro.notice(roots, root))
        if self.settings.generator == "jekyll" and "YEP606" in self.enabled:
            from yeplint.rules.generator_fm import yep606_unknown_layout as layouts

            told.append(layouts.notice(roots, root))
        return [t for t in told if t]

    def site_notices(self) -> list[str]:
        """The pages whose URL is not known (at most ``UNCHECKED_SHOWN``): a link to an address
        one of them could have is not judged, so the run says which pages those are."""
        pages = [u for site in self.site.sites.values() for u in site.unresolved]
        notices: list[str] = []
        for path, key in pages[:UNCHECKED_SHOWN]:
            target = self.site.target_of(path)
            notices.append(
                msg(
                    "the URL of {page} is not known (its `{key}` is not set, or is a list): "
                    "links to where it could be are not checked",
                    page=target.display if target is not None else str(path),
                    key=key,
                )
            )
        if len(pages) > UNCHECKED_SHOWN:
            more = len(pages) - UNCHECKED_SHOWN
            notices.append(msgn("  … and {count} more page", "  … and {count} more pages", more))
        return notices

    def forget_images(self) -> None:
        """Look at the image folders again (a long-lived linter: the language server)."""
        self.site.forget_images()

    def forget_site(self) -> None:
        """Walk the site again: pages or images appeared, moved or went."""
        self.site.forget_site()

    def forget_page(self, target: Target) -> None:
        """Drop what linting ``target`` left behind (its buffer was closed)."""
        self.site.forget_page(target)

    def stored_targets(self, named: list[Path]) -> list[Target] | None:
        """The pages under the one folder named on the command line, from the cache's stored
        walk of the site while it holds (:meth:`SiteIndex.stored_targets`); ``None``: walk."""
        if self.cache is None or len(named) != 1:
            return None
        self.site.store = self.cache
        return self.site.stored_targets(named[0], Path.cwd())

    def site_share(self, targets: list[Target]) -> SiteShare | None:
        """The URL maps and page walks of the targets' roots, built now (for workers to share);
        ``None`` when no link rule needs them. The cache keeps the walk either way: the
        whole-site checks at the end of the run (orphans, :meth:`finish`) read it here, in the
        parent (without it, every parallel warm run walked the site again)."""
        self.site.store = self.cache
        if not self.needs_site:
            return None
        for root in {self.settings.root or t.root for t in targets}:
            self.site.site_map(root)
        return self.site.share()

    def site_map(self, root: Path) -> SiteMap:
        return self.site.site_map(root)

    def _twin_post(self, twin: tuple[Path, bytes] | None) -> Post | None:
        if twin is None or len(twin[1]) > self.settings.max_file_size:
            return None
        return self._parse_ahead(*twin)

    def _twin(self, target: Target) -> tuple[Path, bytes] | None:
        """A translation's primary page and its bytes, when a translation rule runs."""
        if not self.enabled & TRANSLATION_RULES:
            return None
        from yeplint.site.urls import twin_of

        path = twin_of(target.path, self.settings.languages)
        if path is None:
            return None
        try:
            return path, read_upto(path, self.settings.max_file_size)
        except OSError:
            return None

    def _lint_post(
        self,
        post: Post,
        target: Target,
        result: Result,
        twin: tuple[Path, bytes] | None = None,
    ) -> list[Diagnostic]:
        collection = self.collection_for(target)

        def locate() -> tuple[SiteMap, str | None]:
            site = self.site_map(self.settings.root or target.root)
            site.log = self._site_log
            url = site.urls.get(target.path)
            serves = self.site.url_collection(target)
            if url is None and serves is not None:
                from yeplint.site.urls import url_of  # a page the walk did not find (stdin)

                url = url_of(target.path, serves, self.settings, post.data)
            return site, url

        ctx = Context(
            settings=self.settings,
            root=target.root,
            collection=collection,
            schema=self.schema_for(collection),
            images=self.resolver_for(target.root),
            rule_options=self.rule_options,
            locate=locate if self.needs_site else None,
            twin=self._twin_post(twin),
            page_anchors=self.page_anchors,
        )
        diagnostics: list[Diagnostic] = []
        ignored = self._ignored_codes(target)
        stamp, shown, lines = self._stamp, post.display_path, post.lines
        for rule in self.rules:
            if rule.code in ignored:
                continue
            try:
                # a loop, not extend(genexpr): a generator per rule per page cost ~3x the loop
                for violation in rule.check(post, ctx):
                    diagnostics.append(stamp(shown, rule, violation, lines))  # noqa: PERF401
            except ConfigError:
                raise
            except Exception as exc:  # a crashing rule must not hide the others
                result.internal_errors += 1
                result.tracebacks.append(_traceback())
                diagnostics.append(
                    self._stamp(
                        post.display_path,
                        None,
                        Violation(
                            Span.point(1),
                            msg(
                                "rule `{code}` ({name}) crashed: {error}",
                                code=rule.code,
                                name=rule.name,
                                error=f"{type(exc).__name__}: {exc}",
                            ),
                            _REPORT_IT,
                        ),
                    )
                )
        if "YEP404" in self.enabled and target.path not in self.site.anchors:
            from yeplint.rules.links import known_anchors

            # this page's anchors, for the pages that link to it (parsed once, here)
            self.site.anchors[target.path] = known_anchors(post, ctx._memo, self.settings)
            if "import" in post.text:
                self._pinned.add(target.path)
        if ORPHAN_IMAGE[0] in self.enabled and not post.binary:
            from yeplint.rules.links import record_references

            text = post.text  # "{" first: one character is found ~50x faster than two
            self.site.templated[target.path] = "{" in text and ("{{" in text or "{%" in text)
            record_references(post, ctx)  # whichever rules ran: the orphan check needs them
        suppressions = Suppressions.from_post(post)
        diagnostics = suppressions.apply(diagnostics)
        linked = self._image_uses(post, ctx, ignored, suppressions, result)
        if post.body_failure is not None:
            error, trace = post.body_failure
            result.internal_errors += 1
            result.tracebacks.append(trace)
            diagnostics.append(
                self._file_diag(
                    target,
                    INTERNAL_ERROR,
                    msg("the Markdown body could not be parsed: {error}", error=str(error)),
                    _REPORT_IT,
                )
            )
        if UNUSED_SUPPRESSION[0] in self.enabled and UNUSED_SUPPRESSION[0] not in ignored:
            judged = self.enabled - END_OF_RUN - ignored  # the rules that ran on this page

            def unused() -> list[Diagnostic]:
                rule = RULES[UNUSED_SUPPRESSION[0]]
                found = suppressions.findings(post, judged)
                return [self._stamp(post.display_path, rule, v, post.lines) for v in found]

            found = unused()
            kept = suppressions.apply_to_unused(found)  # a comment may name YEP015 itself
            if len(kept) != len(found):  # and is used now: judge the comments again
                kept = suppressions.apply_to_unused(unused())
            diagnostics += kept
        if diagnostics or linked:
            result.sources[post.display_path] = pointed_at(post.lines, [*diagnostics, *linked])
        return diagnostics

    def _image_uses(
        self,
        post: Post,
        ctx: Context,
        ignored: frozenset[str],
        suppressions: Suppressions,
        result: Result,
    ) -> list[Diagnostic]:
        """The images the page shows and its text links to images (:func:`links.image_uses`)
        into ``result``, for YEP402's last pass, and into the page's cache entry; the links as
        the diagnostics they would be (the page's suppressions apply)."""
        code = LINK_TO_IMAGE[0]
        if code not in self.enabled or post.binary:
            return []
        shown, uses = links.image_uses(post, ctx)
        if code in ignored:  # its images are still shown
            uses = []
        rule = RULES[code]
        stamped = [(str(p), self._stamp(post.display_path, rule, v, post.lines)) for p, v in uses]
        kept = {id(d) for d in suppressions.apply([d for _, d in stamped])}
        stamped = [(p, d) for p, d in stamped if id(d) in kept]
        result.shown.update(str(p) for p in shown)
        result.linked.extend(stamped)
        if self.cache is not None:
            from yeplint.engine.cache import encode

            self._images = [sorted(str(p) for p in shown), [[p, encode(d)] for p, d in stamped]]
        return [d for _, d in stamped]

    def _ignored_codes(self, target: Target) -> frozenset[str]:
        codes: set[str] = set()
        for glob, ignored in self.per_file_ignores:
            if matches_any((glob,), target.relative):
                codes.update(ignored)
        return frozenset(codes)

    def _wanted(self, code: str, target: Target) -> bool:
        return any(r.code == code for r in self.rules) and code not in self._ignored_codes(target)

    def _stamp(
        self,
        path: str,
        rule: Rule | None,
        violation: Violation,
        lines: list[str] | None = None,
    ) -> Diagnostic:
        code, name = (rule.code, rule.name) if rule else INTERNAL_ERROR
        span = violation.span
        return Diagnostic(
            path=path,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            code=code,
            rule=name,
            severity=self.severity.get(code, Severity.ERROR),
            message=one_line(violation.message),
            hint=one_line(violation.hint) if violation.hint else None,
            fix=violation.fix,
            snippet=_snippet(lines, span) if lines is not None else "",
            suggestion=violation.suggestion,
        )

    def _file_diag(
        self, target: Target, rule: tuple[str, str], message: str, hint: str | None = None
    ) -> Diagnostic:
        code, name = rule
        return Diagnostic(
            target.display,
            1,
            1,
            1,
            1,
            code,
            name,
            self.severity.get(code, Severity.ERROR),
            message,
            hint,
        )


def _snippet(lines: list[str], span: Span) -> str:
    """The source text a problem points at (for its identity): the span on its first line, or
    the whole line for a zero-width span."""
    if not 0 < span.line <= len(lines):
        return ""
    text = lines[span.line - 1]
    if span.end_line == span.line and span.end_column > span.column:
        text = text[span.column - 1 : span.end_column - 1]
    elif span.end_line > span.line:
        text = text[span.column - 1 :]
    return text.strip()[:200]


__all__ = ["ConfigError", "Linter", "Result"]
