"""yeplint's conclusions against a build's output, page by page.

Each source page is paired with the output page built from it: the page at the URL yeplint
gives it when that page shows the same headings, else the output page that shows the most of
its headings (a page whose URL yeplint gets wrong is still compared, and the URL is a
disagreement). Then, per page:

- references: every YEP3xx/YEP4xx finding must be a reference of the page's content that the
  output does not serve (or whose anchor the target lacks), and every such reference a
  finding; they are paired by the target's last path segment (extension and ``index`` left
  out, as generators rewrite ``x.md`` to ``x/`` or ``x.html``) and anchor;
- headings: the source headings against the rendered ones (level and text, in order), the
  anchors yeplint believes the page has against the ids of its rendered headings, and the
  heading rules that a rendering shows (YEP201 a ``#x`` line that stays text, YEP205 a level
  jump, YEP206 an empty heading, YEP207 a repeated heading, YEP208 a second H1);
- the page's URL.

Findings on a page's front matter (an image a layout shows) and the style-only heading rules
(YEP202-204, YEP209: the rendering is the same either way) are counted, not compared.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from oracle.output import Broken, Output, Page, broken, fold, key
from oracle.yeplint_side import Finding, SourcePage

REFERENCE_RULES = ("YEP3", "YEP4")
RENDERED_HEADING_RULES = ("YEP201", "YEP205", "YEP206", "YEP207", "YEP208")
STYLE_RULES = ("YEP202", "YEP203", "YEP204", "YEP209")
REFERENCE_CODES_NOT_BROKEN = frozenset({"YEP302", "YEP306", "YEP307", "YEP308", "YEP402", "YEP405"})
"""Reference rules about something else than a missing target (alt text, format, width, a
link that should be an image, a link written in full): a build shows none of them."""
PAGE_SUFFIXES = (".md", ".mdx", ".markdown", ".html", ".htm")
INDEX_NAMES = ("index", "_index", "readme")


@dataclass(frozen=True, slots=True)
class Disagreement:
    kind: str
    """``unconfirmed`` (a finding the build does not show), ``missed`` (a broken reference with
    no finding), ``url``, ``heading``, ``anchors``, ``rule`` (a heading rule against the
    rendering), ``unbuilt`` (a page with no output page)."""
    page: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.page}: {self.detail}"


@dataclass
class Agreement:
    site: str
    findings: int = 0
    """YEP3xx/YEP4xx findings about a missing target or anchor on built pages."""
    confirmed: int = 0
    missed: int = 0
    heading_findings: int = 0
    heading_confirmed: int = 0
    pages: int = 0
    urls_right: int = 0
    urls_known: int = 0
    not_compared: Counter[str] = field(default_factory=Counter)
    disagreements: list[Disagreement] = field(default_factory=list)

    def seen(self) -> set[str]:
        return {str(d) for d in self.disagreements}


def ref_key(target: str) -> tuple[str, str]:
    """(last path segment without extension, anchor): what a source target and the output's
    rewritten one still share (``../b.md#x`` and ``../b/#x`` are both ``("b", "x")``)."""
    target = unquote(html.unescape(target.strip().strip("<>")))  # `%20` is the space written
    path, _, fragment = target.partition("#")
    path = path.split("?", 1)[0]
    segments = [s for s in path.split("/") if s not in ("", ".", "..")]
    while segments:
        last = segments[-1].lower()
        for suffix in PAGE_SUFFIXES:
            if last.endswith(suffix):
                last = last[: -len(suffix)]
                break
        if last in INDEX_NAMES or re.fullmatch(r"index\.[a-z-]+", last):
            segments.pop()
            continue
        return last, fragment
    return "", fragment


_MD_TARGET = re.compile(r"\]\(\s*(?:<([^<>\n]*)>|((?:\{\{.*?\}\}|\{%.*?%\}|[^)\s>])*))")
"""An inline link's destination: ``<…>`` (which may hold spaces) or a run without them."""
_HTML_TARGET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']*)""")
_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_BACKTICKED = re.compile(r"`([^`]+)`")


def finding_target(finding: Finding, lines: list[str]) -> str:
    """The target a reference finding is about, read from the source at its span (the
    message's first backticked value when the span shows none)."""
    line = lines[finding.line - 1] if finding.line <= len(lines) else ""
    start = max(finding.column - 1, 0)
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    span = line[start:end]
    for pattern in (_MD_TARGET, _HTML_TARGET, _DEFINITION):
        found = pattern.search(span) or pattern.search(line)
        if found:
            return str(next(g for g in found.groups() if g is not None))
    quoted: list[str] = _BACKTICKED.findall(finding.message)
    anchors = [q for q in quoted if q.startswith("#")]
    first = quoted[0] if quoted else ""
    if anchors and not first.startswith("#"):
        return first + anchors[0]
    return first


def plain(markdown: str) -> str:
    """A heading's inline Markdown as the reader sees it (close enough to compare): a code
    span keeps its ``<tag>`` text, a link (inline or by reference) its text, an image nothing
    (its alt text is no text of the rendered heading)."""
    spans: list[str] = []

    def keep(found: re.Match[str]) -> str:
        spans.append(found.group(2))
        return f"\x00{len(spans) - 1}\x00"

    text = re.sub(r"(`+)(.+?)\1", keep, markdown)
    text = re.sub(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])", "", text)  # an image shows no text
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", text)
    text = re.sub(r"(?<!\\)</?[A-Za-z][^>]*>", "", text)  # `\<script setup>`, `a < b` are text
    text = re.sub(r"(?<![\w\\])([*_]{1,3})(\S.*?\S|\S)\1(?!\w)", r"\2", text)
    text = text.replace("`", "").replace("\\", "")
    text = re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))].strip(), text)
    return fold(" ".join(html.unescape(text).split()))


