"""Start-up stays light: a pre-commit run on a clean post imports only what it uses.

Each check runs in a fresh interpreter, since the test process has imported everything.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "rich",
    "hashlib",
    "tomllib",
    "difflib",
    "PIL",
    "imagesize",
    "markdown_it",
    "jsonschema",
    "yeplint.engine.cache",
    "html.parser",
    "pygls",
    "lsprotocol",
)

PROBE = """
import sys
from yeplint.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print(code, ",".join(m for m in {heavy!r} if m in sys.modules))
"""

CLEAN = """---
title: Teamgevoel
date: 2024-03-01
categories: [Leiderschap]
---

## Inleiding

Tekst zonder beelden.
"""


BROKEN = CLEAN.replace("## Inleiding", "##Inleiding")


def _imported(folder: Path, *args: str) -> tuple[str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    code, _, modules = done.stdout.strip().splitlines()[-1].partition(" ")
    return code, set(filter(None, modules.split(",")))


@pytest.mark.parametrize(
    ("args", "text", "code", "expected"),
    [
        (("--no-cache",), CLEAN, "0", set()),
        (("--no-cache",), BROKEN, "1", set()),  # plain text needs no rich
        (("--no-cache", "--format", "gitlab"), CLEAN, "0", set()),
        (("--no-cache", "--format", "gitlab"), BROKEN, "1", {"hashlib"}),  # fingerprints
        ((), CLEAN, "0", {"hashlib", "yeplint.engine.cache"}),
        (("--no-cache", "--color", "always"), BROKEN, "1", {"rich"}),
    ],
)
def test_what_is_imported_is_what_is_used(
    tmp_path: Path, args: tuple[str, ...], text: str, code: str, expected: set[str]
) -> None:
    (tmp_path / "post.md").write_text(text)
    assert _imported(tmp_path, "check", "--isolated", *args, "post.md") == (code, expected)


SETTINGS_ONLY = """
import sys
{call}
loaded = [m for m in sys.modules if m.startswith(("yeplint.rules", "yeplint.engine"))]
loaded += [m for m in ("pyromark", "jsonschema_rs") if m in sys.modules]
print("loaded:" + ",".join(sorted(loaded)))
"""

CONFIG = """select = ["YEP2", "no-space-after-hash"]
ignore = ["YEP209"]
severity = {{ YEP207 = "error" }}

[rule-options.emphasis-as-heading]
max-length = 80
"""


@pytest.mark.parametrize(
    "call",
    [
        "from yeplint.cli import main\ntry:\n    main(['check', '--show-settings', 'post.md'])\n"
        "except SystemExit:\n    pass",
        "from yeplint.config.load import load_settings\nload_settings()",  # what the server reads
    ],
    ids=["show-settings", "load-settings"],
)
def test_reading_the_settings_imports_no_rule_parser_or_validator(
    tmp_path: Path, call: str
) -> None:
    """Selectors and rule options are checked against the catalogue when a run starts
    (yeplint.engine.selection), so reading a configuration costs no rule, no Markdown parser
    and no JSON Schema validator."""
    (tmp_path / "yeplint.toml").write_text(CONFIG.format())
    (tmp_path / "post.md").write_text(CLEAN)
    done = subprocess.run(
        [sys.executable, "-c", SETTINGS_ONLY.format(call=call)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "loaded:"


COMPILED = """
import re, sys
from yeplint import LazyPattern
from yeplint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
eager, waiting = [], []
for name, module in list(sys.modules.items()):
    if name.startswith("yeplint"):
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern):
                eager.append(f"{{name}}.{{attr}}")
            elif isinstance(value, LazyPattern) and not value.is_compiled:
                waiting.append(f"{{name}}.{{attr}}")
