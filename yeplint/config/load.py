"""Settings: generic defaults, a named preset, overridden by ``[tool.yeplint]`` or ``yeplint.toml``.

The nearest ``yeplint.toml`` or ``pyproject.toml`` with a ``[tool.yeplint]`` table, walking up
from the working directory, is used; ``--config`` names one, ``--isolated`` ignores them all.
Every key is checked: an unknown key or a wrong type is a :class:`ConfigError` naming both.
With no configuration file, a built-in preset applies only when the checked tree carries its
signature (:mod:`yeplint.config.presets`); else a generator's conventions when its marker file is in
a checked path's folder or above it (:func:`generator_site`).

``--config 'key = value'`` (ruff's inline override) is one TOML line applied over whatever
settings were resolved, key by key, as the configuration file's own keys are checked
(:func:`parse_inline`, :func:`apply_inline`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from yeplint.config.files import TooLarge, path_problem, project_boundary, read_capped
from yeplint.config.settings import (
    FRONT_MATTER_FORMATS,
    INT_LIMITS,
    MARKDOWN_EXTENSIONS,
    Collection,
    ConfigError,
    Settings,
    schema_path,
)
from yeplint.diagnostics import Severity
from yeplint.locale.messages import LANGUAGES, msg

if TYPE_CHECKING:
    from yeplint.config.generators import Generator


def collection_notices(collections: Sequence[Collection], relatives: list[str]) -> list[str]:
    """A notice per collection of the configuration file with a glob that matches none of the
    site's pages (``relatives``, relative to the project root): a typo in a glob otherwise
    leaves its pages unchecked without a word. A preset's collections (no ``base``) are the
    preset's business, not the reader's."""
    from yeplint.config.globs import unmatched

    notices = []
    for collection in collections:
        missed = unmatched(collection.patterns, relatives) if collection.base else []
        if missed:
            globs = ", ".join(f"`{p}`" for p in missed)
            said = "glob {} matches" if len(missed) == 1 else "globs {} match"
            notices.append(f"collection `{collection.name}`: {said.format(globs)} no page")
    return notices


_LIST_KEYS = {
    "translation-fields",
    "orphan-ignore",
    "routes",
    "dated-folders",
    "select",
    "ignore",
    "extend-select",
    "include",
    "exclude",
    "image-fields",
    "static-roots",
}


_INT_KEYS = set(INT_LIMITS)


_STR_KEYS = {"title-field", "preset", "generator", "translation-title", "site-url", "lang"}


_BOOL_KEYS = {"respect-gitignore", "title-is-h1", "directory-urls", "page-bundles"}


_ALL_KEYS = (
    _LIST_KEYS
    | _INT_KEYS
    | _STR_KEYS
    | _BOOL_KEYS
    | {
        "collections",
        "per-file-ignores",
        "severity",
        "rule-options",
        "front-matter",
        "path-aliases",
        "languages",
    }
)


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config walking up from ``start``: (file, its yeplint table)."""
    for folder in (start, *start.parents):
        candidate = folder / "yeplint.toml"
        if candidate.is_file():
            return candidate, _read(candidate)
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            table = _read(candidate).get("tool", {}).get("yeplint")
            if isinstance(table, dict):
                return candidate, table
    return None


def _read(path: Path) -> dict[str, Any]:
    import tomllib  # only when a config file exists

    try:
        text = read_capped(path).removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read config: not UTF-8 ({exc.reason})") from None
    except (OSError, TooLarge) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        from yeplint.config.schema import too_deep

        raise ConfigError(too_deep(path, text)) from None


class Inline(NamedTuple):
    """One ``--config 'key = value'``: the line as typed (what an error names) and its table."""

    text: str
    table: Mapping[str, Any]


def parse_inline(text: str) -> Inline:
    """A ``--config`` value that names no file, read as one TOML ``key = value`` line (dotted
    keys reach into tables: ``rule-options.YEP209.punctuation = ".,;"``)."""
    import tomllib

    problem = f"`{text}` is no file and no TOML `key = value` line"
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{problem} ({exc})") from None
    if not table:
        raise ConfigError(problem)
    return Inline(text, table)