def _shows(source: SourcePage, page: Page) -> bool:
    """Whether ``page`` shows one of the source's headings (or the source has none)."""
    texts = {plain(h.text) for h in source.headings}
    return not texts or bool(texts & {h.text for h in page.headings})


def pair(source: SourcePage, output: Output, taken: set[str]) -> Page | None:
    """The output page built from ``source``."""
    texts = {plain(h.text) for h in source.headings}
    if source.url is not None:
        at = output.page(source.url)
        if at is not None and key(at.url) not in taken and _shows(source, at):
            return at
    best: tuple[int, str] | None = None
    for name, page in output.pages.items():
        if name in taken:
            continue
        shared = len(texts & {h.text for h in page.headings})
        if shared and (best is None or shared > best[0]):
            best = (shared, name)
    if best is not None:
        return output.pages[best[1]]
    if source.title:  # no heading to go by: the page whose <title> (or layout heading) it is
        title = fold(" ".join(source.title.split()))
        titled = [
            n
            for n, p in output.pages.items()
            if n not in taken
            and (p.title == source.title or any(h.text == title for h in p.headings[:2]))
        ]
        if len(titled) == 1:
            return output.pages[titled[0]]
    return _by_path(source.path, output, taken)


def _by_path(path: str, output: Output, taken: set[str]) -> Page | None:
    """The output page at the source's path less its folders from the left (``docs/about/x.md``
    at ``/docs/about/x/``, ``/about/x/`` or ``/x/``): a page with no heading and no title
    (all of it included from elsewhere)."""
    segments = [s for s in path.split("/") if s]
    last = segments[-1].rsplit(".", 1)[0] if segments else ""
    segments = [*segments[:-1], last] if last.lower() not in INDEX_NAMES else segments[:-1]
    for start in range(len(segments)):
        name = key("/" + "/".join(segments[start:]) + "/")
        if name not in taken and name in output.pages:
            return output.pages[name]
    return None


def compare(
    site: str,
    sources: dict[str, SourcePage],
    findings: list[Finding],
    output: Output,
    root: Path,
    *,
    base: str = "/",
    hosts: tuple[str, ...] = (),
) -> Agreement:
    """The agreement of ``findings`` (yeplint on the site at ``root``) with ``output``."""
    result = Agreement(site)
    by_page: dict[str, list[Finding]] = {}
    for finding in findings:
        by_page.setdefault(finding.path, []).append(finding)
    taken: set[str] = set()
    built: dict[str, Page] = {}
    # first the pages found where yeplint puts them: a page another one's content is included
    # into (Hugo's headless `_common/` snippets) is that page's, never the snippet's
    for path, source in sorted(sources.items()):
        at = output.page(source.url) if source.url is not None else None
        if at is not None and _shows(source, at):
            taken.add(key(at.url))
            built[path] = at
    for path, source in sorted(sources.items()):
        page = None if path in built else pair(source, output, taken)
        if page is not None:
            taken.add(key(page.url))
            built[path] = page
    # the pages whose anchors yeplint does not claim to know, by where they were built (a page
    # yeplint gives no URL, as on MkDocs, where links go from file to file, is still one)
    unjudged = {key(built[p].url) for p, s in sources.items() if s.anchors is None and p in built}
    unjudged |= {key(s.url) for s in sources.values() if s.url is not None and s.anchors is None}
    for path, source in sorted(sources.items()):
        page = built.get(path)
        own = by_page.get(path, [])
        if page is None:
            if any(f.code.startswith(REFERENCE_RULES) for f in own) or source.url:
                result.disagreements.append(
                    Disagreement("unbuilt", path, f"no output page (yeplint: {source.url})")
                )
            continue
        result.pages += 1
        _compare_url(result, source, page)
        lines = (root / path).read_text(encoding="utf-8").splitlines()
        _compare_references(result, path, source, own, lines, output, page, (base, hosts), unjudged)
        _compare_headings(result, path, source, own, page, lines)
    return result


