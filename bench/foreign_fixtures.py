"""yeplint against other linters' own test fixtures: markdownlint's and yamllint's verdicts on
the texts their authors wrote to pin their rules, next to yeplint's on the same text.

Markdown: every ``*.md`` under ``--markdown DIR`` (markdownlint's ``test/*.md``, PyMarkdown's
``test/resources/rules/md0*/``...; fetch them yourself, they are not shipped here) is linted by
markdownlint-cli2 (the pinned copy of bench/markdownlint_agreement.py) and by yeplint, as is
and once more as a page with front matter (``title:`` above it, so MD025's
``front_matter_title`` and YEP208 meet). The fixtures' own ``<!-- markdownlint-... -->``
comments are blanked first (lines kept): they reconfigure markdownlint for one fixture, which
yeplint does not read, and both tools must judge the same text with their defaults.

YAML: every ``self.check(doc, ...)`` of yamllint's ``tests/rules/test_*.py`` under ``--yaml
DIR`` (yamllint's sdist has them) is one case: yamllint (installed in this venv, the oracle)
reads the document with the rules yeplint has equivalents of, and yeplint reads it as the
front matter of a page (its first ``---`` is the page's fence; documents that cannot be front
matter, a second document or a ``...`` end, are counted and left out).

A case is a (fixture, line, rule pair) that either side reports; the agreement of a pair is
both / either. Each disagreement must be a yeplint bug or a difference its rule's docs give:
those are encoded below as predicates on the line (:data:`DOCUMENTED`) and counted; any
other is printed as undocumented.

Usage: python bench/foreign_fixtures.py [--markdown DIR] [--yaml DIR] [--show N]
Never run by the tests (it needs npm and the fetched fixtures).
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from markdownlint_agreement import DOCUMENTED as AGREEMENT_DOCUMENTED
from markdownlint_agreement import FIRST_NOT_H1, _glob_literal, _starts_with_h1, markdownlint_binary

from yeplint.config.settings import Settings
from yeplint.engine.linter import Linter
from yeplint.site.discovery import discover

MD_PAIRS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "heading-increment": (("YEP205",), ("MD001",)),
    "no-space / closed": (("YEP201", "YEP202", "YEP203"), ("MD018", "MD019", "MD020", "MD021")),
    "indented": (("YEP204",), ("MD023",)),
    "duplicate-heading": (("YEP207",), ("MD024",)),
    "single-h1": (("YEP208",), ("MD025",)),
    "trailing-punctuation": (("YEP210",), ("MD026",)),
    "emphasis-as-heading": (("YEP209",), ("MD036",)),
    "empty-link": (("YEP403",), ("MD042",)),
    "alt-text": (("YEP302",), ("MD045",)),
    "link-fragments": (("YEP404",), ("MD051",)),
}
MD_CONFIG = {
    "config": {"default": False, "MD024": {"siblings_only": True}}
    | {r: True for _, mds in MD_PAIRS.values() for r in mds if r != "MD024"}
}
YAML_PAIRS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "syntax": (("YEP001",), ("syntax",)),
    "key-duplicates": (("YEP008",), ("key-duplicates",)),
    "truthy / octal": (("YEP011",), ("truthy", "octal-values")),
}
YAML_CONFIG = (
    "rules:\n  key-duplicates: enable\n  truthy: {check-keys: false}\n  octal-values: enable\n"
)
FRONT = "---\ntitle: Pagina\n---\n"
_REPORTED = re.compile(r"^(?P<file>.+?):(?P<line>\d+)(?::\d+)? (?:error )?(?P<rule>MD\d{3})")
_MDL_COMMENT = re.compile(r"<!--\s*markdownlint-.*?-->", re.DOTALL)

Case = tuple[str, int]
Found = dict[str, set[Case]]


def blank_markdownlint_comments(text: str) -> str:
    """``text`` without its ``<!-- markdownlint-... -->`` comments, each line of one kept."""
    return _MDL_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def markdown_cases(folder: Path, show: int) -> Counter[str]:
    sources = sorted(p for p in folder.rglob("*.md") if p.is_file())
    print(f"markdown: {len(sources)} fixtures from {folder}")
    totals: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "pages"
        files: list[Path] = []
        for source in sources:
            text = blank_markdownlint_comments(source.read_text(encoding="utf-8"))
            name = source.relative_to(folder).as_posix().replace("/", "__")
            variants = [("plain", text)]
            if not text.startswith("---"):
                variants.append(("front", FRONT + text))
            for variant, page in variants:
                path = work / variant / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(page, encoding="utf-8")
                files.append(path)
        theirs = _markdownlint(work, files, Path(tmp))
        ours = _yeplint(work, files, [c for codes, _ in MD_PAIRS.values() for c in codes])
        for variant in ("plain", "front"):
            print(f"  as {'is' if variant == 'plain' else 'a page with front matter'}:")
            totals += _compare(MD_PAIRS, ours, theirs, work, variant, show)
    return totals


def _markdownlint(folder: Path, files: list[Path], tmp: Path) -> set[tuple[str, int, str]]:
    import json

    config = tmp / ".markdownlint-cli2.jsonc"
    config.write_text(json.dumps(MD_CONFIG))
    names = [_glob_literal(f.relative_to(folder).as_posix()) for f in files]
    done = subprocess.run(
        [str(markdownlint_binary()), "--config", str(config), *names],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    found: set[tuple[str, int, str]] = set()
    for line in (done.stdout + done.stderr).splitlines():
        match = _REPORTED.match(line)
        if match:
            found.add((match["file"], int(match["line"]), match["rule"]))
    return found


def _yeplint(folder: Path, files: list[Path], codes: list[str]) -> set[tuple[str, int, str]]:
    settings = replace(Settings(), root=folder, collections=())
    result = Linter(settings, select=codes).run(discover(files, settings, cwd=folder))
    return {(d.path, d.line, d.code) for d in result.diagnostics}


def _compare(
    pairs: dict[str, tuple[tuple[str, ...], tuple[str, ...]]],
    ours: set[tuple[str, int, str]],
    theirs: set[tuple[str, int, str]],
    folder: Path,
    prefix: str,
    show: int,
) -> Counter[str]:
    totals: Counter[str] = Counter()
    for pair, (codes, rules) in pairs.items():
        a = {(f, n) for f, n, c in ours if c in codes and f.startswith(prefix)}
        b = {(f, n) for f, n, r in theirs if r in rules and f.startswith(prefix)}
        union = len(a | b)
        agree = 100.0 * len(a & b) / union if union else 100.0
        documented: Counter[str] = Counter()
        undocumented: list[str] = []
        for side, only in (("yeplint", a - b), ("other", b - a)):
            for file, line in sorted(only):
                lines = (folder / file).read_text(encoding="utf-8").splitlines()
                text = lines[line - 1] if 0 < line <= len(lines) else ""
                tests = DOCUMENTED.get(pair, {}).get(side, [])
                reason = next((why for why, test in tests if test(text, lines)), None)
                if reason is None:
                    undocumented.append(f"      {side} only: {file}:{line}: {text.strip()[:80]}")
                else:
                    documented[f"{side} only: {reason}"] += 1
        print(
            f"    {pair:<22} cases {union:>4}  both {len(a & b):>4}  yeplint only "
            f"{len(a - b):>3}  other only {len(b - a):>3}  agreement {agree:5.1f}%  "
            f"undocumented {len(undocumented)}"
        )
        for reason, count in documented.most_common():
            print(f"      documented ({count}) {reason}")
        print("\n".join(undocumented[:show]) if undocumented[:show] else "", end="")
        print() if undocumented[:show] else None
        totals["cases"] += union
        totals["both"] += len(a & b)
        totals["undocumented"] += len(undocumented)
    return totals


Documented = Callable[[str, list[str]], bool]
"""Whether a disagreement on this line (of these lines) is a difference the rule's docs give."""