def apply_inline(settings: Settings, inline: Sequence[Inline]) -> Settings:
    """``settings`` with each override applied in turn: a key's value replaces the resolved
    one (a preset's, a generator's or the file's), checked as in a file; ``rule-options`` add
    to the rule's options, as a file's add to a preset's. A wrong key or value is a
    :class:`ConfigError` naming the override."""
    for override in inline:
        folder = settings.root or Path.cwd().resolve()
        settings = _settings_from(
            override.table, folder / "--config", start=settings, where=f"--config `{override.text}`"
        )
    return settings


def load_settings(
    *,
    config: Path | None = None,
    isolated: bool = False,
    start: Path | None = None,
    paths: Sequence[Path] = (),
    inline: Sequence[Inline] = (),
) -> Settings:
    """The settings for a run over ``paths``: ``config``, else the nearest configuration file
    above ``start``, else a preset whose signature the paths' tree carries, else the defaults;
    then the ``inline`` overrides (``--config 'key = value'``) over them."""
    return apply_inline(_resolved(config, isolated, start, paths), inline)


def _resolved(
    config: Path | None, isolated: bool, start: Path | None, paths: Sequence[Path]
) -> Settings:
    if isolated:
        return Settings()
    if config is not None:
        table = _read(config)
        if config.name == "pyproject.toml":
            table = table.get("tool", {}).get("yeplint", {})
        return settings_from(table, config)
    found = find_config((start or Path.cwd()).resolve())
    if found is not None:
        return settings_from(found[1], found[0])
    from yeplint.config.presets import detect

    detected = detect(paths or [start or Path.cwd()])
    if detected is None:
        return generator_site(paths or [start or Path.cwd()]) or Settings(include=UNCONFIGURED)
    name, folder = detected
    return replace(
        preset_settings(name),
        root=folder.parent if folder.name == "content" else folder,
        detected=msg(
            "{folder} looks like the {name} site: using preset `{name}` (a yeplint.toml with"
            ' `preset = "{name}"` says so explicitly; --isolated turns it off)',
            folder=_from_cwd(folder),
            name=name,
        ),
    )


UNCONFIGURED = ("*.md", "*.markdown", "*.mdx")
"""What a run with no configuration, preset or generator checks: MDX pages too (a monorepo's
root above a Docusaurus or Astro site, whose marker the walk up from the root does not see)."""


SITE_SEARCH_DEPTH = 8
"""Folders walked up from a checked path to find a site's generator marker, short of the
repository's top (a folder with ``.git``), which is the last one looked at."""


def generator_site(paths: Sequence[Path]) -> Settings | None:
    """With no configuration file: the conventions of the generator whose marker file
    (``hugo.toml``, ``mkdocs.yml``, …) is in the first checked path's folder or one above it,
    rooted at that site's folder, with a notice; else those of the one site below it
    (:func:`site_below`); ``None`` when there is none. What ``yeplint init`` would write, less
    the inferred schemas."""
    start = paths[0].resolve() if paths else Path.cwd().resolve()
    found = marked_site(start)
    if found is None:  # a file named outside any site is none of the site's pages
        return site_below(start) if start.is_dir() else None
    generator, site = found
    return replace(
        _conventions(generator, site),
        detected=msg(
            "no yeplint.toml: {site} looks like {kind}, whose conventions apply"
            " (`yeplint init` writes them down, with schemas for the front matter)",
            site=_from_cwd(site),
            kind=_a_site(generator.shown, vowel=generator.vowel_sound),
        ),
    )


