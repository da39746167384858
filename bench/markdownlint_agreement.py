"""How far yeplint's heading and alt-text rules agree with markdownlint, line for line.

Runs markdownlint-cli2 (pinned, installed by this script with npm into a cache folder) and
yeplint on (a) the rule fixtures, (b) a generated corpus of short documents mixing headings,
emphasis, lists, quotes, code, HTML, entities, emoji and Unicode spaces, and (c) every
Markdown file of ../shared/corpus. For each pair of rules it prints the agreement (lines both
report / lines either reports) and every disagreement that no documented difference explains;
the documented differences are the ones written in each rule's doc (``yeplint rule CODE``),
encoded below as predicates on the source line.

Usage: python bench/markdownlint_agreement.py [--documents 5000] [--show 20]
Never run by the tests (it needs npm and takes a minute).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from yeplint.config.settings import Settings
from yeplint.document.markdown import template_code_lines
from yeplint.engine.linter import Linter
from yeplint.rules.headings.yep209_emphasis_as_heading import captions_code, date_or_byline
from yeplint.site.discovery import discover

VERSION = "0.24.1"
"""markdownlint-cli2, pinned: its rules' behaviour changes between releases."""
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "yeplint-bench"
ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"

PAIRS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "heading-increment": (("YEP205",), ("MD001",)),
    "no-space / closed": (("YEP201", "YEP202", "YEP203"), ("MD018", "MD019", "MD020", "MD021")),
    "indented": (("YEP204",), ("MD023",)),
    "single-h1": (("YEP208",), ("MD025",)),
    "trailing-punctuation": (("YEP210",), ("MD026",)),
    "emphasis-as-heading": (("YEP209",), ("MD036",)),
    "alt-text": (("YEP302",), ("MD045",)),
}
CONFIG = {"config": {"default": False} | {r: True for _, mds in PAIRS.values() for r in mds}}
_REPORTED = re.compile(r"^(?P<file>.+?):(?P<line>\d+)(?::\d+)? (?:error )?(?P<rule>MD\d{3})")

Documented = Callable[[str], bool]
"""Whether a disagreement on this source line is a documented difference."""
TEMPLATE = "inside a template code block (Liquid/Hugo highlight or comment)"
"""A documented difference that needs the whole file: decided in :func:`compare`."""
FIRST_NOT_H1 = "a second H1 where the first line is not an H1 (MD025 looks only then)"
CAPTION = "the caption of the code sample right below it (`**_config.yml**` above a fence)"
"""A documented difference that needs the lines after it: decided in :func:`compare`."""
UNREAD = "front matter yeplint does not read yet (TOML `+++`, JSON): the generator issue"

_CONTAINER = re.compile(r"^\s*(>|[-+*]\s|\d+[.)]\s)")
DOCUMENTED: dict[str, dict[str, list[tuple[str, Documented]]]] = {
    "no-space / closed": {
        "yeplint": [
            ("reported inside block quotes and list items", lambda s: bool(_CONTAINER.match(s))),
            (
                "a no-break or other Unicode space after the hashes",
                lambda s: "\u00a0" in s or bool(re.search(r"#[\u2000-\u200a\u3000]", s)),
            ),
            ("`C#` ends in `#`: hint to escape it", lambda s: bool(re.search(r"\w#\s*$", s))),
            ("underlined `##Kop` (setext heading showing hashes)", lambda s: s.startswith("#")),
        ],
        "markdownlint": [
            (
                "`#` + digit or sign: no heading meant",
                lambda s: bool(re.match(r"\s*#+[^\w\s#]|\s*#+\d", s)),
            ),
            (
                "a single `#` on a wrapped line: a hashtag",
                lambda s: bool(re.match(r"\s*#[^#\s]", s)),
            ),
            (
                "MD021's extra spaces inside a closed heading",
                lambda s: bool(re.search(r"\s{2,}#+\s*$", s)),
            ),
        ],
    },
    "trailing-punctuation": {
        "markdownlint": [
            ("`!` is allowed", lambda s: s.rstrip().endswith(("!", "！"))),
            ("an ellipsis is fine", lambda s: s.rstrip().endswith(("...", "…"))),
        ],
        "yeplint": [
            ("an unknown entity ends in `;`", lambda s: bool(re.search(r"&\w+;\s*$", s))),
        ],
    },
    "emphasis-as-heading": {
        "markdownlint": [
            (
                "an italic date or byline under a title",
                lambda s: date_or_byline(s.strip(), s.strip().strip("*_").strip()),
            ),
            ("ends in an ellipsis: a lead-in", lambda s: s.rstrip().rstrip("*_").endswith("…")),
            ("longer than max-length (100)", lambda s: len(s.strip().strip("*_")) > 100),
            (
                "an aside in parentheses",
                lambda s: bool(re.fullmatch(r"\s*[*_]+[(（].*[)）][*_]+\s*", s)),
            ),
            ("holds a template tag: its text is the build's", lambda s: "{%" in s or "{{" in s),
            ("a quotation is not a heading", lambda s: s.lstrip("*_ ")[:1] in "\"'“”„‘’«»"),
            ("in a block quote or list item", lambda s: bool(_CONTAINER.match(s))),
        ],
    },
    "alt-text": {
        "yeplint": [("alt text of only spaces", lambda s: bool(re.search(r"!\[\s+\]", s)))],
        "markdownlint": [
            (
                "decorative: aria-hidden or role=presentation/none",
                lambda s: "aria-hidden" in s or "role=" in s,
            ),
        ],
    },
}


