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


def render_index(rules: list[Rule]) -> str:
    out = [
        "# Rules",
        "",
        f"Generated from the rule docstrings by `{GENERATED}`; a test fails when these pages are",
        "stale. `yeplint rule CODE` shows one rule in the terminal, `yeplint rules` lists them.",
        "",
        "| code | name | default | fix | summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    out += [
        f"| [{r.code}](rules/{r.code}.md) | `{r.name}` | {r.severity.value} | "
        f"{r.fix_kind if r.fixable else ''} | {r.summary} |"
        for r in rules
    ]
    return "\n".join(out) + "\n"


def render_rule(rule: Rule) -> str:
    fixable = " Fixable with `--fix`." if rule.fixable else ""
    if rule.unsafe_fix:
        fixable = " Fixable with `--fix --unsafe-fixes` (the fix changes content)."
    return "\n".join(
        [
            f"# {rule.code} `{rule.name}`",
            "",
            f"Default severity: {rule.severity.value}.{fixable}",
            "",
            rule.doc.strip(),
            "",
            "## Suppress it",
            "",
            f"On one line: `<!-- yeplint-disable-next-line {rule.code} -->` above it in the body,",
            f"`# yeplint: disable-line {rule.code}` at its end in the front matter. For files:",
            f'`per-file-ignores = {{ "drafts/**" = ["{rule.code}"] }}`; everywhere:',
            f'`ignore = ["{rule.code}"]`.',
            "",
        ]
    )


def pages() -> dict[str, str]:
    """Every generated page by its path inside the docs folder."""
    rules = all_rules()
    found = {"rules.md": render_index(rules)}
    found.update({f"rules/{r.code}.md": render_rule(r) for r in rules})
    return found


def write(folder: Path) -> list[Path]:
    """Write the pages into ``folder`` and remove rule pages of rules that are gone."""
    wanted = pages()
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
    "GENERATED",
    "RULE_URL",
    "SECTIONS",
    "config_schema",
    "pages",
    "render_index",
    "render_rule",
    "rule_options_schema",
    "write",
]

if __name__ == "__main__":
    main(sys.argv[1:])
