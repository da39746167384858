"""The Yep site's own history of broken pages, as a proxy: every real page of a copy of the site
gets one mistake its writers make, and `yeplint check content/` with no configuration must report
it with the right code at the right line and column, and nothing else new (skips without
../shared).

Each case edits every page it applies to (one mistake per page) in one fresh copy and checks
once; cases whose mistake only exists relative to the rest of the site (a category no other page
uses, an English page without its Dutch one) edit one page. The unmutated copy is the baseline:
a finding is new when its (file, code, message) is not in it. The same run from outside the site
(`yeplint check /abs/content`) must give the same findings.

Drafts (`Niet gepubliceerd/`) are not built: their YAML and Markdown are checked, since a draft
moves into its collection as it is, but no collection's schema applies, and a published page's
link to a draft is broken. bench/yep_history.py prints this as a table, with a message each.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED_SITE
from yeplint.cli import main

COLLECTIONS = ("blog", "trainingen", "coaching", "team")
WITH_URL = ("blog", "trainingen", "coaching")
"""The collections whose pages have an address of their own (team members are shown on /team)."""


@dataclass(frozen=True)
class Want:
    """A finding the mistake must produce: file (relative to the site), line, column, code."""

    path: str
    line: int
    column: int
    code: str


Finding = tuple[str, str]
"""(file, code): how findings are counted against the baseline (a message may name the edited
value, a line may move)."""


@dataclass(frozen=True)
class Case:
    """One kind of writer mistake.

    ``edit`` gets the content folder of a fresh copy, makes the mistake on every page it applies
    to and yields what must be reported; ``also`` are codes the mistake may add besides (the
    same mistake seen by another rule, such as the orphaned image of a renamed reference).
    """

    edit: Callable[[Path], Iterator[Want]]
    also: frozenset[str] = field(default_factory=frozenset)


def run(args: list[str], cwd: Path) -> list[dict[str, object]]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args])
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.stdout)["diagnostics"])


def fresh(tmp_path: Path) -> Path:
    if not (SHARED_SITE / "content").is_dir():
        pytest.skip("../shared/corpus/yep-site is not present")
    site = tmp_path / "yep-site"
    shutil.copytree(SHARED_SITE, site)
    for path in site.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return site


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Counter[Finding]:
    site = fresh(tmp_path_factory.mktemp("base"))
    return Counter((str(d["path"]), str(d["code"])) for d in lint(site))


def lint(site: Path) -> list[dict[str, object]]:
    """The findings of ``check content/`` run in the site; the same run from elsewhere agrees."""
    inside = run(["content/"], site)
    outside = run([str(site / "content")], site.parent)
    prefix = site.name + os.sep
    for d in outside:
        d["path"] = str(d["path"]).removeprefix(prefix)
    assert sorted(map(str, inside)) == sorted(map(str, outside))
    return inside


# ---- reading and editing pages ------------------------------------------------------------


def published(content: Path, *collections: str) -> list[Path]:
    """The site's built pages (not the fallback pages, not the drafts), in a stable order."""
    return sorted(
        p
        for c in collections or COLLECTIONS
        for p in (content / c).glob("*.md")
        if not p.name.startswith("_.")
    )


def rel(path: Path) -> str:
    return str(path.relative_to(path.parents[2]))


def fence(lines: list[str]) -> int:
    """The 0-based index of the closing `---` of the front matter."""
    assert lines[0] == "---"
    return lines.index("---", 1)


def key_index(lines: list[str], key: str) -> int | None:
    for i, line in enumerate(lines[1 : fence(lines)], 1):
        if line.startswith(key + ":"):
            return i
    return None


def value_of(line: str) -> str:
    return line.split(":", 1)[1].strip()


