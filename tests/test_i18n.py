"""Messages in Dutch and English: the catalogs are complete and current, every message is
extracted, translations keep their placeholders, the language is chosen as documented, and
the language never changes what a problem is (its identity, the cache, the exit code)."""

from __future__ import annotations

import ast
import pickle
import string
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from scripts import catalog
from yeplint.cli import main
from yeplint.config.load import load_settings
from yeplint.config.settings import ConfigError, Settings
from yeplint.diagnostics import Diagnostic, Severity
from yeplint.locale import messages as i18n
from yeplint.locale.messages import Field, Message, language_from_locale, msg, msgn

ROOT = Path(__file__).resolve().parent.parent

CATALOGS = catalog.catalogs()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_there_is_a_dutch_catalog() -> None:
    assert [p.parent.parent.name for p in CATALOGS] == ["nl"]


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_every_message_is_translated_and_the_catalog_is_current(po: Path) -> None:
    """Fails on a message the code makes that the catalog lacks or leaves untranslated (or
    fuzzy), and on a catalog entry the code no longer makes: `python scripts/catalog.py`
    brings the catalog up to date, a translator fills in the empty entries."""
    template = catalog.extract()
    with po.open("rb") as handle:
        translated = read_po(handle)
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    have = {m.id if isinstance(m.id, str) else m.id[0] for m in translated if m.id}
    assert sorted(wanted - have) == [], "messages missing from the catalog"
    assert sorted(have - wanted) == [], "catalog entries no message uses"
    empty = [m.id for m in translated if m.id and (not m.string or not all(m.string))]
    assert empty == [], "untranslated messages"
    assert [m.id for m in translated if m.id and m.fuzzy] == [], "fuzzy translations"


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_translations_keep_the_placeholders(po: Path) -> None:
    with po.open("rb") as handle:
        translated = read_po(handle)
    for message in translated:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = (
            [message.string] if isinstance(message.string, str) else list(message.string or ())
        )
        expected = set().union(*map(_placeholders, ids))
        for text in strings:
            assert _placeholders(text) == expected, (message.id, text)
            assert text.count("`") % 2 == 0, f"unbalanced backticks: {text!r}"


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_the_compiled_catalog_is_the_po(po: Path) -> None:
    """The ``.mo`` the build made (or `scripts/catalog.py`) says what the ``.po`` says now
    (compared as gettext reads them, not byte for byte: Babel versions may lay out a .mo
    differently)."""
    import gettext

    with po.open("rb") as handle:
        translated = read_po(handle)
    compiled = BytesIO()
    write_mo(compiled, translated, use_fuzzy=False)
    compiled.seek(0)
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: reinstall (pip install -e .) or run scripts/catalog.py"
    with mo.open("rb") as handle:
        installed = gettext.GNUTranslations(handle)
    expected = gettext.GNUTranslations(compiled)
    assert installed._catalog == expected._catalog, f"{mo} is stale: run scripts/catalog.py"  # type: ignore[attr-defined]


def _calls() -> list[tuple[str, int, str, ast.Call]]:
    """Every ``msg(...)`` and ``msgn(...)`` call: file, line, function, call."""
    found: list[tuple[str, int, str, ast.Call]] = []
    for path in sorted((ROOT / "yeplint").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(ROOT))
        found.extend(
            (where, node.lineno, node.func.id, node)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("msg", "msgn")
        )
    return found


def test_every_message_template_is_a_literal() -> None:
    """A template made at run time (an f-string, a variable) cannot be in the catalog."""
    calls = _calls()
    assert len(calls) > 200
    for where, line, function, call in calls:
        count = 1 if function == "msg" else 2
        templates = call.args[:count]
        assert len(templates) == count, f"{where}:{line}"
        texts = []
        for node in templates:
            assert isinstance(node, ast.Constant) and isinstance(node.value, str), f"{where}:{line}"
            assert node.value, f"{where}:{line}: an empty template is the catalog's header"
            texts.append(node.value)
        names = _placeholders(texts[0])
        given = {k.arg for k in call.keywords if k.arg is not None}
        if function == "msgn":
            given.add("count")
        assert names <= given, f"{where}:{line}: {sorted(names - given)} not given"


def test_a_message_is_its_english_text_and_renders_in_dutch() -> None:
    message = msg("unknown key `{key}`", key="Volgnummer")
    assert message == "unknown key `Volgnummer`" and isinstance(message, str)
    assert message.render("en") == "unknown key `Volgnummer`"
    assert message.render("nl") == "onbekend veld `Volgnummer`"
    assert message.render("fr") == "unknown key `Volgnummer`"  # no catalog: English


def test_nested_messages_fields_and_plurals_render_in_one_language() -> None:
    wanted = msg("{field} must be {wanted}, not {found}", field=Field(("volgnummer",)),
                 wanted=msg("an integer"), found=msg("a string"))  # fmt: skip
    assert wanted == "`volgnummer` must be an integer, not a string"
    assert wanted.render("nl") == "`volgnummer` moet een getal zonder komma zijn, niet een tekst"
    one = msgn("{count} error", "{count} errors", 1)
    many = msgn("{count} error", "{count} errors", 3)
    assert (one, many) == ("1 error", "3 errors")
    assert (one.render("nl"), many.render("nl")) == ("1 fout", "3 fouten")


