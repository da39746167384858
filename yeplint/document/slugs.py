"""The anchor each generator gives a heading: its slug algorithm and how it tells repeats apart.

A link to ``#stap-1-kies-een-doel`` works or not depending on the generator that renders the
page: GitHub's slugger keeps ``stap-1---kies-een-doel`` for ``Stap 1 - kies een doel``,
Python-Markdown (MkDocs) folds the hyphens into one, Zola transliterates, kramdown drops what
is not ASCII. Each algorithm here is a plain function of the heading's text, written after the
generator's own code (named in its docstring) and checked against the real generator by the
oracle (tests/oracle_sites). Pure functions: no configuration is read here; which algorithm a
site uses is :mod:`yeplint.config.generators`' business.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from yeplint import LazyPattern, record

Slugify = Callable[[str], str | None]
"""Heading text to its anchor; ``None`` when it cannot be worked out here (a character whose
transliteration is the generator's own table)."""


def github(text: str) -> str:
    """github-slugger (GitHub, Docusaurus, Astro, rehype-slug): lower case; letters, marks,
    numbers, connector punctuation, ``-`` and spaces kept; each space a hyphen."""
    if text.isascii():
        return _NOT_ASCII_SLUG.sub("", text.strip().lower()).replace(" ", "-")
    kept = (
        c
        for c in unicodedata.normalize("NFC", text).strip().lower()
        if c in " -" or unicodedata.category(c)[0] in "LMN" or unicodedata.category(c) == "Pc"
    )
    return "".join(kept).replace(" ", "-")


_NOT_ASCII_SLUG = re.compile(r"[^a-z0-9_\- ]")


def goldmark(text: str) -> str:
    """Hugo's ``github`` heading ids (markup/goldmark/autoid.go): trimmed; a space or ``-`` is a
    hyphen, a letter, decimal digit or ``_`` is kept in lower case, anything else (marks too,
    unlike github-slugger) is dropped."""
    out = []
    for c in text.strip():
        if c in " -":
            out.append("-")
        elif c == "_" or c.isalpha() or unicodedata.category(c) == "Nd":
            out.append(c.lower())
    return "".join(out)


def goldmark_ascii(text: str) -> str:
    """Hugo's ``github-ascii``: accents removed (``é`` → ``e``), then :func:`goldmark` keeping
    only ASCII."""
    folded = _strip_accents(text)
    return goldmark("".join(c for c in folded if c.isascii()))


def blackfriday(text: str) -> str:
    """Hugo's ``blackfriday`` (blackfriday's ``SanitizedAnchorName``): runs of letters and
    numbers in lower case, each run of anything else one hyphen between them."""
    out: list[str] = []
    dash = False
    for c in text:
        if c.isalpha() or unicodedata.category(c)[0] == "N":
            if dash and out:
                out.append("-")
            dash = False
            out.append(c.lower())
        else:
            dash = True
    return "".join(out)


def python_markdown(text: str, separator: str = "-", *, keep_unicode: bool = False) -> str:
    """Python-Markdown's toc ``slugify`` (MkDocs' default; ``slugify_unicode`` with
    ``keep_unicode``): accents folded to ASCII and other letters dropped, anything but word
    characters, white space and ``-`` removed, lower case, each run of white space and
    separators one separator."""
    if not keep_unicode:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, text)


def pymdownx(text: str, separator: str = "-", case: str = "none") -> str:
    """``pymdownx.slugs.slugify`` (Material for MkDocs' usual choice): NFC, HTML tags
    removed, trimmed, ``case`` applied (``none`` keeps it, ``lower``, ``lower-ascii``,
    ``fold``), anything but word characters, ``-`` and spaces removed, each space a separator."""
    text = re.sub(r"</?[^>]*>", "", unicodedata.normalize("NFC", text)).strip()
    if case == "lower":
        text = text.lower()
    elif case == "lower-ascii":
        text = re.sub(r"[A-Z]", lambda m: m.group(0).lower(), text)
    elif case == "fold":
        text = text.casefold()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", separator)