def write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def edit_key(
    content: Path,
    key: str,
    change: Callable[[str], str | None],
    code: str,
    *collections: str,
    at_value: bool = True,
) -> Iterator[Want]:
    """Replace the line ``key: …`` of each page by ``change(line)`` (None: leave the page)."""
    for page in published(content, *collections):
        lines = read(page)
        i = key_index(lines, key)
        if i is None:
            continue
        new = change(lines[i])
        if new is None:
            continue
        lines[i] = new
        write(page, lines)
        key_end = len(new.split(":", 1)[0]) + 2
        column = (key_end + (1 if value_of(new) else 0)) if at_value else 1
        yield Want(rel(page), i + 1, column, code)


def append(
    content: Path, text: Callable[[Path, list[str]], str | None], code: str, *collections: str
) -> Iterator[Want]:
    """Append a line ``text(page, lines)`` after a blank line at the end of each page."""
    for page in published(content, *collections):
        lines = read(page)
        line = text(page, lines)
        if line is None:
            continue
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ["", line]
        write(page, lines)
        yield Want(rel(page), len(lines), 1, code)


def insert_key(content: Path, line: str, code: str, *collections: str) -> Iterator[Want]:
    """Add ``line`` as the last key of each page's front matter."""
    for page in published(content, *collections):
        lines = read(page)
        end = fence(lines)
        lines.insert(end, line)
        write(page, lines)
        yield Want(rel(page), end + 1, 1, code)


def body_images(lines: list[str]) -> Iterator[tuple[int, int, str, str]]:
    """(line index, column of `![`, alt, target) of each Markdown image in the body."""
    for i, line in enumerate(lines[fence(lines) + 1 :], fence(lines) + 1):
        for m in re.finditer(r"!\[([^\]]*)\]\(([^)\s]+)\)", line):
            yield i, m.start() + 1, m.group(1), m.group(2)