print(len(eager), ",".join(sorted(waiting)))
"""

UNUSED_BY_A_CLEAN_POST = {
    "yeplint.site.urls._NOT_ALNUM",  # the two Jekyll slug classes: 4.8 ms to compile
    "yeplint.site.urls._NOT_PRETTY",
    "yeplint.diagnostics._QUOTED",
    "yeplint.engine.suppress._HTML",
    "yeplint.config.generators._HUGO_CONFIG",
    "yeplint.rules.headings.yep209_emphasis_as_heading._DATE",  # a paragraph in emphasis only
    "yeplint.rules.links._HTML_ID",  # a link to an anchor only
    "yeplint.rules.images._ELEVENTY_WIDTHS",  # an Eleventy image only
    "yeplint.rules.headings.yep201_no_space_after_hash._NO_SPACE",  # a `#` line only
}


def test_a_clean_run_compiles_only_the_patterns_it_uses(tmp_path: Path) -> None:
    """Module-level patterns a run does not use wait until one does (``LazyPattern``): a
    pre-commit run on a clean post compiled 79 at import before, half of them never used."""
    (tmp_path / "post.md").write_text(CLEAN)
    done = subprocess.run(
        [sys.executable, "-c", COMPILED.format(), "check", "--isolated", "--no-cache", "post.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    eager, _, waiting = done.stdout.strip().splitlines()[-1].partition(" ")
    assert int(eager) <= 22  # 79 in session 9, 39 at its end, 35 in session 10
    assert set(waiting.split(",")) >= UNUSED_BY_A_CLEAN_POST


def test_a_configured_run_imports_no_suggester_or_entity_table(tmp_path: Path) -> None:
    """``difflib`` is for a configuration key nobody knows and ``html.entities`` for a page
    that links an anchor: a run with a valid ``yeplint.toml`` over a clean post needs neither."""
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    (tmp_path / "post.md").write_text(CLEAN)
    _, modules = _imported(tmp_path, "check", "--no-cache", "post.md")
    assert not modules & {"difflib", "html.entities"}


RECORDS = """
import sys
from yeplint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(sorted(
    value.__name__
    for name, module in list(sys.modules.items()) if name.startswith("yeplint")
    for value in vars(module).values() if getattr(value, "__module__", None) == name
    and isinstance(value, type) and "__dataclass_fields__" in vars(value)
    and getattr(value.__eq__, "__module__", None) != "yeplint"  # not yeplint.record's
))
"""


def test_a_clean_run_creates_few_dataclasses(tmp_path: Path) -> None:
    """A dataclass costs ~0.5-1 ms to create (one ``exec`` per generated method), a
    ``NamedTuple`` a tenth of that: records nothing replaces, lists the fields of or turns
    into a dict are NamedTuples; the others are made by ``yeplint.record`` (a dataclass
    whose methods are shared, or written in the class), or written out
    (``Span``, ``Fix``, ``Diagnostic``); the Markdown model's are slotted records with their
    ``__init__`` and ``__hash__`` written. None is left."""
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    (tmp_path / "post.md").write_text(CLEAN)
    done = subprocess.run(
        [sys.executable, "-c", RECORDS, "check", "--no-cache", "post.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    made = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    assert not made, made  # 49 in session 9's start, 31 in session 10's, then 6


RULE_MODULES = """
import sys
from yeplint.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
watched = ("yeplint.rules.", "yeplint.site.", "yeplint.config.schema")
print(",".join(sorted(m for m in sys.modules if m.startswith(watched))))
"""


def _rule_modules(folder: Path, *args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", RULE_MODULES, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.strip().splitlines()[-1].split(","))


def test_a_run_imports_no_rule_that_cannot_apply(tmp_path: Path) -> None:
    """The catalogue lists the rules without importing them: a run imports the modules of
    the rules it runs, and the generator front matter rules (YEP602-YEP606) answer nothing
    on a site without a generator without their modules; ``-v`` still counts them. The pages'
    addresses (for YEP504) are read only when a run checks the whole site, and where a rule
    option is written only when it is wrong."""
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    (tmp_path / "post.md").write_text(BROKEN)
    (tmp_path / "other.md").write_text(CLEAN)  # not checked: the run is not the whole site
    loaded = _rule_modules(tmp_path, "check", "--no-cache", "-v", "post.md")
    assert "yeplint.rules.headings.yep201_no_space_after_hash" in loaded  # it found something
    assert not {m for m in loaded if m.startswith("yeplint.rules.generator_fm")}
    assert "yeplint.site.addresses" not in loaded
    assert "yeplint.config.schema" not in loaded  # the preset's rule options are valid
    only = _rule_modules(tmp_path, "check", "--no-cache", "--select", "YEP2", "post.md")
    assert "yeplint.rules.generator_fm.yep606_unknown_layout" not in only
    assert not {"yeplint.rules.served_images", "yeplint.rules.generators"} & only


def test_a_site_with_a_generator_runs_its_rules(tmp_path: Path) -> None:
    """On a Jekyll site YEP606 is imported and finds the layout that does not exist."""
    (tmp_path / "_config.yml").write_text("title: t\n")
    (tmp_path / "_layouts").mkdir()
    (tmp_path / "_layouts" / "post.html").write_text("{{ content }}\n")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-03-01-a.md").write_text("---\nlayout: pots\n---\n\nTekst.\n")
    done = subprocess.run(
        [sys.executable, "-m", "yeplint", "check", "--no-cache", "--select", "YEP606", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "YEP606" in done.stdout, done.stdout + done.stderr


def test_the_catalogue_says_what_each_module_says() -> None:
    """Every listing of the catalogue is the rule its module's ``@rule`` made (code, name,
    severity, fixability, options, documentation), and no module defines a rule it does not
    list."""
    from importlib import import_module

    from yeplint.rules.catalogue import LISTED, MODULES
    from yeplint.rules.rule import rule_of

    defined = {
        found.code: found
        for name in MODULES
        for value in vars(import_module(name)).values()
        if (found := rule_of(value)) is not None and found.check.__module__ == name
    }
    assert sorted(defined) == [r.code for r in LISTED]
    for listed in LISTED:
        found = defined[listed.code]
        assert (listed.name, listed.severity, listed.source) == (
            found.name,
            found.severity,
            found.source,
        )
        assert (listed.fixable, listed.unsafe_fix) == (found.fixable, found.unsafe_fix)
        assert (listed.doc, listed.options) == (found.doc, found.options)
        if listed.code not in {"YEP602", "YEP603", "YEP604", "YEP605", "YEP606"}:
            assert listed.check is found.check
            assert listed == found


DOCS_READ = """
import sys
from yeplint.cli import main
from yeplint.rules.rule import rule_of
try:
    main(sys.argv[1:])
except SystemExit:
    pass
from yeplint.rules.catalogue import LISTED
made = [
    found
    for name, module in list(sys.modules.items()) if name.startswith("yeplint.rules.")
    for value in vars(module).values() if (found := rule_of(value)) is not None
]
print(len(made), sum("doc" in vars(r) for r in (*LISTED, *made)))
"""


def test_a_run_cleans_no_rule_documentation(tmp_path: Path) -> None:
    """A rule's documentation (its check's docstring, cleaned) is made when something reads
    it (``yeplint rule``, the docs, SARIF, hover), not for every rule at every start."""
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    (tmp_path / "post.md").write_text(BROKEN)
    done = subprocess.run(
        [sys.executable, "-c", DOCS_READ, "check", "--no-cache", "post.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    made, cleaned = map(int, done.stdout.strip().splitlines()[-1].split())
    assert made > 40  # the rules that ran were imported
    assert cleaned == 0