def markdownlint_binary() -> Path:
    folder = CACHE / f"markdownlint-cli2-{VERSION}"
    binary = folder / "node_modules" / ".bin" / "markdownlint-cli2"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                f"markdownlint-cli2@{VERSION}",
            ],
            cwd=folder,
            check=True,
        )
    return binary


def markdownlint(binary: Path, folder: Path, files: list[Path]) -> set[tuple[str, int, str]]:
    """markdownlint's findings on ``files``, as it reads them once the template blocks that
    yeplint does not read as Markdown are blank (:func:`as_rendered`): a Nunjucks ``{% set
    %}…{% endset %}`` code sample's shell `# comment` is no H1 for either side."""
    with tempfile.TemporaryDirectory() as tmp:  # the corpus may be read-only
        config = Path(tmp) / ".markdownlint-cli2.jsonc"
        config.write_text(json.dumps(CONFIG))
        view = Path(tmp) / "pages"
        copies = []
        for file in files:
            copy = view / file.relative_to(folder)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(as_rendered(file.read_bytes()))
            copies.append(copy)
        return _markdownlint(binary, view, copies, config)


def as_rendered(data: bytes) -> bytes:
    """A page with the lines of its template blocks blank (:func:`template_code_lines`: Liquid
    ``{% highlight %}``, ``{% comment %}``, ``{% capture %}``, Nunjucks ``{% set %}``…), as the
    generator hands it to the Markdown renderer and as yeplint reads it; line numbers kept."""
    if b"{%" not in data and b"{{" not in data:
        return data
    lines = data.decode("utf-8", errors="surrogateescape").split("\n")
    opaque = template_code_lines([line.rstrip("\r") for line in lines], 0)
    if not opaque:
        return data
    kept = [
        ("\r" if line.endswith("\r") else "") if number in opaque else line
        for number, line in enumerate(lines, 1)
    ]
    return "\n".join(kept).encode("utf-8", errors="surrogateescape")