def _fragment(text: str) -> str:
    found = re.search(r"\]\(#([^)\s]*)|\]:\s*#(\S*)", text)
    return (found.group(1) or found.group(2) or "") if found else ""


def _named(text: str, lines: list[str]) -> bool:
    """The link's anchor is a `name` or an attribute-list `{#id}` somewhere on the page."""
    anchor = _fragment(text)
    page = "\n".join(lines)
    return bool(anchor) and (f'name="{anchor}"' in page or "{#" + anchor in page)


def _from_agreement(pair: str) -> dict[str, list[tuple[str, Documented]]]:
    """bench/markdownlint_agreement.py's documented differences of ``pair``, for this shape."""
    sides = AGREEMENT_DOCUMENTED.get(pair, {})
    return {
        "yeplint" if side == "yeplint" else "other": [(why, _on_line(test)) for why, test in tests]
        for side, tests in sides.items()
    }


def _on_line(test: Callable[[str], bool]) -> Documented:
    def documented(text: str, lines: list[str]) -> bool:
        return test(text)

    return documented


DOCUMENTED: dict[str, dict[str, list[tuple[str, Documented]]]] = {
    pair: _from_agreement(pair)
    for pair in ("no-space / closed", "trailing-punctuation", "emphasis-as-heading", "alt-text")
}
DOCUMENTED["no-space / closed"]["yeplint"].append(
    ("reported in a list item too", lambda text, lines: bool(re.match(r"\s*\d+[.)]\s", text)))
)
DOCUMENTED["single-h1"] = {
    "yeplint": [(FIRST_NOT_H1, lambda text, lines: not _starts_with_h1(lines))],
}
DOCUMENTED["duplicate-heading"] = {
    "yeplint": [("a heading's `{#id}` is not its text", lambda text, lines: "{#" in text)],
}
DOCUMENTED["link-fragments"] = {
    "yeplint": [
        ("GitHub's line anchors", lambda text, lines: bool(re.match(r"L\d", _fragment(text)))),
        ("a reference link: reported where used", lambda text, lines: "][" in text),
        (
            "a heading's `{#id}` replaces its slug",
            lambda text, lines: any(
                _fragment(text).endswith(m) for m in re.findall(r"\{#([\w-]+)\}", "\n".join(lines))
            ),
        ),
        (
            "a heading ending in an image or HTML: its text as written",
            lambda text, lines: _fragment(text).endswith("-"),
        ),
    ],
    "other": [
        ("a reference link: reported where used", lambda text, lines: "]: #" in text),
        (
            "`#top` in any case is the page's top",
            lambda text, lines: _fragment(text).lower() == "top",
        ),
        ("any `name` and any `{#id}` counts", _named),
    ],
}
DOCUMENTED["syntax"] = {
    "other": [("a tab after a value is white space", lambda text, lines: "\t" in text)],
}
DOCUMENTED["truthy / octal"] = {
    "yeplint": [("YEP011 reports what YAML 1.1 and 1.2 read apart", lambda text, lines: True)],
    "other": [
        (
            "`True` is a boolean to both",
            lambda text, lines: bool(re.search(r":\s*(True|TRUE|False|FALSE)\s*$", text)),
        ),
        ("keys are not checked", lambda text, lines: bool(re.match(r"\s*[\w.]+:\s", text))),
    ],
}


