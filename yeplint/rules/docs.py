"""The rule pages of the documentation, from the rule docstrings: ``docs/rules.md`` (the index)
and ``docs/rules/<CODE>.md`` (one page per rule, the link in SARIF, the text report and the
language server). ``python -m yeplint.rules.docs docs`` writes them; a test fails when they are
stale. Also the published configuration schema, with every rule's options
(``python -m yeplint.rules.docs config [--markdown]``).
"""

from __future__ import annotations

import json
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

from yeplint.config.schema import reference_markdown, schema
from yeplint.config.settings import RULE_OPTION_MAX
from yeplint.rules.catalogue import all_rules
from yeplint.rules.rule import RULE_URL, Rule

SECTIONS = ("## Why is this bad?", "## Example", "## How to fix", "## Options")
GENERATED = "python -m yeplint.rules.docs docs"


FAMILIES = {
    "0": "Reading the file",
    "1": "Front matter",
    "2": "Headings",
    "3": "Images",
    "4": "Links",
    "5": "The site as a whole",
    "6": "Generator conventions",
}
"""The rule families by the code's first digit, as the rule list and the site's navigation
group them."""


def family(rule: Rule) -> str:
    """``Headings (YEP2xx)``: the rule's family as a heading names it."""
    digit = rule.code[3]
    return f"{FAMILIES[digit]} (YEP{digit}xx)"


def fixed_by(rule: Rule) -> str:
    """Whether ``--fix`` fixes the rule's problems, as a writer asks it."""
    if rule.unsafe_fix:
        return "`--fix --unsafe-fixes` fixes it (the fix changes content)."
    return "`--fix` fixes it." if rule.fixable else "`--fix` does not fix it."


def render_index(rules: list[Rule]) -> str:
    """The rule list, by family: a list rather than a table, which a phone would clip."""
    out = [
        "# Rules",
        "",
        f"Generated from the rule docstrings by `{GENERATED}`; a test fails when these pages are",
        "stale. `yeplint rule CODE` shows one rule in the terminal, `yeplint rules` lists them.",
        "[*] marks a rule `--fix` fixes, [unsafe] one only `--fix --unsafe-fixes` fixes.",
    ]
    for name in dict.fromkeys(family(r) for r in rules):
        out += ["", f"## {name}", ""]
        for r in (r for r in rules if family(r) == name):
            fix = " [unsafe]" if r.unsafe_fix else (" [*]" if r.fixable else "")
            default = " (warning)" if r.severity.value == "warning" else ""
            out.append(f"- [{r.code}](rules/{r.code}.md) `{r.name}`{fix}{default}: {r.summary}")
    return "\n".join(out) + "\n"


def _sections(doc: str) -> tuple[str, dict[str, str]]:
    """A rule's docstring as its opening text and its sections by heading (``Example``, ...):
    only the headings of :data:`SECTIONS` and ``## Fix`` split it, never a heading inside an
    example."""
    marks = sorted(
        (doc.index(f"\n{heading}\n"), heading)
        for heading in (*SECTIONS, "## Fix")
        if f"\n{heading}\n" in doc
    )
    opening = doc[: marks[0][0]].strip() if marks else doc.strip()
    found = {}
    for (start, heading), (end, _) in zip(marks, [*marks[1:], (len(doc), "")], strict=True):
        found[heading.removeprefix("## ")] = doc[start + len(heading) + 2 : end].strip()
    return opening, found


def _example(sections: dict[str, str], rule: Rule) -> list[str]:
    """The example with what to write instead beside it (below it on a phone): what ``--fix``
    makes of it, else the first paragraph of "How to fix", which then is not repeated."""
    fix = sections.pop("Fix", "")
    if fix:
        said, _, code = fix.partition("\n")
        instead = [f"**Use instead** ({said.removesuffix(' turns the example into:')} writes it)"]
        instead += ["", code]
    else:
        first, _, rest = sections["How to fix"].partition("\n\n")
        sections["How to fix"] = rest
        instead = ["**Use instead**", "", first]
    return [
        "## Example",
        "",
        '<div class="grid" markdown>',
        '<div markdown="block">',
        "",
        f"**Reported** ({rule.code})",
        "",
        sections.pop("Example"),
        "",
        "</div>",
        '<div markdown="block">',
        "",
        *instead,
        "",
        "</div>",
        "</div>",
        "",
    ]