def _compare_url(result: Agreement, source: SourcePage, page: Page) -> None:
    if source.url is None:
        return
    result.urls_known += 1
    if key(source.url) == key(page.url):
        result.urls_right += 1
    else:
        result.disagreements.append(
            Disagreement("url", source.path, f"yeplint `{source.url}`, built at `{page.url}`")
        )


def _compare_references(
    result: Agreement,
    path: str,
    source: SourcePage,
    own: list[Finding],
    lines: list[str],
    output: Output,
    page: Page,
    site: tuple[str, tuple[str, ...]],
    unjudged: set[str],
) -> None:
    """The page's reference findings against the references its output shows broken. A
    missing anchor of a page whose anchors yeplint says it does not know (``unjudged``, by
    their URLs: an include may bring headings, the site's ids are not known) is not judged:
    counted, not a disagreement."""
    base, hosts = site
    wanted: list[tuple[tuple[str, str], Finding, str]] = []
    for finding in own:
        if not finding.code.startswith(REFERENCE_RULES):
            continue
        if finding.code in REFERENCE_CODES_NOT_BROKEN:
            result.not_compared[finding.code] += 1
            continue
        if finding.line < source.body_start_line:
            result.not_compared["front matter"] += 1
            continue
        target = finding_target(finding, lines)
        wanted.append((ref_key(target), finding, target))
    result.findings += len(wanted)
    shown: list[tuple[tuple[str, str], Broken]] = [
        (ref_key(b.reference.target), b) for b in broken(output, page, base, hosts)
    ]
    for ref, finding, target in wanted:
        match = next((i for i, (k, _) in enumerate(shown) if k == ref), None)
        if match is None and ref[1]:  # a page named by its slug: the same anchor will do
            match = next((i for i, (k, b) in enumerate(shown) if b.anchor and k[1] == ref[1]), None)
        if match is None:
            result.disagreements.append(
                Disagreement(
                    "unconfirmed",
                    path,
                    f"{finding.code} line {finding.line} `{target}`: the build serves it",
                )
            )
            continue
        shown.pop(match)
        result.confirmed += 1
    for _, missing in shown:
        if missing.anchor and key(missing.resolved) in unjudged:
            result.not_compared["anchor not judged"] += 1
            continue
        what = "anchor missing" if missing.anchor else "nothing there"
        result.missed += 1
        result.disagreements.append(
            Disagreement(
                "missed",
                path,
                f"{missing.reference.kind} `{missing.reference.target}` -> `{missing.resolved}`"
                f" ({what}): no finding",
            )
        )


def _compare_headings(
    result: Agreement,
    path: str,
    source: SourcePage,
    own: list[Finding],
    page: Page,
    lines: list[str],
) -> None:
    rendered = page.headings
    body = [(h.level, plain(h.text)) for h in source.headings]
    shown = [(h.level, h.text) for h in rendered]
    written = _html_headings(body, shown, lines)
    extra = _layout_headings(body, shown, source.title) | written
    kept = [s for i, s in enumerate(shown) if i not in extra]
    if kept != body and source.anchors is None:
        # yeplint says it does not know this page's headings (an include, a plugin's block:
        # mkdocstrings' `::: module.name`): the rendering may hold more, not judged
        result.not_compared["headings not judged"] += 1
    elif kept != body:
        result.disagreements.append(Disagreement("heading", path, _first_difference(body, kept)))
    # a heading the page writes as HTML keeps the id it is given: no anchor of a Markdown heading
    ids = {h.id for i, h in enumerate(rendered) if h.id and i not in written}
    if source.anchors is not None:
        wrong = sorted(source.anchors - page.ids)
        unknown = sorted(ids - source.anchors)
        if wrong or unknown:
            result.disagreements.append(
                Disagreement("anchors", path, f"yeplint only: {wrong}; rendered only: {unknown}")
            )
    claimed: dict[str, set[int]] = {}
    for finding in own:
        if finding.code in STYLE_RULES:
            result.not_compared[finding.code] += 1
        elif finding.code in RENDERED_HEADING_RULES:
            claimed.setdefault(finding.code, set()).add(finding.line)
    shows = _rendered_problems(source, page, lines)
    for code in RENDERED_HEADING_RULES:
        said, seen = claimed.get(code, set()), shows.get(code, set())
        result.heading_findings += len(said)
        result.heading_confirmed += len(said & seen)
        for line in sorted(said - seen):
            result.disagreements.append(
                Disagreement("rule", path, f"{code} line {line}: the rendering does not show it")
            )
        for line in sorted(seen - said):
            result.disagreements.append(
                Disagreement("rule", path, f"{code} line {line}: rendered so, no finding")
            )


