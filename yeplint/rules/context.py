"""What a rule may use besides the post: the settings, the file's collection and schema, and
run-wide services shared by every file (the image resolver)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from yeplint import record
from yeplint.config.settings import Collection, Settings

if TYPE_CHECKING:
    from yeplint.config.page_schemas import CompiledSchema
    from yeplint.document.post import Post
    from yeplint.rules.schema_check import Finding
    from yeplint.site.files import ImageResolver
    from yeplint.site.urls import SiteMap


T = TypeVar("T")


@record(frozen=False)
class Context:
    settings: Settings
    root: Path
    """The content root: nothing outside it is read or stat'ed."""
    collection: Collection | None
    schema: CompiledSchema | None
    images: ImageResolver
    rule_options: dict[str, Any] = field(default_factory=dict)
    """Configured option objects by rule code (absent: the defaults)."""
    locate: Callable[[], tuple[SiteMap, str | None]] | None = None
    """Builds the site's URL map and finds this page's URL in it; ``None`` when no rule needs
    them. Called on first use (:attr:`site`, :attr:`url`): a page without a link to another
    page never makes a run walk the site."""
    twin: Post | None = None
    """For a translation, its primary-language page (read when a translation rule runs)."""
    page_anchors: Callable[[Path], frozenset[str] | None] | None = None
    """The heading anchors of another page (``None``: not known)."""
    _memo: dict[str, Any] = field(default_factory=dict)
    _located: tuple[SiteMap | None, str | None] | None = field(default=None, repr=False)

    def __init__(
        self,
        settings: Settings,
        root: Path,
        collection: Collection | None,
        schema: CompiledSchema | None,
        images: ImageResolver,
        rule_options: dict[str, Any] | None = None,
        locate: Callable[[], tuple[SiteMap, str | None]] | None = None,
        twin: Post | None = None,
        page_anchors: Callable[[Path], frozenset[str] | None] | None = None,
        _memo: dict[str, Any] | None = None,
        _located: tuple[SiteMap | None, str | None] | None = None,
    ) -> None:
        self.settings = settings
        self.root = root
        self.collection = collection
        self.schema = schema
        self.images = images
        self.rule_options = {} if rule_options is None else rule_options
        self.locate = locate
        self.twin = twin
        self.page_anchors = page_anchors
        self._memo = {} if _memo is None else _memo
        self._located = _located

    @property
    def site(self) -> SiteMap | None:
        """The site's URLs (built on first use by a link rule); ``None`` when no rule needs
        it."""
        return self._where()[0]

    @property
    def url(self) -> str | None:
        """This page's URL, when its collection has a ``url`` pattern."""
        return self._where()[1]

    def _where(self) -> tuple[SiteMap | None, str | None]:
        if self._located is None:
            self._located = self.locate() if self.locate is not None else (None, None)
        return self._located

    def options(self, code: str, kind: type[T]) -> T:
        """The options of rule ``code``: as configured, else ``kind()``'s defaults."""
        value = self.rule_options.get(code)
        return value if isinstance(value, kind) else kind()

    def schema_findings(self, post: Post) -> list[Finding]:
        """Validate the front matter once per file; each schema rule takes its own findings."""
        if "schema" not in self._memo:
            from yeplint.rules.schema_check import validate

            data, fm = post.data, post.front_matter
            found = []
            if self.schema is not None and data is not None and fm is not None:
                found = validate(fm, data, self.schema)
            self._memo["schema"] = found
        result: list[Finding] = self._memo["schema"]
        return result