def marked_site(path: Path) -> tuple[Generator, Path] | None:
    """The generator whose marker file is in the folder of ``path`` (resolved) or one above
    it, up to the repository's top, with that site's folder; ``None`` when there is none."""
    from yeplint.config.generators import detect

    folder = path if path.is_dir() else path.parent
    chain = [folder, *folder.parents][:SITE_SEARCH_DEPTH]
    top = next((f for f in chain if (f / ".git").exists()), chain[-1])
    return detect(folder, top)


def site_root(path: Path) -> Path | None:
    """The folder of the site that a run over ``path`` alone, with no configuration file,
    takes its conventions from (:func:`load_settings`): the Yep site's signature, a
    generator's marker at or above it, or the one site below a folder; ``None`` for the
    defaults. Nothing of the site is read: a run over many pages asks it of each folder."""
    from yeplint.config.generators import detect_below
    from yeplint.config.presets import detect as detect_preset

    preset = detect_preset([path])
    if preset is not None:
        folder = preset[1]
        return folder.parent if folder.name == "content" else folder
    start = path.resolve()
    found = marked_site(start)
    if found is not None:
        return found[1]
    if start.is_dir() and len(below := detect_below(start)) == 1:
        return below[0][1]
    return None


def _conventions(generator: Generator, site: Path) -> Settings:
    """The settings of ``generator``'s site in ``site``, as its own files set them."""
    from yeplint.config.generators import TEMPLATE_FOLDERS, tsconfig_aliases

    own = generator.site_settings(site)  # Docusaurus's config names its static folders
    aliases = (*own["path_aliases"], *tsconfig_aliases(site))
    return replace(
        Settings(),
        **{"static_roots": generator.static, **own, "path_aliases": aliases},
        root=site,
        include=tuple(f"*.{ext}" for ext in MARKDOWN_EXTENSIONS),
        # templates and dependencies at any depth (a theme's `archetypes/`); the build's output
        # only at the site's root: Hugo's `content/en/resources/` holds pages
        exclude=(
            *(f"{name}/" for name in TEMPLATE_FOLDERS),
            *(f"/{name}/" for name in generator.output),
        ),
    )


def site_below(folder: Path) -> Settings | None:
    """With no configuration and no site at or above ``folder``: the one site found below it
    (a repository whose site lives in ``docs/``, ``website/`` or ``apps/site/``), with its own
    ``yeplint.toml`` when it has one, else its generator's conventions; only its pages are
    checked (:attr:`Settings.site_below`). Several sites below are named in a notice, and the
    defaults apply: each is checked with its conventions when named (``yeplint check docs/``).
    ``None`` when there is none."""
    from yeplint.config.generators import detect_below

    below = detect_below(folder)
    if not below:
        return None
    if len(below) > 1:
        sites = ", ".join(
            f"{_from_cwd(site)} ({_a_site(g.shown, vowel=g.vowel_sound)})" for g, site in below
        )
        return Settings(
            include=UNCONFIGURED,
            detected=msg(
                "no yeplint.toml, and {count} sites below: {sites}; name one to check it with its"
                " conventions (`yeplint check {first}`): here the defaults apply",
                count=len(below),
                sites=sites,
                first=_from_cwd(below[0][1]),
            ),
        )
    generator, site = below[0]
    config = _own_config(site)
    if config is not None:
        return replace(
            settings_from(config[1], config[0]),
            site_below=True,
            detected=msg(
                "no yeplint.toml here: the site below, {site}, has its own ({config}), which"
                " applies to its pages; pages outside it are not checked",
                site=_from_cwd(site),
                config=config[0].name,
            ),
        )
    return replace(
        _conventions(generator, site),
        site_below=True,
        detected=msg(
            "no yeplint.toml: the site below, {site}, looks like {kind}, whose conventions apply"
            " to its pages; pages outside it are not checked (`yeplint init` writes them down"
            " in {site})",
            site=_from_cwd(site),
            kind=_a_site(generator.shown, vowel=generator.vowel_sound),
        ),
    )


def _own_config(site: Path) -> tuple[Path, dict[str, Any]] | None:
    """The configuration in the site's own folder (what ``yeplint init`` run from above it
    writes there), not one above it."""
    found = find_config(site)
    return found if found is not None and found[0].parent == site else None


