"""YEP604 misspelt-generator-key: a key one or two edits from a key the generator reads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from yeplint.diagnostics import Severity, Violation
from yeplint.locale.messages import msg
from yeplint.rules.generator_fm._common import folded, lookup, schema_keys, site_table
from yeplint.rules.rule import rule
from yeplint.rules.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from yeplint.config.generator_keys import Key, Table
    from yeplint.document.front_matter.located import JsonPath
    from yeplint.document.post import Post
    from yeplint.rules.context import Context

SHORTEST = 5
"""Keys shorter than this are never taken for a misspelling (``data`` is no ``date``)."""


@rule("YEP604", "misspelt-generator-key", Severity.WARNING)
def misspelt_generator_key(post: Post, ctx: Context) -> Iterator[Violation]:
    """A front matter key that the generator does not read, one or two typing errors away from
    one it does read and the page does not set.

    ## Why is this bad?
    Generators pass keys they do not know to the templates without a word, so `dratf: true`
    leaves the page published and `wieght: 3` leaves it unsorted. Custom keys stay allowed:
    only a near miss of a key the generator reads is reported.

    ## Example
    ```yaml
    title: Nieuw seizoen
    dratf: true
    ```
    (on a Hugo site)

    ## Use instead
    ```yaml
    title: Nieuw seizoen
    draft: true
    ```

    ## How to fix
    Rename the key to the one the hint names (`draft`). A key of fewer than 5 letters, or one
    that only differs by a final `s` (`image`, `images`), is taken as meant; one of 5 or 6
    letters may be one edit away, a longer one two (a swap of two letters is one edit).

    ## Options
    The generator is the site's (`generator` in the configuration, or detected); the keys are
    each generator's own (`yeplint/config/generator_keys/`). Keys the site's own schema
    describes are never reported.
    """
    found = site_table(ctx)
    data, fm = post.data, post.front_matter
    if found is None or data is None or fm is None:
        return
    owned = schema_keys(ctx)
    for path, key, close in _near_misses(found, found.keys, data, ()):
        if key in owned:
            continue
        span = fm.locate(path, key=True)
        message = msg("{generator} does not read `{key}`", generator=found.generator, key=key)
        yield did_you_mean(post, span, message, key, close)


def _near_misses(
    found: Table, keys: Mapping[str, Key], data: dict[str, Any], at: JsonPath
) -> Iterator[tuple[JsonPath, str, str]]:
    fold = found.case_insensitive
    known = folded(found, keys)
    unset: list[str] | None = None
    for key, value in data.items():
        if not isinstance(key, str):
            continue
        spec = lookup(found, keys, key)
        if spec is not None:
            if spec.keys and isinstance(value, dict):
                yield from _near_misses(found, spec.keys, value, (*at, key))
            continue
        if unset is None:  # only for a page with a key the generator does not read
            present = {k.lower() if fold else k for k in data if isinstance(k, str)}
            unset = [k for f, k in known.items() if f not in present]
        close = _closest(key.lower() if fold else key, unset, fold)
        if close is not None:
            yield (*at, key), key, close


def _closest(key: str, known: Iterable[str], fold: bool) -> str | None:
    """The known key ``key`` is a misspelling of, or ``None``."""
    if len(key) < SHORTEST:
        return None
    from rapidfuzz.distance import OSA

    limit = 1 if len(key) <= 6 else 2
    best: tuple[int, str] | None = None
    for name in known:
        other = name.lower() if fold else name
        if key + "s" == other or other + "s" == key:
            continue
        distance = OSA.distance(key, other, score_cutoff=limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, name)
    return best[1] if best else None
