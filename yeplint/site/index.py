"""What a run knows of the whole site before it lints a page: per root, the URL map and the
pages discovery found. Built once per run (in the parent of a parallel run, whose forked
workers adopt it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yeplint.site.discovery import Target
from yeplint.site.urls import SiteMap


@dataclass(frozen=True)
class SiteIndex:
    """What a run knows of the whole site before it lints a page: per root, the URL map and
    the pages discovery found."""

    sites: dict[Path, SiteMap]
    walks: dict[Path, list[Target]]
    targets: dict[Path, Target]
