"""The language server: a thin adapter from LSP (pygls and lsprotocol, the ``lsp`` extra, imported
only here) to the engine: :mod:`.app` (the server, documents kept in memory, diagnostics),
:mod:`.protocol` (JSON-RPC frames and errors), :mod:`.positions` (UTF-16 columns),
:mod:`.actions` (quick fixes, fix all), :mod:`.completion` (hover, completion), :mod:`.main`
(``yeplint server``).

May import: ``engine`` and everything below it. Never ``report`` or ``cli``.
"""