def _a_site(name: str, *, vowel: bool) -> str:
    """ "an Eleventy site", "a Hugo site": the article as the name sounds."""
    if vowel:
        return msg("an {name} site", name=name)
    return msg("a {name} site", name=name)


def _site_kind(name: str) -> str:
    """ "an Eleventy site", in English (``--show-settings`` comments are not translated)."""
    from yeplint.config.generators import by_name

    generator = by_name(name)
    if generator is None:
        return f"a {name} site"
    return f"{'an' if generator.vowel_sound else 'a'} {generator.shown} site"


def _from_cwd(folder: Path) -> str:
    """``folder`` as a notice names it: relative to the working folder when inside it or
    above it (``./``, ``../``, ``docs/``), else in full."""
    cwd = Path.cwd().resolve()
    if folder.is_relative_to(cwd) or cwd.is_relative_to(folder):
        return os.path.relpath(folder, cwd) + "/"
    return str(folder)


def preset_settings(name: str) -> Settings:
    """The defaults with the built-in preset ``name`` applied."""
    from yeplint.config.presets import PRESETS

    return replace(Settings(), preset=name, **PRESETS[name])


_SHOWN = (
    "preset",
    "generator",
    "front-matter",
    "title-is-h1",
    "directory-urls",
    "dated-folders",
    "path-aliases",
    "languages",
    "routes",
    "orphan-ignore",
    "page-bundles",
    "translation-fields",
    "translation-title",
    "site-url",
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "include",
    "exclude",
    "respect-gitignore",
    "image-fields",
    "static-roots",
    "title-field",
    "max-image-width",
    "max-image-bytes",
    "max-file-size",
    "lang",
    "rule-options",
)
"""The keys ``--show-settings`` prints, in the order the README documents them."""


