"""Warm runs (issue 29, item 4): a cached page's links to another page's anchors hold while that
page's bytes hash as they did, without parsing it again. Counted (parses), never timed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from yeplint.cli import main


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    blog = tmp_path / "content" / "blog"
    blog.mkdir(parents=True)
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\nselect = ["YEP404"]\n')
    (blog / "doel.nl.md").write_text("# Doel\n\n## Waarom coachen?\n\nTekst.\n")
    (blog / "post.nl.md").write_text("Zie [waarom](./doel#waarom-coachen) en [niet](./doel#kop).\n")
    monkeypatch.chdir(tmp_path)
    return blog


def check() -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--format", "concise", "content/blog/post.nl.md"])
    return result.exit_code, result.output


MISSING = "content/blog/post.nl.md:1:40: YEP404 `./doel` has no heading with the anchor `#kop`\n"


def test_a_linked_page_with_the_same_bytes_is_not_parsed_again(
    site: Path, parses: list[str]
) -> None:
    assert check() == (1, MISSING)
    assert sorted(parses) == ["doel.nl.md", "post.nl.md"]
    parses.clear()
    assert check() == (1, MISSING)  # cached, and so are the anchors it saw: by their bytes
    assert parses == []


def test_a_linked_page_whose_bytes_changed_is_parsed_for_its_anchors(
    site: Path, parses: list[str]
) -> None:
    assert check() == (1, MISSING)
    (site / "doel.nl.md").write_text("# Doel\n\nAnders.\n\n## Waarom coachen?\n\nTekst.\n")
    parses.clear()
    assert check() == (1, MISSING)  # other bytes, the same anchors: the cached result holds
    assert parses == ["doel.nl.md"]
    (site / "doel.nl.md").write_text("# Doel\n\n## Kop\n")
    parses.clear()
    found = check()
    assert found[0] == 1
    assert "`#waarom-coachen`" in found[1]
    assert "`#kop`" not in found[1]
    assert sorted(parses) == ["doel.nl.md", "post.nl.md"]


def test_recorded_references_share_their_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm run re-checks each recorded reference; the folder and root they were made from
    are made into paths once, not twice per reference."""
    import yeplint.engine.cache as cache
    from yeplint.site.files import ImageResolver

    monkeypatch.setattr(cache, "RACY_NS", 0)  # the images are seconds old
    folder = tmp_path / "blog"
    folder.mkdir()
    for n in range(30):
        (folder / f"foto-{n}.jpg").write_bytes(b"\xff\xd8\xff")
    resolver = ImageResolver()
    deps = [
        cache.dependency(name, folder, tmp_path, resolver.resolve(name, folder, tmp_path), resolver)
        for name in (f"foto-{n}.jpg" for n in range(30))
    ]
    made: list[str] = []
    real = type(tmp_path)

    class Counting(type(tmp_path)):  # type: ignore[misc]
        def __new__(cls, *args: Any) -> Any:
            made.append(str(args[0]))
            return real(*args)

    monkeypatch.setattr("yeplint.engine.cache.Path", Counting)
    monkeypatch.setattr(cache, "_FOLDERS", {}, raising=False)
    assert cache.still_valid(deps, ImageResolver())
    assert sorted(made) == sorted([str(folder), str(tmp_path)])
