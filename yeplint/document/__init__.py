"""One file, read once into a :class:`~yeplint.document.post.post.Post`; knows no configuration.

Owns the source text and its lines (:mod:`.source`), the front matter formats with exact
positions (:mod:`.front_matter`), the Markdown model over pulldown-cmark (:mod:`.markdown`),
template syntax, MDX and the HTML scanner.

May import: :mod:`yeplint.diagnostics` and :mod:`yeplint.locale`. Never ``config``, ``site``,
``rules`` or ``engine``.
"""