def headings(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    """(line index, level, text) of each ATX heading in the body, outside code fences."""
    code = False
    for i, line in enumerate(lines[fence(lines) + 1 :], fence(lines) + 1):
        if line.startswith("```"):
            code = not code
        m = re.match(r"(#{1,6}) +(\S.*)$", line)
        if m and not code:
            yield i, len(m.group(1)), m.group(2)


# ---- the cases -----------------------------------------------------------------------------


def plain(value: str) -> bool:
    return bool(value) and value[0] not in "'\"[{|>&*!%@`" and ": " not in value


def colon_in_value(content: Path) -> Iterator[Want]:
    def change(line: str) -> str | None:
        return line + ": een vervolg" if plain(value_of(line)) else None

    for want in edit_key(content, "title", change, "YEP001"):
        lines = read(content.parent / want.path)
        yield Want(
            want.path, want.line, len(lines[want.line - 1]) - len(": een vervolg") + 1, want.code
        )


def tab_indent(content: Path) -> Iterator[Want]:
    for page in published(content):
        lines = read(page)
        items = [i for i in range(1, fence(lines)) if lines[i].startswith("  - ")]
        if not items:
            continue
        lines[items[0]] = "\t" + lines[items[0]][2:]
        write(page, lines)
        yield Want(rel(page), items[0] + 1, 1, "YEP001")


def duplicate_key(content: Path) -> Iterator[Want]:
    for page in published(content):
        lines = read(page)
        end = fence(lines)
        lines.insert(end, lines[1])
        write(page, lines)
        yield Want(rel(page), end + 1, 1, "YEP008")


def unterminated(content: Path) -> Iterator[Want]:
    for page in published(content):
        lines = read(page)
        end = fence(lines)
        del lines[end]
        write(page, lines)
        if "---" not in lines[end:]:
            yield Want(rel(page), 1, 1, "YEP004")
        else:  # a thematic break closes it: reported where the fence is missing
            text = next(i for i in range(end, len(lines)) if lines[i].strip())
            yield Want(rel(page), text + 1, 1, "YEP004")


def rename_key(old: str, new: str, *collections: str) -> Callable[[Path], Iterator[Want]]:
    def edit(content: Path) -> Iterator[Want]:
        yield from edit_key(
            content,
            old,
            lambda line: new + line[len(old) :],
            "YEP103",
            *collections,
            at_value=False,
        )

    return edit


def set_value(
    key: str, value: str, code: str, *collections: str
) -> Callable[[Path], Iterator[Want]]:
    def edit(content: Path) -> Iterator[Want]:
        yield from edit_key(content, key, lambda line: f"{key}: {value}", code, *collections)

    return edit


def missing_volgnummer(content: Path) -> Iterator[Want]:
    for page in published(content, "trainingen", "coaching", "team"):
        lines = read(page)
        i = key_index(lines, "volgnummer")
        assert i is not None
        del lines[i]
        write(page, lines)
        yield Want(rel(page), fence(lines) + 1, 1, "YEP102")


def date_as(form: Callable[[str, str, str], str]) -> Callable[[Path], Iterator[Want]]:
    def change(line: str) -> str | None:
        y, m, d = value_of(line).strip("'\"").split("-")
        new = f"date: {form(y, m, d)}"
        return None if new == line else new

    def edit(content: Path) -> Iterator[Want]:
        yield from edit_key(content, "date", change, "YEP105", "blog")

    return edit


def tags_as_text(content: Path) -> Iterator[Want]:
    for page in published(content, "blog"):
        lines = read(page)
        i = key_index(lines, "tags")
        if i is None or value_of(lines[i]):
            continue
        items = []
        while lines[i + 1].startswith("  - "):
            items.append(lines.pop(i + 1)[4:])
        if not items:
            continue
        lines[i] = "tags: " + ", ".join(items)
        write(page, lines)
        yield Want(rel(page), i + 1, 7, "YEP101")


def empty_categories(content: Path) -> Iterator[Want]:
    for page in published(content, "blog"):
        lines = read(page)
        i = key_index(lines, "categories")
        if i is None:
            continue
        while lines[i + 1].startswith("  -"):
            del lines[i + 1]
        lines[i] = "categories:"
        write(page, lines)
        yield Want(rel(page), i + 1, len(lines[i]) + 1, "YEP106")


def category_typo(content: Path) -> Iterator[Want]:
    for page in published(content, "blog"):
        lines = read(page)
        if "  - Effectiviteit" not in lines[: fence(lines)]:
            continue
        i = lines.index("  - Effectiviteit")
        lines[i] = "  - Effectivitiet"
        write(page, lines)
        yield Want(rel(page), i + 1, 5, "YEP104")
        return


def references(content: Path, folder: str, name: str) -> Iterator[Want]:
    """Every reference to the image ``folder/name`` in the published pages."""
    for page in published(content, folder):
        lines = read(page)
        i = key_index(lines, "img")
        if i is not None and value_of(lines[i]) == name:
            yield Want(rel(page), i + 1, 6, "")
        for j, column, _alt, target in body_images(lines):
            if target.removeprefix("./") == name:
                yield Want(rel(page), j + 1, column, "")


def image_of_each_folder(content: Path, body: bool) -> Iterator[tuple[str, str]]:
    """One image referenced by the pages of each collection, in the front matter or body."""
    for folder in ("blog", "trainingen", "coaching"):
        for page in published(content, folder):
            lines = read(page)
            if body:
                names = [t.removeprefix("./") for _, _, _, t in body_images(lines)]
            else:
                i = key_index(lines, "img")
                names = [value_of(lines[i])] if i is not None else []
            names = [n for n in names if "/" not in n and (content / folder / n).is_file()]
            if names:
                yield folder, names[0]
                break


def on_image(
    body: bool, code: str, damage: Callable[[Path], None]
) -> Callable[[Path], Iterator[Want]]:
    def edit(content: Path) -> Iterator[Want]:
        for folder, name in list(image_of_each_folder(content, body)):
            wants = list(references(content, folder, name))
            damage(content / folder / name)
            for w in wants:
                yield Want(w.path, w.line, w.column, code)

    return edit


def too_wide(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (2000, 1000), "white").save(path, "JPEG" if path.suffix != ".png" else "PNG")


def png_as_jpg(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (800, 600), "white").save(path, "PNG" if path.suffix != ".png" else "JPEG")


def rewrite_body_image(
    code: str, new: Callable[[str, str], tuple[str, str] | None], *collections: str
) -> Callable[[Path], Iterator[Want]]:
    """Rewrite the first body image of each page as ``![alt](target)`` from ``new(alt, target)``."""

    def edit(content: Path) -> Iterator[Want]:
        for page in published(content, *collections):
            lines = read(page)
            for i, column, alt, target in body_images(lines):
                changed = new(alt, target)
                if changed is None:
                    continue
                old = f"![{alt}]({target})"
                start = column - 1
                assert lines[i][start:].startswith(old)
                lines[i] = (
                    lines[i][:start]
                    + f"![{changed[0]}]({changed[1]})"
                    + lines[i][start + len(old) :]
                )
                write(page, lines)
                yield Want(rel(page), i + 1, column, code)
                break

    return edit


def heading_edit(
    code: str, new: Callable[[int, str], str], column: Callable[[str], int] = lambda _: 1
) -> Callable[[Path], Iterator[Want]]:
    """Rewrite the first `##` heading of each page as ``new(level, text)``."""

    def edit(content: Path) -> Iterator[Want]:
        for page in published(content):
            lines = read(page)
            found = [(i, lvl, t) for i, lvl, t in headings(lines) if lvl == 2]
            if not found:
                continue
            i, level, text = found[0]
            lines[i] = new(level, text)
            write(page, lines)
            yield Want(rel(page), i + 1, column(lines[i]), code)

    return edit


def heading_jump(content: Path) -> Iterator[Want]:
    def text(page: Path, lines: list[str]) -> str | None:
        levels = [level for _, level, _ in headings(lines)]
        return "###### Diepe kop" if not levels or levels[-1] < 5 else None

    yield from append(content, text, "YEP205", *WITH_URL)


def duplicate_heading(content: Path) -> Iterator[Want]:
    def text(page: Path, lines: list[str]) -> str | None:
        found = list(headings(lines))
        if any(level == 1 for _, level, _ in found):
            return None
        twos = [t for _, level, t in found if level == 2]
        return f"## {twos[0]}" if twos else None

    yield from append(content, text, "YEP207")


def link(
    code: str, target: Callable[[Path], str | None], *collections: str
) -> Callable[[Path], Iterator[Want]]:
    def edit(content: Path) -> Iterator[Want]:
        def text(page: Path, lines: list[str]) -> str | None:
            t = target(page)
            return None if t is None else f"[Lees verder]({t})"

        yield from append(content, text, code, *collections)

    return edit


def slug(page: Path) -> str:
    return page.name.split(".")[0]


def english_only(content: Path) -> Iterator[Want]:
    for page in published(content, "blog"):
        english = page.with_name(slug(page) + ".en.md")
        if page.name.endswith(".nl.md") and english.is_file():
            page.unlink()
            yield Want(rel(english), 1, 1, "YEP505")
            return


def wrong_case(content: Path) -> Iterator[Want]:
    def change(line: str) -> str | None:
        name = value_of(line)
        stem, _, ext = name.rpartition(".")
        return f"img: {stem[:1].upper()}{stem[1:]}.{ext.upper()}"

    yield from edit_key(content, "img", change, "YEP303", "blog", "trainingen", "coaching")


def space_in_name(encoded: bool) -> Callable[[Path], Iterator[Want]]:
    """The writer's file has a space (`foto 2.jpg`), written as is or as `%20`."""

    def edit(content: Path) -> Iterator[Want]:
        for folder, name in list(image_of_each_folder(content, True)):
            spaced = name.replace("-", " ", 1) if "-" in name else "een " + name
            (content / folder / name).rename(content / folder / spaced)
            target = spaced.replace(" ", "%20") if encoded else spaced
            for w in references(content, folder, name):
                page = content.parent / w.path
                lines = read(page)
                lines[w.line - 1] = lines[w.line - 1].replace(name, target)
                write(page, lines)
                yield Want(w.path, w.line, w.column, "" if encoded else "YEP312")

    return edit


def other_folder(content: Path) -> Iterator[Want]:
    """The training pages name an image that lies in the blog folder."""
    blog = next(image_of_each_folder(content, False))[1]
    yield from edit_key(content, "img", lambda line: f"img: {blog}", "YEP301", "trainingen")


def img_prefix(prefix: str, code: str | None) -> Callable[[Path], Iterator[Want]]:
    def edit(content: Path) -> Iterator[Want]:
        yield from edit_key(
            content,
            "img",
            lambda line: f"img: {prefix}{value_of(line)}",
            code or "",
            "blog",
            "trainingen",
            "coaching",
        )

    return edit


def alt_is_name(content: Path) -> Iterator[Want]:
    for page in published(content, "blog", "trainingen", "coaching"):
        lines = read(page)
        i, j = key_index(lines, "img"), key_index(lines, "alt")
        if i is None or j is None:
            continue
        lines[j] = "alt: " + value_of(lines[i])
        write(page, lines)
        yield Want(rel(page), j + 1, 6, "YEP306")


def english_img(content: Path) -> Iterator[Want]:
    for page in published(content, "blog", "trainingen", "coaching"):
        if not page.name.endswith(".en.md"):
            continue
        lines = read(page)
        i = key_index(lines, "img")
        if i is None:
            continue
        others = sorted(p.name for p in page.parent.glob("*.jpg") if p.name != value_of(lines[i]))
        lines[i] = "img: " + others[0]
        write(page, lines)
        yield Want(rel(page), i + 1, 6, "YEP502")


def html_img(template: str, code: str) -> Callable[[Path], Iterator[Want]]:
    def edit(content: Path) -> Iterator[Want]:
        def text(page: Path, lines: list[str]) -> str | None:
            i = key_index(lines, "img")
            return None if i is None else template.format(name=value_of(lines[i]))

        yield from append(content, text, code, "blog", "trainingen", "coaching")

    return edit


DRAFTS = "Niet gepubliceerd"


def draft_colon(content: Path) -> Iterator[Want]:
    for page in sorted((content / DRAFTS).glob("*.md")):
        lines = read(page)
        i = key_index(lines, "title")
        assert i is not None
        lines[i] += ": een vervolg"
        write(page, lines)
        yield Want(rel(page), i + 1, len(lines[i]) - len(": een vervolg") + 1, "YEP001")


def link_to_draft(content: Path) -> Iterator[Want]:
    """A published post links to a draft as if it were a post: the build does not have it."""
    draft = sorted((content / DRAFTS).glob("*.md"))[0]
    yield from link("YEP401", lambda p: f"./{slug(draft)}", "blog")(content)


def client_without_logo(content: Path) -> Iterator[Want]:
    for data in sorted((content / "opdrachtgevers").glob("*.json"))[:3]:
        data.with_suffix(".png").unlink()
        yield Want(rel(data), 1, 1, "YEP301")


def client_json(template: str, code: str) -> Callable[[Path], Iterator[Want]]:
    def edit(content: Path) -> Iterator[Want]:
        for data in sorted((content / "opdrachtgevers").glob("*.json"))[:3]:
            data.write_text(template.format(name=data.stem) + "\n", encoding="utf-8")
            yield Want(rel(data), 1, 1, code)

    return edit


CASES: dict[str, Case] = {
    "unquoted colon in a value": Case(colon_in_value),
    "tab indentation": Case(tab_indent),
    "duplicate key": Case(duplicate_key),
    "unterminated front matter": Case(unterminated, also=frozenset({"YEP501"})),
    "Volgnummer": Case(rename_key("volgnummer", "Volgnummer", "trainingen", "coaching", "team")),
    "Title": Case(rename_key("title", "Title")),
    "IMG": Case(rename_key("img", "IMG"), also=frozenset({"YEP501"})),
    "titel": Case(rename_key("title", "titel")),
    "volgnumer": Case(rename_key("volgnummer", "volgnumer", "trainingen", "coaching", "team")),
    'volgnummer: "3"': Case(
        set_value("volgnummer", '"3"', "YEP101", "trainingen", "coaching", "team")
    ),
    "volgnummer: drie": Case(
        set_value("volgnummer", "drie", "YEP101", "trainingen", "coaching", "team")
    ),
    "missing volgnummer": Case(missing_volgnummer),
    "date 2018-3-26": Case(date_as(lambda y, m, d: f"{y}-{int(m)}-{d}")),
    "date 26-03-2018": Case(date_as(lambda y, m, d: f"{d}-{m}-{y}")),
    "date 2018/03/26": Case(date_as(lambda y, m, d: f"{y}/{m}/{d}")),
    "date 2018-02-30": Case(date_as(lambda y, m, d: f"{y}-02-30")),
    "date with a time": Case(date_as(lambda y, m, d: f"{y}-{m}-{d} 10:30:00")),
    "draft: yes": Case(lambda c: insert_key(c, "draft: yes", "YEP103"), also=frozenset({"YEP011"})),
    "published: no": Case(
        lambda c: insert_key(c, "published: no", "YEP103"), also=frozenset({"YEP011"})
    ),
    "tags: a, b": Case(tags_as_text),
    "empty categories": Case(empty_categories),
    "category typo": Case(category_typo, also=frozenset({"YEP502"})),
    "image missing (front matter)": Case(on_image(False, "YEP301", Path.unlink), also=frozenset()),
    "image missing (body)": Case(on_image(True, "YEP301", Path.unlink)),
    "image wrong case": Case(wrong_case),
    "image with a space (body)": Case(space_in_name(False), also=frozenset({"YEP501"})),
    "image with %20 for its space (body)": Case(space_in_name(True)),
    "image in another folder": Case(other_folder, also=frozenset({"YEP501"})),
    "image ./ in front matter": Case(img_prefix("./", None)),
    "image / in front matter": Case(img_prefix("/", "YEP301"), also=frozenset({"YEP501"})),
    "image ../ in front matter": Case(img_prefix("../", "YEP301"), also=frozenset({"YEP501"})),
    "image / in body": Case(
        rewrite_body_image("YEP301", lambda a, t: (a, "/" + t.removeprefix("./"))),
        also=frozenset({"YEP501"}),
    ),
    "image ../ in body": Case(
        rewrite_body_image("YEP301", lambda a, t: (a, "../" + t.removeprefix("./"))),
        also=frozenset({"YEP501"}),
    ),
    "image without ./ in body": Case(
        rewrite_body_image(
            "", lambda a, t: (a, t.removeprefix("./")) if t.startswith("./") else None
        )
    ),
    "image over 1600 px wide (front matter)": Case(on_image(False, "YEP308", too_wide)),
    "image over 1600 px wide (body)": Case(on_image(True, "YEP308", too_wide)),
    "renamed PNG as .jpg": Case(on_image(False, "YEP307", png_as_jpg)),
    "empty alt (front matter)": Case(set_value("alt", "", "YEP302")),
    "empty alt (body)": Case(rewrite_body_image("YEP302", lambda a, t: ("", t))),
    "alt is the file name (front matter)": Case(alt_is_name),
    "alt is the file name (body)": Case(
        rewrite_body_image("YEP306", lambda a, t: (t.removeprefix("./"), t))
    ),
    "##Heading": Case(
        heading_edit("YEP201", lambda lvl, t: "#" * lvl + t), also=frozenset({"YEP205"})
    ),
    "heading level jump": Case(heading_jump),
    "duplicate heading": Case(duplicate_heading, also=frozenset({"YEP210"})),
    "closed heading ##": Case(heading_edit("", lambda lvl, t: f"{'#' * lvl} {t} {'#' * lvl}")),
    "heading with a trailing #": Case(
        heading_edit("YEP203", lambda lvl, t: f"{'#' * lvl} {t}#", lambda line: len(line))
    ),
    "link to another collection's slug": Case(
        link("YEP401", lambda p: f"../coaching/{slug(p)}", "blog"), also=frozenset()
    ),
    "link to the .nl.md file": Case(link("YEP401", lambda p: f"./{p.name}", *WITH_URL)),
    "link to the .en.md file": Case(link("YEP401", lambda p: f"./{slug(p)}.en.md", *WITH_URL)),
    "link with a trailing slash": Case(
        link("", lambda p: f"/{p.parent.name}/{slug(p)}/", *WITH_URL)
    ),
    "link /nl/ prefix": Case(link("YEP401", lambda p: f"/nl/{p.parent.name}/{slug(p)}", *WITH_URL)),
    "link /en/ to a page without English": Case(
        link(
            "YEP401",
            lambda p: (
                None
                if p.with_name(slug(p) + ".en.md").is_file()
                else f"/en/{p.parent.name}/{slug(p)}"
            ),
        )
    ),
    "English page without a Dutch one": Case(english_only),
    "English page whose img differs": Case(english_img),
    "HTML img without alt": Case(html_img('<img src="./{name}">', "YEP302")),
    "HTML img with a missing src": Case(
        html_img('<img src="./weg-{name}" alt="Een foto">', "YEP301")
    ),
    "draft with a YAML error": Case(draft_colon),
    "draft linked from a page": Case(link_to_draft),
    "opdrachtgever without its logo": Case(client_without_logo),
    "opdrachtgever with a bad url": Case(
        client_json('{{ "opdrachtgever": "{name}", "url": "www.voorbeeld.nl" }}', "YEP101")
    ),
    "opdrachtgever with a wrong key": Case(
        client_json('{{ "Opdrachtgever": "{name}", "url": "" }}', "YEP103")
    ),
}


NOT_CAUGHT = {
    "opdrachtgever without its logo": "yeplint reads Markdown pages; the JSON data files and "
    "the logo their name implies are not linted",
    "opdrachtgever with a bad url": "JSON data files are not linted",
    "opdrachtgever with a wrong key": "JSON data files are not linted",
}
"""Mistakes yeplint does not catch yet, and why: each test fails once it does (strict xfail)."""


@dataclass(frozen=True)
class Outcome:
    wants: list[Want]
    missed: list[Want]
    """Wanted findings not reported at their line and column with their code."""
    extra: list[Finding]
    """New findings the mistake should not cause."""
    new: list[dict[str, object]]
    """Every finding of a (file, code) the baseline has fewer of."""


def outcome(name: str, site: Path, baseline: Counter[Finding]) -> Outcome:
    """Make case ``name``'s mistake in the copy ``site`` and compare its findings."""
    case = CASES[name]
    wants = list(case.edit(site / "content"))
    found = lint(site)
    at = {(str(d["path"]), d["line"], d["column"], str(d["code"])) for d in found}
    missed = [w for w in wants if w.code and (w.path, w.line, w.column, w.code) not in at]
    new = Counter((str(d["path"]), str(d["code"])) for d in found) - baseline
    wanted = {(w.path, w.code) for w in wants if w.code}
    extra = sorted(f for f in new if f not in wanted and f[1] not in case.also)
    return Outcome(wants, missed, extra, [d for d in found if (d["path"], d["code"]) in new])


def test_the_unmutated_site_gives_the_reviewed_findings(baseline: Counter[Finding]) -> None:
    """With no configuration, from the site's folder: what tests/test_shared_site.py reviewed."""
    from tests.test_shared_site import REVIEWED

    assert dict(Counter(code for _, code in baseline.elements())) == REVIEWED


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=NOT_CAUGHT[n]))
        if n in NOT_CAUGHT
        else n
        for n in CASES
    ],
)
def test_mistake_is_reported(name: str, tmp_path: Path, baseline: Counter[Finding]) -> None:
    result = outcome(name, fresh(tmp_path), baseline)
    assert result.wants, "the mistake applies to no page"
    shown = sorted(f"{d['path']}:{d['line']}:{d['column']} {d['code']}" for d in result.new)
    assert not result.missed and not result.extra, (
        f"{len(result.missed)}/{len(result.wants)} missed: {result.missed[:3]}\n"
        f"extra: {result.extra[:5]}\nnew: {shown[:8]}"
    )