def zola(text: str) -> str | None:
    """Zola's ``slugify.anchors = "on"`` (the ``slug`` crate): each character transliterated to
    ASCII, letters and digits kept in lower case, every run of anything else one hyphen,
    none at either end. ``None`` when a character needs the transliteration table Zola has
    (deunicode: an emoji becomes words) and plain accent folding does not give it."""
    out: list[str] = []
    dash = True  # no leading hyphen
    for c in text:
        for a in c if c.isascii() else _transliterate(c) or "\x00":
            if a == "\x00":
                return None
            if a.isascii() and a.isalnum():
                out.append(a.lower())
                dash = False
            elif not dash:
                out.append("-")
                dash = True
    return "".join(out).removesuffix("-")


def zola_safe(text: str) -> str:
    """Zola's ``slugify.anchors = "safe"`` and ``"off"``: spaces as ``_``, the characters a URL
    fragment cannot hold removed, nothing else changed."""
    return re.sub(r"[\"#%<>\[\\\]()^`{|}]", "", text.replace(" ", "_"))


def kramdown_gfm(text: str) -> str:
    """kramdown's GFM parser (Jekyll's default ``input: GFM``): lower case, anything but word
    characters (letters, marks, digits, ``_``), ``-``, spaces and tabs removed, each space or
    tab a hyphen."""
    kept = (
        c
        for c in text.lower()
        if c in " \t-" or unicodedata.category(c)[0] in "LM" or unicodedata.category(c) in "NdPc"
    )
    return "".join(kept).replace(" ", "-").replace("\t", "-")


def kramdown(text: str, *, transliterate: bool = False) -> str:
    """kramdown's own ``basic_generate_id`` (``input: kramdown``): everything up to the first
    ASCII letter removed, then anything but ASCII letters, digits, spaces and ``-``; spaces as
    hyphens, lower case; ``section`` when nothing is left. With ``transliterate``
    (``transliterated_header_ids``) accents are folded first (``é`` → ``e``)."""
    if transliterate:
        text = _strip_accents(text)
    text = re.sub(r"^[^a-zA-Z]+", "", text)
    text = re.sub(r"[^a-zA-Z0-9 -]", "", text).replace(" ", "-").lower()
    return text or "section"


_VITEPRESS_SPECIAL = LazyPattern(r"[\s~`!@#$%^&*()\-_+=\[\]{}|\\;:\"'“”‘’<>,.?/]+")


def vitepress(text: str) -> str:
    """VitePress's ``slugify`` (@mdit-vue/shared): NFKD with the combining accents removed,
    control characters removed, each run of white space and punctuation one hyphen, none at
    either end, ``_`` before a leading digit, lower case."""
    text = re.sub(r"[\u0300-\u036f]", "", unicodedata.normalize("NFKD", text))
    text = re.sub(r"[\x00-\x1f]", "", text)
    text = re.sub(r"-{2,}", "-", _VITEPRESS_SPECIAL.sub("-", text)).strip("-")
    return re.sub(r"^(\d)", r"_\1", text).lower()