@pytest.mark.parametrize(
    ("path", "english", "dutch"),
    [
        ((), "the front matter", "de front matter"),
        (("title",), "`title`", "`title`"),
        (("categories", 0), "`categories[0]`", "het 1e item van `categories`"),
        (("images", 2, "alt"), "`images[2].alt`", "`alt` in het 3e item van `images`"),
        (("seo", "title"), "`seo.title`", "`title` onder `seo`"),
        ((0,), "`[0]`", "het 1e item"),
    ],
)
def test_a_place_in_the_front_matter_is_named_for_a_writer(
    path: tuple[str | int, ...], english: str, dutch: str
) -> None:
    assert (Field(path).render("en"), Field(path).render("nl")) == (english, dutch)


def test_a_broken_translation_shows_the_english_instead_of_failing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Broken:
        def gettext(self, text: str) -> str:
            return "kapot {onbekend"

    monkeypatch.setattr(i18n, "translations", lambda lang: Broken())
    assert msg("unknown key `{key}`", key="x").render("nl") == "unknown key `x`"


def test_numbers_are_grouped_per_language() -> None:
    from yeplint.locale.messages import Number

    size = msg("file is larger than {size} bytes; skipped", size=Number(1_000_000))
    assert size == "file is larger than 1,000,000 bytes; skipped"
    assert size.render("nl") == "het bestand is groter dan 1.000.000 bytes; overgeslagen"
    assert i18n.render(i18n.decode(i18n.encode(size)), "nl") == size.render("nl")


def test_line_breaks_in_values_become_spaces() -> None:
    assert msg("heading ends with `{mark}`", mark="a\n  b") == "heading ends with `a b`"


def test_messages_survive_pickling_and_the_cache_encoding() -> None:
    message = msg(
        "{field} is empty",
        field=Field(("categories", 1)),
    )
    nested = msg("`{value}` is not an allowed value for {field}", value="x", field=message)
    for copy in (pickle.loads(pickle.dumps(nested)), i18n.decode(i18n.encode(nested))):
        assert isinstance(copy, Message)
        assert copy == nested
        assert copy.render("nl") == nested.render("nl")
    assert i18n.decode(i18n.encode("plain text")) == "plain text"
    with pytest.raises(ValueError):
        i18n.decode([1, 2])


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "en"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_MESSAGES": "nl_NL", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "nl_NL"}, "en"),
        ({"LANGUAGE": "fr:nl", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LANGUAGE": "fr", "LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANGUAGE": "nl@euro"}, "nl"),
    ],
)
def test_the_language_comes_from_the_locale(environ: dict[str, str], lang: str) -> None:
    assert language_from_locale(environ) == lang


def test_lang_in_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / "yeplint.toml"
    config.write_text('lang = "nl"\n')
    assert load_settings(config=config).lang == "nl"
    config.write_text('lang = "de"\n')
    with pytest.raises(ConfigError, match="`lang` must be `en` or `nl`"):
        load_settings(config=config)
    assert Settings().lang is None


BROKEN_DATE = "---\ntitle: Over grenzen\ndate: 2018-3-26\n---\n\nTekst.\n"


def _check(folder: Path, *args: str, env: dict[str, str | None] | None = None) -> tuple[int, str]:
    import os

    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, ["check", "--no-cache", *args], env=env)
    finally:
        os.chdir(old)
    return result.exit_code, result.output


def _one_page_site(folder: Path, page: str, schema: str) -> None:
    """``post.md`` holding ``page``, in one collection whose schema is ``schema``."""
    (folder / "post.md").write_text(page, encoding="utf-8")
    (folder / "schema.json").write_text(schema, encoding="utf-8")
    (folder / "yeplint.toml").write_text(
        '[[collections]]\nname = "pages"\nglob = "*.md"\nschema = "schema.json"\n'
    )


def _date_site(folder: Path) -> None:
    """A page with a date written `2018-3-26`, in a collection whose schema wants a date."""
    _one_page_site(
        folder,
        BROKEN_DATE,
        '{"type": "object", "properties": {"date": {"type": "string", "format": "date"}}}',
    )


def test_the_command_line_chooses_the_language(tmp_path: Path) -> None:
    _date_site(tmp_path)
    english = "`2018-3-26` in `date` is not a YYYY-MM-DD date"
    dutch = "`2018-3-26` in `date` is geen datum in de vorm JJJJ-MM-DD"
    code, out = _check(tmp_path, "--output-format", "concise")
    assert code == 1 and english in out
    code, out = _check(tmp_path, "--output-format", "concise", "--lang", "nl")
    assert code == 1 and dutch in out
    code, out = _check(
        tmp_path, "--output-format", "concise", env={"LC_ALL": None, "LANG": "nl_NL.UTF-8"}
    )
    assert dutch in out
    config = tmp_path / "yeplint.toml"
    config.write_text('lang = "nl"\n' + config.read_text())
    assert dutch in _check(tmp_path, "--output-format", "concise")[1]
    code, out = _check(tmp_path, "--output-format", "concise", "--lang", "en")
    assert english in out  # the flag beats the configuration
    code, out = _check(tmp_path, "--lang", "xx")
    assert code == 2 and "'xx' is not one of 'en', 'nl'" in out