class _Checks(ast.NodeVisitor):
    """The documents of a yamllint rule test: the first argument of each ``self.check``."""

    def __init__(self) -> None:
        self.docs: list[str] = []

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "check" and node.args:
            try:
                doc = ast.literal_eval(node.args[0])
            except ValueError:
                doc = None
            if isinstance(doc, str):
                self.docs.append(doc)
        self.generic_visit(node)


def as_front_matter(doc: str) -> tuple[str, int] | None:
    """The page whose front matter is ``doc``, and how many lines the page adds above the
    document's first line; None when ``doc`` cannot be front matter."""
    lines = doc.split("\n")
    offset = 1
    if lines and lines[0].rstrip() == "---":
        lines, offset = lines[1:], 0
    elif lines and lines[0].startswith("--- "):
        return None  # content on the start line: no fence
    if any(line.rstrip() in ("---", "...") or line.startswith(("--- ", "... ")) for line in lines):
        return None
    body = "\n".join(lines)
    if body and not body.endswith("\n"):
        body += "\n"
    return "---\n" + body + "---\n", offset


def yaml_cases(folder: Path, show: int) -> Counter[str]:
    tests = sorted(folder.rglob("test_*.py"))
    docs: list[tuple[str, str]] = []
    for test in tests:
        visitor = _Checks()
        visitor.visit(ast.parse(test.read_text(encoding="utf-8")))
        docs += [(test.stem, doc) for doc in visitor.docs]
    unique = list(dict.fromkeys(docs))
    print(f"yaml: {len(unique)} documents from {len(tests)} rule tests in {folder}")
    totals: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "pages"
        (work / "yaml").mkdir(parents=True)
        files: list[Path] = []
        offsets: dict[str, int] = {}
        skipped = 0
        for n, (stem, doc) in enumerate(unique):
            page = as_front_matter(doc)
            if page is None:
                skipped += 1
                continue
            text, offsets[f"{stem}-{n:04d}"] = page
            path = work / f"{stem}-{n:04d}.md"
            path.write_text(text, encoding="utf-8")
            (work / "yaml" / f"{stem}-{n:04d}.yaml").write_text(doc, encoding="utf-8")
            files.append(path)
        theirs = _yamllint(work / "yaml", offsets, Path(tmp))
        print(f"  {skipped} documents left out: a second document or `...` is no front matter")
        ours = _yeplint(work, files, [c for codes, _ in YAML_PAIRS.values() for c in codes])
        totals += _compare(YAML_PAIRS, ours, theirs, work, "", show)
    return totals


