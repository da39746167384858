"""YEP502 quotes values that show how a translation differs from its primary page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import lint_paths


def _mismatches(tmp_path: Path, primary: str, translation: str) -> list[str]:
    blog = tmp_path / "blog"
    blog.mkdir(parents=True)
    (blog / "x.nl.md").write_text(f"---\ntitle: X\n{primary}\n---\n", encoding="utf-8")
    (blog / "x.en.md").write_text(f"---\ntitle: X\n{translation}\n---\n", encoding="utf-8")
    return [d.message for d in lint_paths([blog / "x.en.md"], tmp_path, select=["YEP502"])]


LONG = "een-heel-lange-bestandsnaam-voor-een-foto-van-de-training-in-het-voorjaar"


@pytest.mark.parametrize(
    ("primary", "translation", "shown"),
    [
        ("volgnummer: 3", "volgnummer: '3'", ('`"3"`', "`3`")),  # a number and a text
        ("img: foto.jpg", "img: 'foto.jpg  '", ('`"foto.jpg  "`', '`"foto.jpg"`')),
        ("img: 'foto  a.jpg'", "img: 'foto a.jpg'", ('`"foto a.jpg"`', '`"foto  a.jpg"`')),
        (f"img: {LONG}-1.jpg", f"img: {LONG}-2.jpg", ('-2.jpg"`', '-1.jpg"`')),  # past 60
        ("img: Foto.jpg", "img: foto.jpg", ("`foto.jpg`", "`Foto.jpg`")),
    ],
)
def test_the_quoted_values_differ_where_the_values_do(
    tmp_path: Path, primary: str, translation: str, shown: tuple[str, str]
) -> None:
    [message] = _mismatches(tmp_path, primary, translation)
    value, other = message.split("; the nl page has ")
    assert value.endswith(shown[0]) and other.endswith(shown[1]), message
    assert value.split(" is ", 1)[1] != other


def test_the_primary_pages_own_names_are_equal_once_mapped(tmp_path: Path) -> None:
    # the English schema maps `Effectiviteit` to `Effectiveness`: the same category
    assert _mismatches(tmp_path, "categories: [Effectiviteit]", "categories: [Effectiviteit]") == []
    assert _mismatches(tmp_path / "b", "categories: [Effectiviteit]", "categories: [Talent]") == [
        '`categories` is `["Talent"]`; the nl page has `["Effectiviteit"]`'
    ]


@pytest.mark.parametrize("required", [True, False])
def test_a_translation_without_its_primary_page(tmp_path: Path, required: bool) -> None:
    """The Yep site translates Dutch pages: an English one alone is a renamed or deleted Dutch
    page's leftover. A site whose pages may exist in one language only says nothing."""
    from dataclasses import replace

    from tests.conftest import YEP

    blog = tmp_path / "blog"
    blog.mkdir()
    (blog / "alleen.en.md").write_text("---\ntitle: Alone\n---\n")
    (blog / "paar.en.md").write_text("---\ntitle: Pair\n---\n")
    (blog / "paar.nl.md").write_text("---\ntitle: Paar\n---\n")
    settings = replace(YEP, primary_required=required)
    found = lint_paths([blog], tmp_path, select=["YEP505"], settings=settings)
    assert [(Path(d.path).name, d.line, d.message) for d in found] == (
        [("alleen.en.md", 1, "`alleen.en.md` has no nl page `alleen.nl.md` to translate")]
        if required
        else []
    )
