"""One golden file per (rule, fixture): ``tests/fixtures/<CODE>/**/{bad,ok}_*.md``.

Each fixture is linted with only its rule selected; the output is compared with the
``.expected`` file beside it, and in Dutch with the ``.expected.nl`` file.
``YEPLINT_UPDATE_SNAPSHOTS=1`` rewrites the goldens.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, UPDATE, lint_paths
from yeplint.config.load import load_settings
from yeplint.diagnostics import Diagnostic
from yeplint.rules.catalogue import all_rules

ENGINE_ONLY = {"YEP000", "YEP012", "YEP013", "YEP016", "YEP501"}
"""Rules the engine or the fixer reports around the rules; tested in test_engine.py,
test_hardening.py, test_fix.py and test_links.py."""


WHOLE_SITE = {"YEP504"}
"""Rules that judge a page against every page of its site, so only a run over the whole site
reports them: their fixtures are linted with their folder, and a case's own problems read."""


def _is_case(path: Path) -> bool:
    """A fixture: ``bad_*``/``ok_*``, except the Dutch twin of an English fixture, which is
    there for the translation rules to compare with."""
    twin_of = path.name.endswith(".nl.md") and path.with_name(path.name[:-6] + ".en.md").exists()
    return path.name.startswith(("bad_", "ok_")) and not twin_of


CASES = sorted(p for p in FIXTURES.glob("YEP*/**/*.md") if _is_case(p))


def render(diagnostics: list[Diagnostic], root: Path, lang: str = "en") -> str:
    lines = []
    for d in (d.localized(lang) for d in diagnostics):
        lines.append(
            f"{d.line}:{d.column}-{d.end_line}:{d.end_column} {d.code} {d.severity.value}: "
            f"{d.message}"
        )
        if d.hint:
            lines.append(f"    hint: {d.hint}")
        if d.fix:
            lines.append(f"    fix ({d.fix.applicability}): {d.fix.description}")
    return "\n".join(lines) + ("\n" if lines else "")


@pytest.mark.parametrize("case", CASES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(case: Path) -> None:
    code = case.relative_to(FIXTURES).parts[0]
    root = FIXTURES / code
    config = root / "yeplint.toml"  # a rule that needs other settings than the Yep preset's
    settings = load_settings(config=config) if config.is_file() else None
    if code in WHOLE_SITE:
        every = lint_paths([root], root, select=[code], settings=settings)
        shown = case.relative_to(root).as_posix()
        diagnostics = [d for d in every if Path(d.path).as_posix().endswith(shown)]
    else:
        diagnostics = lint_paths([case], root, select=[code], settings=settings)
    assert all(d.code == code for d in diagnostics)
    if case.name.startswith("ok_"):
        assert diagnostics == [], render(diagnostics, root)
        return
    assert diagnostics, f"{case} should trigger {code}"
    actual = render(diagnostics, root)
    golden = case.with_suffix(".expected")
    if UPDATE or not golden.exists():
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
    dutch = render(diagnostics, root, "nl")
    golden = case.with_suffix(".expected.nl")  # the same problems as a Dutch writer reads them
    if UPDATE or not golden.exists():
        golden.write_text(dutch, encoding="utf-8")
    assert dutch == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(r.code for r in all_rules() if r.code not in ENGINE_ONLY))
def test_every_rule_has_good_and_bad_fixtures(code: str) -> None:
    names = [p.name for p in CASES if p.relative_to(FIXTURES).parts[0] == code]
    assert any(n.startswith("bad_") for n in names), f"{code} has no bad_ fixture"
    assert any(n.startswith("ok_") for n in names), f"{code} has no ok_ fixture"


def test_every_message_of_every_fixture_can_be_translated() -> None:
    """A message, hint or fix description written as a plain string would stay English in a
    Dutch report: each one is a Message (yeplint/locale/messages.py)."""
    from yeplint.locale.messages import Message

    plain = []
    for case in CASES:
        code = case.relative_to(FIXTURES).parts[0]
        root = FIXTURES / code
        config = root / "yeplint.toml"
        settings = load_settings(config=config) if config.is_file() else None
        for d in lint_paths([case], root, select=[code], settings=settings):
            texts = [d.message, d.hint, d.fix.description if d.fix else None]
            plain += [(case.name, d.code, t) for t in texts if t and not isinstance(t, Message)]
    assert plain == []