def _strip_accents(text: str) -> str:
    """Decomposed, combining marks dropped, composed again: ``é`` → ``e``, ``ß`` stays."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


_LATIN = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ł": "l"}
_LATIN |= {"Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D", "ı": "i"}
_ASCII_PUNCTUATION = {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "..."}


def _transliterate(c: str) -> str | None:
    """One character as ASCII where the answer is certain: an accented Latin letter without its
    accent, a few Latin letters of their own (``ß`` → ``ss``), typographic punctuation and
    spaces; ``None`` for the rest (an emoji, another script)."""
    if c in _LATIN:
        return _LATIN[c]
    if c in _ASCII_PUNCTUATION:
        return _ASCII_PUNCTUATION[c]
    if c.isspace():
        return " "
    folded = unicodedata.normalize("NFKD", c)
    ascii_part = "".join(p for p in folded if p.isascii())
    rest = [p for p in folded if not p.isascii() and not unicodedata.combining(p)]
    return ascii_part if ascii_part and not rest else None


def unique_dash(slug: str, used: set[str]) -> str:
    """A repeated slug gets ``-1``, ``-2``, … (the first not taken): GitHub, Hugo, Zola,
    kramdown, VitePress."""
    found, n = slug, 1
    while found in used:
        found, n = f"{slug}-{n}", n + 1
    used.add(found)
    return found


def unique_counted(slug: str, used: set[str]) -> str:
    """kramdown's repeats: each slug counts how often it was made, and its second is ``-1``,
    its third ``-2``, whether or not another heading's id is already that (``Dup``, ``Dup``,
    ``Dup-1`` are ``dup``, ``dup-1``, ``dup-1``). The counts are kept in ``used`` as entries
    no id can be (they hold a NUL)."""
    n = 0
    while f"\x00{n}\x00{slug}" in used:
        n += 1
    used.add(f"\x00{n}\x00{slug}")
    return f"{slug}-{n}" if n else slug


_COUNTED = LazyPattern(r"^(.*)_([0-9]+)$")


def unique_python_markdown(slug: str, used: set[str]) -> str:
    """Python-Markdown's toc ``unique``: a taken (or empty) id gets ``_1``, and one that ends in
    ``_<n>`` counts up (``repeated``, ``repeated_1``, ``repeated_2``)."""
    while slug in used or not slug:
        match = _COUNTED.match(slug)
        slug = f"{match.group(1)}_{int(match.group(2)) + 1}" if match else f"{slug}_1"
    used.add(slug)
    return slug


@record
class Style:
    """One generator's heading ids: the slug of a text and how a repeat is told apart.
    ``reserved``: explicit ids (``{#id}``) are taken before any heading gets its slug
    (Python-Markdown), rather than only counted where they stand. The text slugged is the
    heading's rendered text (:func:`yeplint.document.inline.rendered_text`), with an image's
    alt text when ``image_alt`` and the typographer's dashes when ``typographer``; or, with
    ``as_written``, its Markdown as written (kramdown's own parser). ``empty``: the id of a
    heading whose slug is empty (Goldmark: ``heading``). Without ``entities``, an entity is
    slugged as written (VitePress: ``&amp;`` is ``amp``)."""

    slugify: Slugify
    unique: Callable[[str, set[str]], str] = unique_dash
    reserved: bool = False
    image_alt: bool = False
    typographer: bool = False
    as_written: bool = False
    empty: str = ""
    entities: bool = True


def style(name: str, separator: str = "-") -> Style | None:
    """The style named ``name`` (one of :data:`NAMES`); ``None`` for ``unknown`` (a site whose
    algorithm cannot be read: its anchors are not checked)."""
    if name.startswith("pymdownx"):
        case = name.removeprefix("pymdownx").removeprefix("-") or "none"
        return Style(lambda t: pymdownx(t, separator, case), unique_python_markdown, reserved=True)
    if name in ("python-markdown", "python-markdown-unicode"):
        keep = name.endswith("unicode")
        return Style(
            lambda t: python_markdown(t, separator, keep_unicode=keep),
            unique_python_markdown,
            reserved=True,
        )
    if name.startswith("goldmark"):
        return Style(_STYLES[name], image_alt=True, typographer=True, empty="heading")
    if name == "kramdown-gfm":
        return Style(kramdown_gfm, unique_counted, typographer=True)
    if name.startswith("kramdown"):
        return Style(_STYLES[name], unique_counted, as_written=True)
    if name == "zola":
        return Style(zola, image_alt=True)
    if name == "vitepress":
        return Style(vitepress, entities=False)
    found = _STYLES.get(name)
    return Style(found) if found is not None else None


_STYLES: dict[str, Slugify] = {
    "github": github,
    "goldmark": goldmark,
    "goldmark-ascii": goldmark_ascii,
    "blackfriday": blackfriday,
    "zola": zola,
    "zola-safe": zola_safe,
    "kramdown-gfm": kramdown_gfm,
    "kramdown": kramdown,
    "kramdown-transliterated": lambda t: kramdown(t, transliterate=True),
    "vitepress": vitepress,
}

NAMES = (
    *_STYLES,
    "python-markdown",
    "python-markdown-unicode",
    "pymdownx",
    "pymdownx-lower",
    "pymdownx-lower-ascii",
    "pymdownx-fold",
    "unknown",
)
"""Every slug style a site can have."""


def heading_ids(headings: Iterable[tuple[str, str | None]], how: Style) -> list[str] | None:
    """The ids of a page's headings, given as (text, explicit id or ``None``) in page order;
    ``None`` when one of them cannot be worked out (see :data:`Slugify`)."""
    pairs = list(headings)
    used: set[str] = {given for _, given in pairs if given} if how.reserved else set()
    ids = []
    for text, given in pairs:
        if given:
            used.add(given)
            ids.append(given)
            continue
        slug = how.slugify(text)
        if slug is None:
            return None
        if not slug and how.empty:
            slug = how.empty
        ids.append(how.unique(slug, used))
    return ids
