"""The rule pages of the documentation, from the rule docstrings: ``docs/rules.md`` (the index)
and ``docs/rules/<CODE>.md`` (one page per rule, the link in SARIF, the text report and the
language server). ``python -m yeplint.rules.docs docs`` writes them; a test fails when they are
stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

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


__all__ = ["GENERATED", "RULE_URL", "SECTIONS", "pages", "render_index", "render_rule", "write"]

if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
