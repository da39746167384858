"""The metadata yeplint reads equals python-frontmatter's, modulo dates kept as text.

python-frontmatter (PyYAML, YAML 1.1) is the oracle for what the front matter says; yeplint
differs only where it must: dates stay the string the author typed.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import frontmatter
import pytest

from tests.conftest import FIXTURES, SHARED_SITE
from yeplint.document.post import load_text


def _normalise(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    return value


def _posts(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.md")) if folder.is_dir() else []


def _compare(path: Path) -> None:
    data = path.read_bytes()
    post = load_text(path, path.name, data)
    if post.data is None or post.problems:
        return  # broken files are the rules' business, not the oracle's
    if post.front_matter is not None and post.front_matter.ambiguities:
        return  # YAML 1.1 and 1.2 disagree on purpose here
    try:
        oracle = frontmatter.loads(data.decode("utf-8-sig"))
    except ValueError:
        return  # PyYAML cannot build it (2024-02-30): the schema rules report it
    assert _normalise(dict(oracle.metadata)) == post.data, path


@pytest.mark.parametrize("path", _posts(FIXTURES), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixtures_match_python_frontmatter(path: Path) -> None:
    _compare(path)


def test_shared_site_matches_python_frontmatter() -> None:
    posts = _posts(SHARED_SITE / "content")
    if not posts:
        pytest.skip("../shared/corpus/yep-site is not present")
    for path in posts:
        _compare(path)
