"""The language server: a thin adapter from LSP (pygls, the ``lsp`` extra) to the engine,
documents kept in memory, diagnostics, code actions, hover and completion.

May import: ``engine`` and everything below it. Never ``report`` or ``cli``.
"""