_PARSABLE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):\d+: \[\w+\] (?P<message>.*?)(?: \((?P<rule>[\w-]+)\))?$"
)


def _yamllint(folder: Path, offsets: dict[str, int], tmp: Path) -> set[tuple[str, int, str]]:
    """yamllint's findings on the documents, at their lines in the pages. Run as its own
    process: importing yamllint adds an octal pattern to PyYAML's global resolver, which
    yeplint's YAML 1.1 reading (YEP011) asks."""
    config = tmp / "yamllint.yaml"
    config.write_text(YAML_CONFIG)
    done = subprocess.run(
        [sys.executable, "-m", "yamllint", "-f", "parsable", "-c", str(config), str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    found: set[tuple[str, int, str]] = set()
    for line in done.stdout.splitlines():
        match = _PARSABLE.match(line)
        if match:
            stem = Path(match["file"]).stem
            rule = "syntax" if match["message"].startswith("syntax error") else match["rule"]
            found.add((f"{stem}.md", int(match["line"]) + offsets[stem], rule or "syntax"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--markdown", type=Path, help="folder of Markdown fixtures")
    parser.add_argument("--yaml", type=Path, help="yamllint's tests/rules folder")
    parser.add_argument("--show", type=int, default=30, help="disagreements per side and pair")
    args = parser.parse_args()
    totals: Counter[str] = Counter()
    if args.markdown:
        totals += markdown_cases(args.markdown, args.show)
    if args.yaml:
        totals += yaml_cases(args.yaml, args.show)
    print(
        f"cases {totals['cases']}, agreed {totals['both']}, "
        f"undocumented disagreements {totals['undocumented']}"
    )


if __name__ == "__main__":
    main()