def _first_difference(body: list[tuple[int, str]], shown: list[tuple[int, str]]) -> str:
    """Where the source's headings and the rendered ones part (the whole lists can be
    hundreds of headings long)."""
    at = next((i for i, (a, b) in enumerate(zip(body, shown, strict=False)) if a != b), None)
    if at is None:
        at = min(len(body), len(shown))
    mine = body[at] if at < len(body) else "nothing"
    theirs = shown[at] if at < len(shown) else "nothing"
    return (
        f"yeplint {len(body)} headings, rendered {len(shown)}; heading {at + 1}:"
        f" yeplint {mine}, rendered {theirs}"
    )


_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


def _html_headings(
    body: list[tuple[int, str]], shown: list[tuple[int, str]], lines: list[str]
) -> set[int]:
    """Indexes of the rendered headings the page writes as HTML (``<h2>Features</h2>`` in an
    HTML block): no Markdown heading, so no heading rule's and never in yeplint's list."""
    written = {
        (int(m.group(1)), plain(m.group(2))) for m in _HTML_HEADING.finditer("\n".join(lines))
    }
    return {i for i, heading in enumerate(shown) if heading in written and heading not in body}


def _layout_headings(
    body: list[tuple[int, str]], shown: list[tuple[int, str]], title: str = ""
) -> set[int]:
    """Indexes of the rendered headings before the body's first heading that are not the
    body's: the title a layout puts above the content (an H1, or a heading of any level that is
    the page's title, numbered or not: Jekyll's ``<h2>{{ page.position }}. {{ page.title }}``)."""
    extra: set[int] = set()
    title = fold(" ".join(title.split()))
    for index, heading in enumerate(shown):
        if body and heading == body[0]:
            break
        if heading[0] != 1 and not (
            title and re.fullmatch(rf"(\d+\. )?{re.escape(title)}", heading[1])
        ):
            break
        extra.add(index)
    return extra


def _rendered_problems(source: SourcePage, page: Page, lines: list[str]) -> dict[str, set[int]]:
    """Per heading rule, the source lines whose rendering shows the problem."""
    found: dict[str, set[int]] = {}
    rendered = [(h.level, h.text) for h in page.headings]
    body = [(h, plain(h.text)) for h in source.headings]
    # the rendered heading of each source heading, in order
    matched: list[tuple[int, int]] = []  # (source line, rendered index)
    at = 0
    for heading, text in body:
        while at < len(rendered) and rendered[at] != (heading.level, text):
            at += 1
        if at < len(rendered):
            matched.append((heading.line, at))
            at += 1
    line_of = {index: line for line, index in matched}
    # the page's outline: its own headings and the title its layout puts above them (an
    # include's or a theme's headings in between, like a note box's <h5>, are not the page's)
    layout = _layout_headings([(h.level, t) for h, t in body], rendered, source.title)
    outline = sorted(set(line_of) | layout)
    seen: set[tuple[tuple[str, ...], int, str]] = set()
    parents: list[tuple[int, str]] = []  # the open headings above, outermost first
    h1 = [i for i in outline if rendered[i][0] == 1]
    previous: int | None = None
    for index in outline:
        level, text = rendered[index]
        while parents and parents[-1][0] >= level:
            parents.pop()
        sibling = (tuple(t for _, t in parents), level, text)  # YEP207: siblings only
        parents.append((level, text))
        line = line_of.get(index)
        before, previous = previous, level
        if line is None:
            seen.add(sibling)
            continue
        if before is not None and level > before + 1:
            found.setdefault("YEP205", set()).add(line)
        if not text:
            found.setdefault("YEP206", set()).add(line)
        if text and sibling in seen:
            found.setdefault("YEP207", set()).add(line)
        seen.add(sibling)
        if level == 1 and len(h1) > 1 and index != h1[0]:
            found.setdefault("YEP208", set()).add(line)
    fence: str | None = None
    for number, line_text in enumerate(lines, start=1):
        opening = re.match(r"^ {0,3}(`{3,}|~{3,})", line_text)
        if opening and (fence is None or opening.group(1).startswith(fence)):
            fence = None if fence else opening.group(1)
            continue
        if number < source.body_start_line or fence:
            continue
        hashes = re.match(r"^ {0,3}(#{1,6})([^#\s].*)$", line_text)
        if (
            hashes
            and f"{hashes.group(1)}{hashes.group(2).strip()}" in page.text
            and not any(t == plain(hashes.group(2)) for _, t in rendered)
        ):
            found.setdefault("YEP201", set()).add(number)
    return found