def render_rule(rule: Rule) -> str:
    """A rule's page: back to the list, whether --fix fixes it, its docstring with the example
    beside what to write instead, and how to suppress it."""
    opening, sections = _sections(rule.doc)
    out = [
        f"[All rules](../rules.md) › {family(rule)}",
        "",
        f"# {rule.code} `{rule.name}`",
        "",
        f"Default severity: {rule.severity.value}. {fixed_by(rule)}",
        "",
        opening,
        "",
    ]
    if "Example" in sections and "How to fix" in sections:
        why = sections.pop("Why is this bad?", "")
        out += ["## Why is this bad?", "", why, "", *_example(sections, rule)]
    for heading, text in sections.items():
        if text:
            out += [f"## {heading}", "", text, ""]
    out += [
        "## Suppress it",
        "",
        f"On one line: `<!-- yeplint-disable-next-line {rule.code} -->` above it in the body,",
        f"`# yeplint: disable-line {rule.code}` at its end in the front matter. For files:",
        f'`per-file-ignores = {{ "drafts/**" = ["{rule.code}"] }}`; everywhere:',
        f'`ignore = ["{rule.code}"]`.',
        "",
    ]
    return "\n".join(out)


def pages() -> dict[str, str]:
    """Every generated page by its path inside the docs folder."""
    rules = all_rules()
    found = {"rules.md": render_index(rules)}
    found.update({f"rules/{r.code}.md": render_rule(r) for r in rules})
    return found


NAV_START = "      - All rules: rules.md\n"
"""The line of ``mkdocs.yml``'s navigation after which the rule pages are listed, by family,
to the end of the file."""


def navigation(rules: list[Rule]) -> str:
    """The rule pages' part of ``mkdocs.yml``'s navigation: each rule under its family."""
    lines: list[str] = []
    for rule in rules:
        heading = f"      - {family(rule)}:"
        if heading not in lines:
            lines.append(heading)
        lines.append(f"          - {rule.code} {rule.name}: rules/{rule.code}.md")
    return "\n".join(lines) + "\n"


def write_navigation(mkdocs_yml: Path) -> bool:
    """List every rule page in ``mkdocs.yml`` (after :data:`NAV_START`); whether it changed."""
    text = mkdocs_yml.read_text(encoding="utf-8")
    head, found, _ = text.partition(NAV_START)
    if not found:
        raise SystemExit(f"{mkdocs_yml}: no `{NAV_START.strip()}` line to list the rules after")
    new = head + NAV_START + navigation(all_rules())
    if new != text:
        mkdocs_yml.write_text(new, encoding="utf-8")
    return new != text


def write(folder: Path) -> list[Path]:
    """Write the pages into ``folder`` (and the navigation of the ``mkdocs.yml`` beside it)
    and remove rule pages of rules that are gone."""
    wanted = pages()
    if (folder.parent / "mkdocs.yml").is_file():
        write_navigation(folder.parent / "mkdocs.yml")
    (folder / "rules").mkdir(parents=True, exist_ok=True)
    for stale in (folder / "rules").glob("*.md"):
        if f"rules/{stale.name}" not in wanted:
            stale.unlink()
    written = []
    for name, text in wanted.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _option_schema(default: Any) -> dict[str, Any]:
    if isinstance(default, bool):
        return {"type": "boolean"}
    if isinstance(default, int):
        return {
            "type": "integer",
            "minimum": 0,
            "maximum": RULE_OPTION_MAX,
            "x-expect": f"an integer from 0 to {RULE_OPTION_MAX:,}",
        }
    if isinstance(default, str):
        return {"type": "string"}
    return {"type": "array", "items": {"type": "string"}}


def rule_options_schema(rules: list[Rule]) -> dict[str, Any]:
    """The schema of ``rule-options``: each rule with options, by code and by name."""
    properties: dict[str, Any] = {}
    for rule in rules:
        if rule.options is None:
            continue
        options: dict[str, Any] = {}
        for spec in fields(rule.options):
            made = spec.default_factory() if callable(spec.default_factory) else spec.default
            options[spec.name.replace("_", "-")] = {**_option_schema(made), "default": made}
        table = {"type": "object", "properties": options, "additionalProperties": False}
        properties[rule.code] = table
        properties[rule.name] = table
    return {"type": "object", "properties": properties, "additionalProperties": False}


def config_schema() -> dict[str, Any]:
    """The published configuration schema (``schemas/yeplint-config.schema.json``)."""
    return schema(rule_options_schema(all_rules()))


def main(argv: list[str]) -> None:
    """``docs [FOLDER]``: write the rule pages; ``config [--markdown]``: print the published
    configuration schema, or the configuration reference."""
    if argv[:1] == ["config"]:
        if "--markdown" in argv:
            sys.stdout.write(reference_markdown())
        else:
            sys.stdout.write(json.dumps(config_schema(), indent=2, ensure_ascii=False) + "\n")
        return
    write(Path(argv[0] if argv else "docs"))


__all__ = [
    "FAMILIES",
    "GENERATED",
    "RULE_URL",
    "SECTIONS",
    "config_schema",
    "family",
    "fixed_by",
    "pages",
    "render_index",
    "render_rule",
    "rule_options_schema",
    "write",
]

if __name__ == "__main__":
    main(sys.argv[1:])
