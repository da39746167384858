"""Throw generated and mutated pages at ``yeplint check`` and ``--fix``, and report what breaks.

Seeds are the pages of the test sites (every generator's layout), the rule fixtures, the fuzz
corpus and, when present, pages of the nine sites in ../shared/corpus. Each input is a seed
(or two spliced), mutated byte-wise and given hostile shapes (UTF-16, Latin-1, invalid UTF-8,
CESU surrogates, BOMs, CR-only and mixed line endings, NUL bytes, huge lines, deep nesting,
alias bombs, unterminated front matter, fence variants, tabs, TOML and JSON front matter), and
written as ``probe.md`` or ``probe.mdx`` beside a page of a copy of one test site. Then:

- ``check`` with ``--format json`` (every ``--format`` for one input in ``--formats-every``):
  no traceback, no internal error, output that parses (JSON, SARIF, GitLab, JUnit XML), every
  finding's line at least 1 and its columns within that line of the file as read;
- ``check --fix`` and ``check --fix --unsafe-fixes`` on fresh copies: no refused fix, the same
  BOM, line count and line endings, changed lines only where a fix of that run's applicability
  has an edit, text that is not UTF-8 never rewritten, the result still parses as before, and
  a second run changes nothing.

Every input runs under a time limit (``--timeout``) and a memory cap. Failures are saved to
``--out`` with what broke. Run: ``python bench/hostile_probe.py [--seconds 600] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from xml.etree import ElementTree as ET

from click.testing import CliRunner

from tests.fuzz.fuzz import TOKENS as FUZZ_TOKENS
from tests.fuzz.fuzz import mutate as fuzz_mutate
from yeplint.cli import main as cli_main
from yeplint.document.source import decode, split_lines

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent / "tests"
CORPUS = HERE.parents[1] / "shared" / "corpus"
SITES = [
    "astro",
    "astro-frontmatter",
    "docusaurus",
    "eleventy",
    "hugo",
    "hugo-frontmatter",
    "jekyll",
    "mkdocs",
    "sveltekit",
    "vitepress",
    "zola",
]
MDX_SITES = {"astro", "docusaurus"}
FORMATS = ["text", "concise", "json", "github", "sarif", "junit", "gitlab"]
PARSE_CODES = {"YEP001", "YEP004", "YEP005", "YEP006", "YEP007", "YEP009", "YEP010"}

TOKENS = [
    *FUZZ_TOKENS,  # the fuzz test's, and what the probe adds to them
    b"...\n",
    b"\xed\xa0\x80",
    b"\xf0\x9f\x8e\x89",
    b"\xe2\x80\xa8",
    b"\x0b",
    b"\x0c",
    b"\x1b[2J",
    b"<!-- yeplint-disable-next-line -->\n",
    b"title = ",
    b"draft: yes\n",
    b'{{< ref "x" >}}',
    b"{% link x.md %}",
    b"import X from './x'\n",
    b"<X />",
    b"{/* c */}",
    b"##Kop\n",
    b"###  Kop ###\n",
    b"![](./x.png)",
    b"[a](#kop)",
    b"[a](./other.md)",
    b"Title: x\n",
]


def _lines(text: str, ending: str) -> str:
    return ending.join(split_lines(text))


def _mixed(rng: random.Random, text: str) -> str:
    parts = split_lines(text)
    out = []
    for index, part in enumerate(parts):
        out.append(part)
        if index < len(parts) - 1:
            out.append(rng.choice(["\n", "\r\n", "\r"]))
    return "".join(out)


def _front_matter_as(rng: random.Random, text: str) -> str:
    """A YAML front matter rewritten as TOML or JSON (roughly: key-value lines only)."""
    match = re.match(r"---\r?\n(.*?)\r?\n---\r?\n", text, re.S)
    if not match:
        return text
    pairs = re.findall(r"^([A-Za-z_][\w-]*):[ \t]*(.*)$", match.group(1), re.M)
    rest = text[match.end() :]
    if rng.random() < 0.5:
        body = "\n".join(f"{k} = {json.dumps(v.strip(chr(34) + chr(39)))}" for k, v in pairs)
        return f"+++\n{body}\n+++\n{rest}"
    data = {k: v.strip("\"'") for k, v in pairs}
    return json.dumps(data, indent=2) + "\n" + rest


def _alias_bomb(levels: int) -> str:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    return "\n".join(rows) + "\n"


def _in_front_matter(text: str, piece: str) -> str:
    if text.startswith("---\n"):
        return "---\n" + piece + text[4:]
    return "---\n" + piece + "---\n" + text


FENCES = ["--- \n", "---\t\n", "----\n"]
CLOSERS = ["\n--- \n", "\n ---\n", "\n---x\n"]
INVALID = [b"\xff", b"\xc3", b"\x80", b"\xe2\x82"]
SURROGATES = [b"\xed\xa0\x80", b"\xed\xbf\xbf"]

JSX = [
    "<Card>\n##Kop\n</Card>\n",
    '<a href="/x">tekst</a> en\n##Kop\n',
    '<Tabs>\n  <TabItem value="a">\n\n##Kop\n\n  </TabItem>\n</Tabs>\n',
    '<img src="./x.png" alt="" /> onderschrift\n',
    "{/* ##Kop */}\n##Kop\n",
    "export const a = {\n  b: 1,\n}\n\n##Kop\n",
]

TEXT_SHAPES: dict[str, Callable[[random.Random, str], str]] = {
    "crlf": lambda rng, t: _lines(t, "\r\n"),
    "cr-only": lambda rng, t: _lines(t, "\r"),
    "mixed-endings": _mixed,
    "toml-or-json": _front_matter_as,
    "huge-line": lambda rng, t: t + "a" * rng.choice([70_000, 300_000]) + "\n",
    "huge-heading-line": lambda rng, t: t + "##" + "b " * 40_000 + "\n",
    "deep-quote": lambda rng, t: t + "> " * rng.randint(100, 3000) + "x\n",
    "deep-list": lambda rng, t: t + "".join("  " * i + "- x\n" for i in range(300)),
    "deep-brackets": lambda rng, t: t + "[" * 20_000 + "x" + "]" * 20_000 + "\n",
    "deep-yaml": lambda rng, t: _in_front_matter(t, "deep: " + "[" * 2000 + "]" * 2000 + "\n"),
    "deep-yaml-map": lambda rng, t: _in_front_matter(
        t, "d: " + "{a: " * 500 + "1}" + "}" * 499 + "\n"
    ),
    "alias-bomb": lambda rng, t: _in_front_matter(t, _alias_bomb(rng.randint(4, 9))),
    "unterminated": lambda rng, t: (
        re.sub(r"\n(---|\+\+\+)\n", "\n", t, count=1)
        if t.startswith(("---", "+++"))
        else "---\ntitle: x\n" + t
    ),
    "fence-spaces": lambda rng, t: t.replace("---\n", rng.choice(FENCES), 1),
    "fence-closer-dots": lambda rng, t: re.sub(r"\n---\n", "\n...\n", t, count=1),
    "fence-second-variant": lambda rng, t: re.sub(r"\n---\n", rng.choice(CLOSERS), t, count=1),
    "tabs-in-yaml": lambda rng, t: re.sub(r"^(---\n(?:.*\n)*?)  ", r"\1\t", t, count=1),
    "tab-indent": lambda rng, t: t.replace("\n  ", "\n\t"),
    "leading-blank": lambda rng, t: "\n" + t,
    "no-final-newline": lambda rng, t: t.rstrip("\n"),
    "ls-ps": lambda rng, t: t.replace(" ", "\u2028", 3).replace(".", "\u2029", 2),
    "astral": lambda rng, t: t.replace("e", "\U0001f389", 5),
    "combining": lambda rng, t: t.replace("a", "a\u0301", 5),
    "nbsp-heading": lambda rng, t: t + "##\u00a0Kop\n\n#\u3000Kop\n",
    "bidi": lambda rng, t: t.replace("o", "\u202eo", 2),
    "hash-run": lambda rng, t: t + "\n" + "##Kop\n" * rng.randint(2, 40) + "tekst\n",
    "jsx": lambda rng, t: t + rng.choice(JSX),
}

BYTE_SHAPES: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "utf8-bom": lambda rng, b: codecs.BOM_UTF8 + b,
    "double-bom": lambda rng, b: codecs.BOM_UTF8 * 2 + b,
    "utf16-bom": lambda rng, b: b.decode("utf-8", "replace").encode("utf-16"),
    "utf16-le": lambda rng, b: b.decode("utf-8", "replace").encode("utf-16-le"),
    "utf16-be": lambda rng, b: b.decode("utf-8", "replace").encode("utf-16-be"),
    "latin1": lambda rng, b: b.decode("utf-8", "replace").encode("latin-1", "replace"),
    "cp1252-accents": lambda rng, b: b + "\ncafé déjà vu\n".encode("cp1252"),
    "invalid-utf8": lambda rng, b: _insert(rng, b, rng.choice(INVALID)),
    "cesu-surrogate": lambda rng, b: _insert(rng, b, rng.choice(SURROGATES)),
    "overlong": lambda rng, b: _insert(rng, b, b"\xc0\xaf"),
    "nul": lambda rng, b: _insert(rng, b, b"\x00"),
    "control": lambda rng, b: _insert(rng, b, bytes([rng.randrange(1, 32)])),
}


def _insert(rng: random.Random, data: bytes, piece: bytes) -> bytes:
    pos = rng.randint(0, len(data))
    return data[:pos] + piece + data[pos:]


def mutate(rng: random.Random, data: bytes, seeds: list[bytes]) -> bytes:
    return fuzz_mutate(rng, data, seeds, TOKENS, rounds=6)


def make_input(rng: random.Random, seeds: list[bytes]) -> tuple[bytes, list[str]]:
    data = rng.choice(seeds)
    applied = []
    if rng.random() < 0.2:
        other = rng.choice(seeds)
        data = data + b"\n" + other
        applied.append("splice")
    if rng.random() < 0.6:
        name = rng.choice(list(TEXT_SHAPES))
        text = data.decode("utf-8", "replace")
        data = TEXT_SHAPES[name](rng, text).encode("utf-8", "surrogatepass")
        applied.append(name)
    if rng.random() < 0.6:
        data = mutate(rng, data, seeds)
        applied.append("mutate")
    if rng.random() < 0.25:
        name = rng.choice(list(BYTE_SHAPES))
        data = BYTE_SHAPES[name](rng, data)
        applied.append(name)
    return data, applied


def load_seeds(rng: random.Random, per_site: int) -> list[bytes]:
    paths = sorted((TESTS / "sites").rglob("*.md*"))
    paths += sorted((TESTS / "fixtures").rglob("*.md"))
    paths += sorted((TESTS / "fuzz" / "corpus").glob("*.md"))
    paths += sorted((TESTS / "oracle_sites").rglob("*.md*"))
    if CORPUS.is_dir():
        for site in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
            pages = sorted(
                p
                for p in site.rglob("*")
                if p.suffix in (".md", ".mdx", ".markdown")
                and p.is_file()
                and p.stat().st_size < 30_000
            )
            paths += rng.sample(pages, min(per_site, len(pages)))
    seeds = []
    for path in paths:
        try:
            seeds.append(path.read_bytes())
        except OSError:
            continue
    return seeds


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout


def run_cli(args: list[str], timeout: int) -> tuple[int, str, str, BaseException | None]:
    signal.alarm(timeout)
    try:
        result = CliRunner().invoke(cli_main, args, catch_exceptions=True)
    finally:
        signal.alarm(0)
    exc = result.exception
    if isinstance(exc, SystemExit):
        exc = None
    if isinstance(exc, Timeout):
        raise exc
    return result.exit_code, result.stdout, result.stderr, exc


def file_lines(data: bytes) -> list[str]:
    return split_lines(decode(data).text)


def check_positions(found: list[dict[str, object]], lines: list[str], name: str) -> list[str]:
    problems = []
    for d in found:
        if d["path"] != name:
            continue
        line, column = int(d["line"]), int(d["column"])  # type: ignore[call-overload]
        end_line, end_column = int(d["end_line"]), int(d["end_column"])  # type: ignore[call-overload]
        where = f"{d['code']} {line}:{column}-{end_line}:{end_column}"
        if not 1 <= line <= max(len(lines), 1):
            problems.append(f"line out of the file ({len(lines)} lines): {where}")
            continue
        if not 1 <= column <= len(lines[line - 1]) + 1:
            problems.append(f"column beyond its line ({len(lines[line - 1])}): {where}")
        if not (line <= end_line <= max(len(lines), 1)):
            problems.append(f"end line out of range: {where}")
        elif not 1 <= end_column <= len(lines[end_line - 1]) + 1:
            problems.append(f"end column beyond its line: {where}")
        elif (end_line, end_column) < (line, column):
            problems.append(f"end before start: {where}")
    return problems


def check_format(fmt: str, out: str) -> str | None:
    try:
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(out)
        elif fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
        elif fmt == "github":
            for line in out.splitlines():
                if line.startswith("::") and "\r" in line:
                    return "a raw CR inside an annotation"
    except Exception as exc:
        return f"{fmt} output does not parse: {exc!r}"
    if "Traceback" in out:
        return f"{fmt}: a traceback in the output"
    return None


_SPLIT = re.compile(rb"(.*?)(\r\n|\r|\n|$)", re.S)


def byte_lines(data: bytes) -> list[tuple[bytes, bytes]]:
    parts, pos = [], 0
    while pos <= len(data):
        m = _SPLIT.match(data, pos)
        assert m is not None
        parts.append((m.group(1), m.group(2)))
        if not m.group(2):
            break
        pos = m.end()
    return parts


def check_fix(
    before: bytes,
    after: bytes,
    found: list[dict[str, object]],
    name: str,
    unsafe: bool,
) -> list[str]:
    problems: list[str] = []
    if before == after:
        return problems
    try:
        before.decode("utf-8")
    except UnicodeDecodeError:
        return ["a file that is not UTF-8 was rewritten"]
    if before.startswith(codecs.BOM_UTF8) != after.startswith(codecs.BOM_UTF8):
        problems.append("the byte order mark changed")
    old, new = byte_lines(before), byte_lines(after)
    if len(old) != len(new):
        return [*problems, f"line count changed {len(old)} -> {len(new)}"]
    edit_lines: set[int] = set()
    for d in found:
        fix = d.get("fix")
        if d["path"] != name or not fix:
            continue
        if not unsafe and fix["applicability"] != "safe":  # type: ignore[index]
            continue
        for e in fix["edits"]:  # type: ignore[index]
            edit_lines.update(range(e["line"], e["end_line"] + 1))
    for number, ((a, ea), (b, eb)) in enumerate(zip(old, new, strict=True), start=1):
        if ea != eb:
            problems.append(f"line {number}: its ending changed {ea!r} -> {eb!r}")
        if a != b and number not in edit_lines:
            problems.append(f"line {number} changed without a fix on it: {a[:80]!r} -> {b[:80]!r}")
    return problems


def probe_one(
    data: bytes, site: Path, page: Path, name: str, all_formats: bool, timeout: int
) -> list[str]:
    problems: list[str] = []
    page.write_bytes(data)
    base = ["check", name, "--no-cache", "-j", "1"]
    code, out, err, exc = run_cli([*base, "--format", "json"], timeout)
    if exc is not None:
        return ["check raised: " + "".join(traceback.format_exception(exc))[-1500:]]
    if code not in (0, 1) or "Traceback" in err:
        problems.append(f"check exit {code}: {err[-500:]}")
    try:
        found = json.loads(out)["diagnostics"]
    except Exception as err_:
        return [*problems, f"json does not parse: {err_!r}"]
    problems += [f"internal error: {d['message']}" for d in found if d["code"] == "YEP000"]
    problems += check_positions(found, file_lines(data), name)
    if all_formats:
        for fmt in FORMATS:
            if fmt == "json":
                continue
            code, out, err, exc = run_cli([*base, "--format", fmt], timeout)
            if exc is not None:
                problems.append(f"--format {fmt} raised: {exc!r}")
                continue
            bad = check_format(fmt, out)
            if bad:
                problems.append(bad)
    parsed_before = {d["code"] for d in found if d["code"] in PARSE_CODES}
    if not any(d.get("fix") for d in found):
        return problems
    for unsafe in (False, True):
        page.write_bytes(data)
        flags = ["--fix", "--unsafe-fixes"] if unsafe else ["--fix"]
        label = " ".join(flags)
        code, out, err, exc = run_cli([*base, *flags, "--format", "json"], timeout)
        if exc is not None:
            problems.append(f"{label} raised: " + "".join(traceback.format_exception(exc))[-1500:])
            continue
        after = page.read_bytes()
        problems += [f"{label}: {p}" for p in check_fix(data, after, found, name, unsafe)]
        try:
            left = json.loads(out)["diagnostics"]
        except Exception as err_:
            problems.append(f"{label}: json does not parse: {err_!r}")
            continue
        for d in left:
            if d["code"] == "YEP016":
                problems.append(f"{label}: refused: {d['message']}")
            if d["code"] == "YEP000":
                problems.append(f"{label}: internal error: {d['message']}")
        parsed_after = {d["code"] for d in left if d["code"] in PARSE_CODES}
        if parsed_after - parsed_before and "YEP001" not in parsed_before:  # a stopped parse
            problems.append(f"{label}: new parse problems {sorted(parsed_after - parsed_before)}")
        problems += [f"{label}: {p}" for p in check_positions(left, file_lines(after), name)]
        code, out, err, exc = run_cli([*base, *flags, "--format", "json"], timeout)
        if exc is not None:
            problems.append(f"{label} (second) raised: {exc!r}")
        elif page.read_bytes() != after:
            problems.append(f"{label}: a second run changed the file again")
    return problems


def site_pages(work: Path) -> list[tuple[Path, Path, str]]:
    """(site root, probe page, its name relative to the site) per site and extension."""
    out = []
    for name in SITES:
        source = TESTS / "sites" / name
        if not source.is_dir():
            continue
        copy = work / name
        shutil.copytree(source, copy, symlinks=True)
        pages = sorted(p for p in copy.rglob("*.md") if "node_modules" not in p.parts)
        folder = pages[-1].parent if pages else copy
        for ext in [".md", ".mdx"] if name in MDX_SITES else [".md"]:
            page = folder / f"probe{ext}"
            out.append((copy, page, page.relative_to(copy).as_posix()))
    return out


def replay(failures: list[Path], layouts: list[tuple[Path, Path, str]], timeout: int) -> None:
    """Run saved failures again (``fail-*.md``, with the site named in the ``.txt`` beside)."""
    start = Path.cwd()
    for failure in [f.resolve() for f in failures]:
        first = failure.with_suffix(".txt").read_text().split("\n")[0]
        site_name, name = first.split()[1], first.split()[3]
        site, page, name = next(x for x in layouts if x[0].name == site_name and x[2] == name)
        os.chdir(site)
        try:
            problems = probe_one(failure.read_bytes(), site, page, name, True, timeout)
        except Timeout:
            problems = [f"no answer within {timeout} s"]
        finally:
            os.chdir(start)
            page.unlink(missing_ok=True)
        print(failure.name, problems or "fine", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=0, help="stop after this many inputs")
    parser.add_argument("--formats-every", type=int, default=5)
    parser.add_argument("--timeout", type=int, default=30)
    parser.add_argument("--per-site", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path("probe-failures"))
    parser.add_argument("--memory-mb", type=int, default=1500)
    parser.add_argument("--replay", type=Path, nargs="*", help="saved failures to run again")
    args = parser.parse_args()
    cap = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(args.seed)
    seeds = load_seeds(rng, args.per_site)
    args.out.mkdir(exist_ok=True)
    tried = failed = 0
    kinds: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    start = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        layouts = site_pages(Path(tmp))
        if args.replay:
            replay(args.replay, layouts, args.timeout)
            return
        deadline = time.monotonic() + args.seconds
        while time.monotonic() < deadline and (not args.count or tried < args.count):
            data, applied = make_input(rng, seeds)
            site, page, name = rng.choice(layouts)
            shapes.update(applied or ["seed"])
            tried += 1
            os.chdir(site)
            try:
                problems = probe_one(
                    data, site, page, name, tried % args.formats_every == 0, args.timeout
                )
            except Timeout:
                problems = [f"no answer within {args.timeout} s"]
            except MemoryError:
                problems = [f"memory over {args.memory_mb} MB"]
            finally:
                os.chdir(start)
                page.unlink(missing_ok=True)
            if problems:
                failed += 1
                for problem in problems:
                    kinds[problem.split(":")[0][:60]] += 1
                stem = args.out / f"fail-{args.seed}-{tried}"
                stem.with_suffix(page.suffix).write_bytes(data)
                stem.with_suffix(".txt").write_text(
                    f"site: {site.name} page: {name} shapes: {applied}\n" + "\n".join(problems)
                )
                print(f"#{tried} {site.name}/{name} {applied}: {problems[0][:200]}", flush=True)
    print(f"{tried:,} inputs probed (seed {args.seed}), {failed} failed", flush=True)
    for kind, n in kinds.most_common():
        print(f"  {n:5} {kind}")
    print("shapes:", dict(shapes.most_common()), file=sys.stderr)


if __name__ == "__main__":
    main()
