"""The message catalogs: extract yeplint's messages with Babel and bring every ``.po`` up to date.

    python scripts/catalog.py           # update yeplint/locale/*/LC_MESSAGES/yeplint.po (and .mo)
    python scripts/catalog.py --check   # exit 1 when a catalog is out of date or incomplete

Messages are the first arguments of ``msg(...)`` and ``msgn(..., ...)``
(yeplint/locale/messages.py).
An update keeps every translation whose message is still there, adds the new messages with an
empty translation (to be written by a translator: tests/test_i18n.py fails until they are) and
drops the messages the code no longer has. The build compiles the ``.po`` files (hatch_build.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS: dict[str, tuple[int, ...] | None] = {"msg": None, "msgn": (1, 2)}


def catalogs(root: Path = ROOT) -> list[Path]:
    return sorted((root / "yeplint" / "locale").glob("*/LC_MESSAGES/yeplint.po"))


def extract(root: Path = ROOT) -> Catalog:
    """Every message in the source, with the places it is made.

    Babel warns about every f-string inside a ``msg(...)`` call, values included
    (``new=f"## {text}"``); only the template must be a literal (tests/test_i18n.py checks
    that), so those warnings are left out and any other is shown.
    """
    import contextlib
    import io

    template = Catalog(domain="yeplint")
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        found = list(
            extract_from_dir(
                str(root / "yeplint"),
                method_map=[("**.py", "python")],
                keywords=KEYWORDS,
                comment_tags=(),
                strip_comment_tags=True,
            )
        )
    for line in said.getvalue().splitlines():
        if "Skipping f-string" not in line:
            print(line, file=sys.stderr)
    for filename, lineno, message, _, context in found:
        template.add(message, None, [(f"yeplint/{filename}", lineno)], context=context)
    return template


def updated(po: Path, template: Catalog) -> Catalog:
    with po.open("rb") as handle:
        catalog = read_po(handle)
    created = catalog.creation_date  # the template's is today: no churn in the header
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.creation_date = created
    catalog.obsolete.clear()
    return catalog


def write(po: Path, catalog: Catalog) -> None:
    with po.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, include_lineno=False)


def main(argv: list[str]) -> int:
    template = extract()
    stale = []
    for po in catalogs():
        catalog = updated(po, template)
        before = po.read_bytes()
        if "--check" in argv:
            from io import BytesIO

            buffer = BytesIO()
            write_po(buffer, catalog, width=100, sort_output=True, include_lineno=False)
            if buffer.getvalue() != before:
                stale.append(po)
        else:
            write(po, catalog)
        untranslated = [m.id for m in catalog if m.id and not m.string]
        for message in untranslated:
            print(f"{po.relative_to(ROOT)}: untranslated: {message!r}")
        if untranslated:
            stale.append(po)
    if "--check" not in argv:
        sys.path.insert(0, str(ROOT))
        from hatch_build import compile_catalogs

        compile_catalogs(ROOT)  # what the build does, so that this checkout speaks it now
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