def _toml(value: Any) -> str:
    """A setting's value written as TOML."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Severity):
        return json.dumps(value.value)
    if isinstance(value, (int, str)):
        return json.dumps(value, ensure_ascii=False)
    if value == ():
        return "[]"
    if isinstance(value, tuple) and all(isinstance(v, tuple) and len(v) == 2 for v in value):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value) + " }"
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value))


_TABLE_KEYS = frozenset(
    ("per-file-ignores", "severity", "rule-options", "path-aliases", "languages")
)


def describe(settings: Settings, inline: Sequence[Inline] = ()) -> list[str]:
    """The resolved configuration as TOML, each value marked with where it came from (the
    config file, a ``--config`` override, or yeplint's default)."""
    overridden = {key for override in inline for key in override.table}
    table: Mapping[str, Any] = {}
    file = settings.config_file
    if file is not None:
        table = _read(file)
        if file.name == "pyproject.toml":
            table = table.get("tool", {}).get("yeplint", {})
    if file is not None:
        lines = [f"# configuration: {file}"]
    elif settings.detected:
        lines = ["# no configuration file"]
    else:
        lines = [
            "# no configuration file (yeplint.toml, or [tool.yeplint] in pyproject.toml) in the"
            " working directory or above it, and no known site (the yep-trainingen preset's"
            " folders, a generator's marker file) at or above the checked path: the defaults"
            " (`yeplint init` sets a site up)"
        ]
    if settings.detected:
        lines.append(f"# {settings.detected}")
    if settings.root is not None:
        lines.append(f"# project root: {settings.root}")
    for key in _SHOWN:
        value = getattr(settings, key.replace("-", "_"))
        if key == "rule-options":  # option names as the configuration writes them
            value = tuple(
                (code, tuple((name.replace("_", "-"), v) for name, v in items))
                for code, items in value
            )
        where = "from --config" if key in overridden else _origin(settings, key, table)
        if value is None:  # no preset
            lines.append(f"# {key}: none  # {where}")
            continue
        written = "{}" if value == () and key in _TABLE_KEYS else _toml(value)
        lines.append(f"{key} = {written}  # {where}")
    where = _origin(settings, "collections", table)
    if "collections" in overridden:
        where = "from --config"
    for collection in settings.collections:
        lines += [
            "",
            f"[[collections]]  # {where}",
            f"name = {_toml(collection.name)}",
            f"glob = {_toml(collection.patterns)}",
            f"schema = {_toml(collection.schema or '')}",
            *([f"url = {_toml(collection.url)}"] if collection.url else []),
        ]
    return lines


def _origin(settings: Settings, key: str, table: Mapping[str, Any]) -> str:
    """Where a shown value came from: the configuration file, the preset, or the defaults."""
    from yeplint.config.presets import PRESETS

    if settings.config_file is not None and key in table:
        return f"from {settings.config_file.name}"
    if key == "preset" and settings.preset is not None and settings.config_file is None:
        return "detected"  # the tree carries the preset's signature (load_settings)
    if settings.preset is not None and key.replace("-", "_") in PRESETS[settings.preset]:
        return f"from preset {settings.preset}"
    if settings.generator is not None and key.replace("-", "_") in _GENERATOR_KEYS:
        return f"from generator {settings.generator}"
    if settings.config_file is None and settings.generator is not None:
        attr = key.replace("-", "_")
        if getattr(settings, attr) != getattr(Settings(), attr):
            return f"detected: {_site_kind(settings.generator)}"  # generator_site()
    return "default"


_GENERATOR_KEYS = frozenset(
    (
        "front_matter",
        "title_is_h1",
        "directory_urls",
        "dated_folders",
        "path_aliases",
        "page_bundles",
    )
)


def settings_from(table: Mapping[str, Any], path: Path) -> Settings:
    """Validate a ``[tool.yeplint]`` table into :class:`Settings`.

    A table the loader rejects is validated against the configuration's JSON Schema, whose
    first error (with the key's line and column) is the one reported; the loader and the schema
    accept the same tables (tested), so a valid configuration never pays for importing the
    validator (~60 ms)."""
    try:
        return _settings_from(table, path)
    except ConfigError:
        from yeplint.config.schema import validate

        validate(table, path, "tool.yeplint" if path.name == "pyproject.toml" else "")
        raise


def _settings_from(
    table: Mapping[str, Any],
    path: Path,
    *,
    start: Settings | None = None,
    where: str | None = None,
) -> Settings:
    """The settings ``table`` (read from ``path``) gives; with ``start``, an inline override
    applied over those (its root and configuration file kept, named ``where`` in errors)."""
    where = where or str(path)
    unknown = sorted(set(table) - _ALL_KEYS)
    if unknown:
        known = ", ".join(sorted(_ALL_KEYS))
        raise ConfigError(f"{where}: unknown key `{unknown[0]}` (known keys: {known})")
    values: dict[str, Any] = {}
    if start is None:
        values = {"root": path.parent.resolve(), "config_file": path}
        base = _preset_from(table.get("preset"), where)
    else:
        base = start
        if "preset" in table:  # another preset, in the same project
            preset = _preset_from(table["preset"], where)
            base = replace(preset, root=start.root, config_file=start.config_file)
    base = _generator_from(base, table.get("generator"), where, path.parent.resolve())
    for key, value in table.items():
        attr = key.replace("-", "_")
        if key == "routes":  # beside the generator's (a Jekyll site's HTML pages)
            values[attr] = (*base.routes, *_strings(value, key, where))
        elif key in _LIST_KEYS:
            values[attr] = _strings(value, key, where)
        elif key in _INT_KEYS:
            limit = INT_LIMITS[key]
            if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= limit:
                raise ConfigError(
                    f"{where}: `{key}` must be a positive integer up to {limit:,}, not {value!r}"
                )
            values[attr] = value
        elif key in _BOOL_KEYS:
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: `{key}` must be true or false, not {value!r}")
            values[attr] = value
        elif key in ("preset", "generator"):
            values[attr] = getattr(base, attr)
        elif key == "front-matter":
            formats = _strings(value, key, where)
            wrong = [f for f in formats if f not in FRONT_MATTER_FORMATS]
            if wrong or not formats:
                raise ConfigError(
                    f"{where}: `front-matter` must list formats of: yaml, toml, json, not {value!r}"
                )
            values[attr] = formats
        elif key in _STR_KEYS:
            if not isinstance(value, str):
                raise ConfigError(f"{where}: `{key}` must be a string, not {value!r}")
            if key == "site-url" and not value.startswith(("http://", "https://")):
                raise ConfigError(f"{where}: `site-url` must start with https://, not {value!r}")
            if key == "lang" and value not in LANGUAGES:
                raise ConfigError(
                    f"{where}: `lang` must be one of {', '.join(LANGUAGES)}, not {value!r}"
                )
            values[attr] = value
        elif key == "collections":
            values[attr] = _collections(value, path)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: `{key}` must be a table of glob = [codes]")
            values[attr] = tuple(
                (glob, _strings(codes, f"{key}.{glob}", where)) for glob, codes in value.items()
            )
        elif key == "severity":
            values[attr] = _severities(value, where)
        elif key == "languages":
            if not isinstance(value, dict) or not all(
                isinstance(v, str) and (v == "" or v.startswith("/")) for v in value.values()
            ):
                raise ConfigError(
                    f'{where}: `{key}` must be a table of language = URL prefix (`""` or `/en`)'
                )
            values[attr] = tuple(value.items())
        elif key == "path-aliases":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{where}: `{key}` must be a table of prefix = folder")
            values[attr] = tuple(value.items())
        elif key == "rule-options":  # on top of the preset's (selection merges them by rule)
            values[attr] = (*base.rule_options, *_rule_options(value, where))
    for pattern in (
        *values.get("include", ()),
        *(g for g, _ in values.get("per_file_ignores", ())),
    ):
        check_glob(pattern, where)
    check_excludes(values.get("exclude", ()), where)
    settings = replace(base, **values)
    _check_paths(settings, path, table, None if start is None else where)
    return settings


def _named_paths(
    settings: Settings, table: Mapping[str, Any]
) -> Iterator[tuple[tuple[str | int, ...], str, bool]]:
    """Each path the configuration file names, relative to the project root: (its key, the
    path as written, whether it names a folder). A preset's or a generator's folders are not
    the file's to answer for."""
    for i, collection in enumerate(settings.collections):
        if collection.schema is not None and schema_path(collection.schema, None) is not None:
            yield ("collections", i, "schema"), collection.schema, False
    if "static-roots" in table:
        for folder in settings.static_roots:
            yield ("static-roots",), folder, True
    if "path-aliases" in table:
        for prefix, folder in settings.path_aliases:
            yield ("path-aliases", prefix), folder, True


def _check_paths(
    settings: Settings, file: Path, table: Mapping[str, Any], where: str | None = None
) -> None:
    """Every file and folder the configuration names stays inside the project (the
    configuration file's folder, or the git work tree it sits in), and a file is a regular
    file yeplint may read whole (:func:`path_problem`): a schema path such as
    ``../../../../dev/zero`` is an error at its key's line (or named by ``where``, an inline
    override), before anything reads it."""
    root = settings.root or file.parent
    for key, written, folder in _named_paths(settings, table):
        problem = path_problem(root / written, project_boundary(root), folder=folder)
        if problem is not None:
            from yeplint.config.schema import key_name, position

            at = where or position(file, key)
            raise ConfigError(f"{at}: `{key_name(key)}`: `{written}` {problem}")


def _preset_from(value: Any, where: str) -> Settings:
    """The settings a configuration starts from: a named preset's, or the defaults."""
    from yeplint.config.presets import PRESETS

    if value is None:
        return Settings()
    if not isinstance(value, str) or value not in PRESETS:
        known = ", ".join(sorted(PRESETS))
        raise ConfigError(f"{where}: `preset` must be one of: {known} (not {value!r})")
    return preset_settings(value)


def _generator_from(base: Settings, value: Any, where: str, site: Path) -> Settings:
    """``base`` with the named generator's conventions applied (and its slug algorithm, as the
    generator's configuration in ``site`` chooses it)."""
    from yeplint.config.generators import NAMES, by_name

    if value is None:
        return base
    generator = by_name(value) if isinstance(value, str) else None
    if generator is None:
        raise ConfigError(
            f"{where}: `generator` must be one of: {', '.join(NAMES)} (not {value!r})"
        )
    return replace(base, **generator.site_settings(site))


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings, not {value!r}")
    return tuple(value)


def _severities(value: Any, where: str) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: `severity` must be a table of selector = level")
    result = []
    for selector, level in value.items():
        try:
            result.append((selector, Severity(level)))
        except ValueError:
            raise ConfigError(
                f"{where}: `severity.{selector}` must be `error` or `warning`, not {level!r}"
            ) from None
    return tuple(result)


def _rule_options(value: Any, where: str) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    """``rule-options`` as written: a table of rule = {option = value}. Which rules and options
    exist is the catalogue's to say (:mod:`yeplint.engine.selection`, before a run)."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: `rule-options` must be a table of rule = {{option = value}}")
    result = []
    for key, table in value.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: `rule-options.{key}` must be a table")
        result.append((key, tuple(table.items())))
    return tuple(result)


def _collections(value: Any, path: Path) -> tuple[Collection, ...]:
    where = str(path)
    if not isinstance(value, list):
        raise ConfigError(f"{where}: `collections` must be a list of tables")
    result = []
    for i, item in enumerate(value):
        key = f"collections[{i}]"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: `{key}` must be a table with `glob` and `schema`")
        extra = sorted(set(item) - {"name", "glob", "schema", "url"})
        if extra:
            raise ConfigError(f"{where}: unknown key `{key}.{extra[0]}`")
        if "glob" not in item:
            raise ConfigError(f"{where}: `{key}.glob` is required")
        patterns = _strings(item["glob"], f"{key}.glob", where)
        for pattern in patterns:
            check_glob(pattern, where)
        schema = item.get("schema")
        if schema is not None and not isinstance(schema, str):
            raise ConfigError(f"{where}: `{key}.schema` must be a string")
        url = item.get("url")
        if url is not None and (not isinstance(url, str) or not url.startswith(("/", "{"))):
            raise ConfigError(f"{where}: `{key}.url` must be a path such as `/blog/{{slug}}`")
        name = item.get("name", (schema and Path(schema).stem.split(".")[0]) or f"collection-{i}")
        result.append(Collection(str(name), patterns, schema or None, path.parent.resolve(), url))
    return tuple(result)


def check_excludes(patterns: Iterable[str], where: str) -> None:
    """Each ``exclude`` glob compiles, and none is a ``!`` negation, which yeplint's
    ``exclude`` does not have: such a pattern silently matched nothing."""
    for pattern in patterns:
        if pattern.startswith("!"):
            raise ConfigError(
                f"{where}: `exclude` pattern `{pattern}`: `!` does not re-include files here;"
                " name only what to leave out (or narrow `include`)"
            )
        check_glob(pattern, where)


def check_glob(pattern: str, where: str) -> None:
    """``pattern`` compiles as a glob (:mod:`yeplint.config.globs`), else a
    :class:`ConfigError` naming it."""
    from yeplint.config.globs import GlobError, compile_glob

    try:
        compile_glob(pattern)
    except GlobError as exc:
        raise ConfigError(f"{where}: bad glob `{pattern}`: {exc}") from None


def reader_language(option: str | None, settings: Settings) -> str:
    """The reader's language: ``--lang``, else the configuration's ``lang``, else the
    locale's."""
    from yeplint.locale.messages import language_from_locale

    return option or settings.lang or language_from_locale()