def test_the_language_changes_no_identity(tmp_path: Path) -> None:
    """Fingerprints, baselines and the cache are the same whichever language is read."""
    import json

    _date_site(tmp_path)
    reports = {}
    for lang in ("en", "nl"):
        reports[lang] = json.loads(_check(tmp_path, "--output-format", "gitlab", "--lang", lang)[1])
    assert [r["fingerprint"] for r in reports["en"]] == [r["fingerprint"] for r in reports["nl"]]
    assert reports["en"][0]["description"] != reports["nl"][0]["description"]

    import os

    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        runner = CliRunner()
        assert runner.invoke(main, ["baseline", "--output", "b.json"]).exit_code == 0
        warm = runner.invoke(main, ["check", "--lang", "nl"])  # fills the cache in Dutch…
        assert "geen datum" in warm.output
        again = runner.invoke(main, ["check", "--lang", "en"])  # …which answers in English
        assert "is not a YYYY-MM-DD date" in again.output
        known = runner.invoke(main, ["check", "--lang", "nl", "--baseline", "b.json"])
        assert known.exit_code == 0, known.output
    finally:
        os.chdir(old)


def test_a_schema_author_writes_the_message(tmp_path: Path) -> None:
    _one_page_site(
        tmp_path,
        "---\ntitle: x\nspringest: niet-een-url\n---\n",
        """{"type": "object", "properties": {"springest": {
            "type": "string", "pattern": "^https://",
            "x-yeplint-message": {"nl": "{field} moet een webadres zijn, niet `{value}`",
                                  "en": "{field} must be a web address, not `{value}`"},
            "x-yeplint-hint": {"nl": "begin met https://"}}}}""",
    )
    _, dutch = _check(tmp_path, "--lang", "nl", "--color", "never")
    assert "YEP101 `springest` moet een webadres zijn, niet `niet-een-url`" in dutch
    assert "tip: begin met https://" in dutch
    _, english = _check(tmp_path, "--lang", "en", "--color", "never")
    assert "YEP101 `springest` must be a web address, not `niet-een-url`" in english
    assert "hint: it should match the pattern `^https://`" in english  # no English one: ours


def test_the_identity_of_a_localized_diagnostic_is_the_english_one() -> None:
    message = msg("unknown key `{key}`", key="Volgnummer")
    d = Diagnostic("a.md", 3, 1, 3, 11, "YEP103", "unknown-key", Severity.ERROR, message)
    dutch = d.localized("nl")
    assert dutch.message == "onbekend veld `Volgnummer`"
    assert dutch.identity == d.identity
    assert dutch.fingerprint() == d.fingerprint()
    assert dutch.fingerprint(legacy=True) == d.fingerprint(legacy=True)
    assert dutch.sort_key == d.sort_key


def test_the_catalog_script_has_nothing_to_update(capsys: pytest.CaptureFixture[str]) -> None:
    """`python scripts/catalog.py --check`, as a maintainer runs it: byte for byte current."""
    assert catalog.main(["--check"]) == 0, capsys.readouterr().out


def test_types_are_named_in_words(tmp_path: Path) -> None:
    _one_page_site(
        tmp_path,
        "---\nvolgnummer: 2.5\ntitel: 3\n---\n",
        '{"type": "object", "properties": {"volgnummer": {"type": "integer"},'
        ' "titel": {"type": "string"}}}',
    )
    _, english = _check(tmp_path, "--output-format", "concise")
    assert "`volgnummer` must be an integer, not a decimal number" in english
    assert "`titel` must be a string, not an integer" in english
    _, dutch = _check(tmp_path, "--output-format", "concise", "--lang", "nl")
    assert "`volgnummer` moet een getal zonder komma zijn, niet een kommagetal" in dutch
    assert "`titel` moet een tekst zijn, niet een getal zonder komma" in dutch


def test_a_schema_author_writes_the_message_of_a_missing_key(tmp_path: Path) -> None:
    _one_page_site(
        tmp_path,
        "---\ntitle: x\n---\n",
        """{"type": "object", "required": ["volgnummer"], "properties": {"volgnummer": {
            "type": "integer",
            "x-yeplint-message": {"nl": "elke training heeft een {field} nodig"},
            "x-yeplint-hint": {"nl": "voeg `volgnummer: 1` toe; het bepaalt de volgorde"}}}}""",
    )
    _, dutch = _check(tmp_path, "--lang", "nl", "--color", "never")
    assert "YEP102 elke training heeft een `volgnummer` nodig" in dutch
    assert "tip: voeg `volgnummer: 1` toe; het bepaalt de volgorde" in dutch
    _, english = _check(tmp_path, "--lang", "en", "--color", "never")
    assert "YEP102 missing required key `volgnummer`" in english