def _markdownlint(
    binary: Path, folder: Path, files: list[Path], config: Path
) -> set[tuple[str, int, str]]:
    found: set[tuple[str, int, str]] = set()
    for start in range(0, len(files), 500):
        names = [str(f.relative_to(folder)) for f in files[start : start + 500]]
        done = subprocess.run(
            [str(binary), "--config", str(config), *[_glob_literal(n) for n in names]],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        for line in (done.stdout + done.stderr).splitlines():
            match = _REPORTED.match(line)
            if match:
                found.add((match["file"], int(match["line"]), match["rule"]))
    return found


def _glob_literal(name: str) -> str:
    """markdownlint-cli2 takes globs: escape the characters a glob would read."""
    return re.sub(r"([*?\[\]{}()!#])", r"\\\1", name)


def yeplint(folder: Path, files: list[Path]) -> set[tuple[str, int, str]]:
    codes = [c for ours, _ in PAIRS.values() for c in ours]
    settings = replace(Settings(), root=folder, collections=())
    linter = Linter(settings, select=codes)
    result = linter.run(discover(files, settings, cwd=folder))
    return {(d.path, d.line, d.code) for d in result.diagnostics}


PIECES = [
    "# Titel\n",
    "## Kop\n",
    "### Sub\n",
    "#### Diep\n",
    "##Kop\n",
    "###Kop###\n",
    "## Kop##\n",
    "##  Twee spaties\n",
    "## Kop ##\n",
    "## Kop  ##\n",
    "  ## Ingesprongen\n",
    "> ## Citaat\n",
    ">  ## Citaat ingesprongen\n",
    "- ##Lijst\n",
    "- item\n\n  ## In lijst\n",
    "**Vet als kop**\n",
    "*Schuin als kop*\n",
    "**Een vraag?**\n",
    "**Einde.**\n",
    "> **Vet in citaat**\n",
    "## Tot slot:\n",
    "## Let op!\n",
    "## Vraag?\n",
    "## Kop&copy;\n",
    "## Bug :bug:\n",
    "## 結論：\n",
    "![](foto.jpg)\n",
    "![Foto](foto.jpg)\n",
    '<img src="a.png">\n',
    '<img src="a.png" alt="">\n',
    '<img src="a.png" aria-hidden="true">\n',
    "![ ](x.png)\n",
    "```\n## In code\n```\n",
    "    ## Ingesprongen code\n",
    "Tekst met #hashtag.\n",
    "#!/usr/bin/env bash\n",
    "#16197 issue\n",
    "#\ufe0f\u20e3 keycap\n",
    "##\u00a0Nbsp\n",
    "Kop\n===\n",
    "Sub\n---\n",
    "##Kop##\n---\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "Gewone tekst, met een [link](https://example.com).\n",
    "<!-- commentaar -->\n",
    "Emoji 🎉 en é en &amp;.\n",
    "---\n",
    "Werken met C#\n",
    "## Werken met C#\n",
]


def generate(folder: Path, count: int) -> list[Path]:
    rng = random.Random(7)
    files = []
    for n in range(count):
        blocks = []
        if rng.random() < 0.3:
            blocks.append("---\ntitle: Pagina\n---\n")
        blocks += [rng.choice(PIECES) for _ in range(rng.randint(2, 9))]
        path = folder / f"d{n:05d}.md"
        path.write_text("\n".join(blocks), encoding="utf-8")
        files.append(path)
    return files


def compare(name: str, folder: Path, files: list[Path], binary: Path, show: int) -> Counter[str]:
    theirs = markdownlint(binary, folder, files)
    ours = yeplint(folder, files)
    totals: Counter[str] = Counter()
    for pair, (codes, rules) in PAIRS.items():
        a = {(f, line) for f, line, c in ours if c in codes}
        b = {(f, line) for f, line, r in theirs if r in rules}
        undocumented: list[str] = []
        documented: Counter[str] = Counter()
        for side, only in (("yeplint", a - b), ("markdownlint", b - a)):
            for file, line in sorted(only):
                lines = _lines(folder / file)
                text = lines[line - 1] if 0 < line <= len(lines) else ""
                reason = next(
                    (why for why, test in DOCUMENTED.get(pair, {}).get(side, []) if test(text)),
                    None,
                )
                if reason is None and line in template_code_lines(lines, 0):
                    reason = TEMPLATE
                if reason is None and pair == "emphasis-as-heading" and _captions(lines, line):
                    reason = CAPTION
                if reason is None and lines[:1] in (["+++"], ["{"]):
                    reason = UNREAD
                if reason is None and pair == "single-h1" and side == "yeplint":
                    reason = FIRST_NOT_H1 if not _starts_with_h1(lines) else None
                if reason:
                    documented[reason] += 1
                else:
                    undocumented.append(f"    {side} only: {file}:{line}: {text.strip()[:70]}")
        union = len(a | b)
        agree = 100.0 * len(a & b) / union if union else 100.0
        print(
            f"  {pair:<22} both {len(a & b):>5}  yeplint only {len(a - b):>5}  "
            f"markdownlint only {len(b - a):>5}  agreement {agree:5.1f}%  "
            f"undocumented {len(undocumented)}"
        )
        for reason, count in documented.most_common():
            print(f"      documented ({count}): {reason}")
        for case in undocumented[:show]:
            print(case)
        totals["undocumented"] += len(undocumented)
    return totals


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _captions(lines: list[str], line: int) -> bool:
    """Whether the paragraph at ``line`` names the code sample below it (YEP209's caption)."""
    from yeplint.document.post import load_text

    post = load_text(Path("x.md"), "x.md", "\n".join(lines).encode("utf-8", "replace"))
    return captions_code(post, line)


def _starts_with_h1(lines: list[str]) -> bool:
    """Whether the first heading of the document is an H1, as markdownlint's MD025 asks."""
    from yeplint.document.post import load_text

    post = load_text(Path("x.md"), "x.md", "\n".join(lines).encode("utf-8", "replace"))
    headings = post.body.headings
    body = post.lines[post.body_start_line - 1 :]
    first = next((k for k, text in enumerate(body) if text.strip()), None)
    return (
        bool(headings)
        and headings[0].level == 1
        and first is not None
        and headings[0].span.line == post.body_start_line + first
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--show", type=int, default=15, help="undocumented cases per rule")
    args = parser.parse_args()
    binary = markdownlint_binary()
    totals: Counter[str] = Counter()
    print(f"markdownlint-cli2 {VERSION}")
    print("(a) rule fixtures")
    fixture_files = sorted(FIXTURES.glob("YEP2*/**/*.md")) + sorted(FIXTURES.glob("YEP302/**/*.md"))
    totals += compare("fixtures", FIXTURES, fixture_files, binary, args.show)
    with tempfile.TemporaryDirectory() as tmp:
        print(f"(b) {args.documents} generated documents")
        folder = Path(tmp)
        totals += compare("generated", folder, generate(folder, args.documents), binary, args.show)
    sites: defaultdict[str, list[Path]] = defaultdict(list)
    if CORPUS.is_dir():
        for path in sorted(CORPUS.rglob("*.md")):
            parts = path.relative_to(CORPUS).parts
            if len(parts) > 1 and path.is_file() and not path.is_symlink():
                sites[parts[0]].append(path)
    for site, files in sites.items():
        print(f"(c) ../shared/corpus/{site}: {len(files)} files")
        totals += compare(site, CORPUS / site, files, binary, args.show)
    print(f"undocumented disagreements in all: {totals['undocumented']}")


if __name__ == "__main__":
    main()
