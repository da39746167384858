"""The image resolver's one-edit index and its memory bounds."""

from __future__ import annotations

import pytest

from yeplint.images import NEAR_MAX, NearIndex

NAMES = ["coachend-begeleiden-1.jpeg", "foto.jpg", "foto-2.jpg", "team.png"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ccoachend-begeleiden-1.jpeg", ["coachend-begeleiden-1.jpeg"]),  # one added
        ("coachend-begeleiden-1.jpg", ["coachend-begeleiden-1.jpeg"]),  # one dropped
        ("foto-2jpg", ["foto-2.jpg"]),  # missing dot
        ("fото.jpg", []),  # two changed (Cyrillic letters)
        ("feto.jpg", ["foto.jpg"]),  # one changed
        ("FOTO.JPG", ["foto.jpg"]),  # case is folded
        ("tram.gif", []),
    ],
)
def test_within_one_edit(query: str, expected: list[str]) -> None:
    assert NearIndex(NAMES).within_one_edit(query) == expected


def test_huge_folders_get_no_index() -> None:
    index = NearIndex([f"beeld-{i}.jpg" for i in range(NEAR_MAX + 1)])
    assert index.within_one_edit("beeld-1.jpg") == []
