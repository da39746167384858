"""The configuration files that mark an Eleventy or a VitePress site, shared by the generator
table (:mod:`yeplint.config.generators`) and the readers of those configurations
(:mod:`yeplint.config.eleventy`, :mod:`yeplint.config.vitepress`): in a module of their own,
the table imports neither reader, which only such a site needs (~2 ms at every start)."""

from __future__ import annotations

ELEVENTY_CONFIGS = (
    ".eleventy.js",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
)
"""The configuration files Eleventy looks for, in its order."""
VITEPRESS_CONFIGS = tuple(f".vitepress/config.{e}" for e in ("js", "ts", "mjs", "mts"))
"""The configuration files VitePress looks for in the folder it builds."""
VITEPRESS_MARKERS = (*VITEPRESS_CONFIGS, *(f"docs/{name}" for name in VITEPRESS_CONFIGS))
"""Where a site's root folder has one: itself, or its ``docs/`` (``vitepress build docs``)."""
