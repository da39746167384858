"""Front matter blocks, each format parsed with the exact position of every key and value:
:mod:`.located` (the record they all build), :mod:`.yaml`, :mod:`.toml` and :mod:`.json`.

May import: :mod:`yeplint.document.post.source`, :mod:`yeplint.diagnostics`, :mod:`yeplint.locale`.
"""
