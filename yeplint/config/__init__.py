"""Configuration: plain records and the reading of configuration files; knows no rule.

Owns the settings records, finding and reading ``yeplint.toml`` / ``[tool.yeplint]``, the
configuration's own JSON Schema, page-schema loading, presets, generator conventions and globs.

May import: :mod:`yeplint.diagnostics` and :mod:`yeplint.locale`. Never ``document``, ``site``,
``rules`` or ``engine``.
"""
