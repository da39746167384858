"""YEP402's last pass: a text link to an image that no page of the site shows is a forgotten
`!`, wherever it stands in its paragraph; found once every page is checked, also from the
cache, never in a partial run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main

PAGES = {
    "content/a.md": (
        "# A\n\nSee [the plan](plan.png) in the text, and [the map](map.png) too.\n\n"
        "[![Kaart](thumb.png)](big.png)\n\n"
        "<!-- yeplint-disable-next-line YEP402 -->\n"
        "Also [the logo](logo.png) here.\n\n"
        "And [the gone one](gone.png).\n"
    ),
    "content/b.md": "# B\n\n![The map](map.png)\n\n![Thumb](thumb.png) ![Logo](logo.png)\n",
    "content/c.md": "# C\n\nNo images.\n",
    "yeplint.toml": 'select = ["YEP402"]\n',
}
IMAGES = ("plan.png", "map.png", "thumb.png", "big.png", "logo.png")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("yeplint.engine.cache.RACY_NS", 0)
    for name, text in PAGES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    for name in IMAGES:
        (tmp_path / "content" / name).write_bytes(b"\x89PNG\r\n\x1a\n")
    return tmp_path


def check(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--format", "concise", *args])
    assert result.exit_code in (0, 1), result.output
    return [line for line in result.stdout.splitlines() if line]


FOUND = [
    "content/a.md:3:5: YEP402 warning: link to the image `plan.png`, which no page shows:"
    " `!` forgotten?",
]


def test_a_link_to_an_image_no_page_shows_is_reported_in_its_sentence(site: Path) -> None:
    # map.png, thumb.png and logo.png are shown by b.md; big.png is a thumbnail's link; the
    # logo's link is suppressed; gone.png is no file of the site (YEP401's business)
    assert check("--no-cache") == FOUND


def test_a_warm_run_gives_the_same_findings(site: Path) -> None:
    assert check() == FOUND
    assert check() == FOUND  # every page from the cache
    (site / "content" / "b.md").write_text("# B\n\nThe map is gone.\n", encoding="utf-8")
    warm = check()  # a.md from the cache, b.md no longer shows map.png, thumb.png nor logo.png
    assert warm == [
        FOUND[0],
        "content/a.md:3:43: YEP402 warning: link to the image `map.png`, which no page shows:"
        " `!` forgotten?",
    ]


def test_a_partial_run_cannot_know(site: Path) -> None:
    assert check("--no-cache", "content/a.md") == []


def test_orphan_ignore_is_shown_by_the_templates(site: Path) -> None:
    (site / "yeplint.toml").write_text(
        'select = ["YEP402"]\norphan-ignore = ["content/plan.png"]\n', encoding="utf-8"
    )
    assert check("--no-cache") == []


def test_workers_hand_their_pages_images_to_the_parent(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yeplint.engine.session

    monkeypatch.setattr(yeplint.engine.session, "PARALLEL_MIN", 1)  # two workers, three pages
    assert check("--no-cache", "--jobs", "2") == FOUND


def test_a_page_whose_yep402_is_ignored_still_shows_its_images(site: Path) -> None:
    (site / "yeplint.toml").write_text(
        'select = ["YEP402"]\n[per-file-ignores]\n"content/b.md" = ["YEP402"]\n'
        '"content/c.md" = ["YEP402"]\n',
        encoding="utf-8",
    )
    (site / "content" / "c.md").write_text("# C\n\n![Plan](plan.png)\n", encoding="utf-8")
    assert check("--no-cache") == []
