"""Render ``docs/rules.md`` from the rule docstrings: ``python -m yeplint.docs > docs/rules.md``."""

from __future__ import annotations

from yeplint.registry import all_rules

SECTIONS = ("## Why is this bad?", "## Example", "## How to fix", "## Options")


def render() -> str:
    rules = all_rules()
    out = [
        "# Rules",
        "",
        "Generated from the rule docstrings by `python -m yeplint.docs > docs/rules.md`;",
        "a test fails when this file is stale. `yeplint rule CODE` shows one rule.",
        "",
        "| code | name | default | fix | summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    out += [
        f"| {r.code} | `{r.name}` | {r.severity.value} | {r.fix_kind if r.fixable else ''} | "
        f"{r.summary} |"
        for r in rules
    ]
    for r in rules:
        body = r.doc.replace("\n## ", "\n#### ")
        fixable = " Fixable with `--fix`." if r.fixable else ""
        if r.unsafe_fix:
            fixable = " Fixable with `--fix --unsafe-fixes` (the fix changes content)."
        out += [
            "",
            f"## {r.code} `{r.name}`",
            "",
            f"Default severity: {r.severity.value}.{fixable}",
            "",
        ]
        out.append(body)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
