"""The rules: each reads a :class:`~yeplint.document.post.Post`, a
:class:`~yeplint.rules.context.Context` and the site index, and yields violations; none prints,
reads configuration files or touches the disk but through the site's shared resolver.

:mod:`.rule` (the record and ``@rule``), :mod:`.catalogue` (the explicit table of rules, each
module imported when its rule is first run or read),
:mod:`.select` (selectors), :mod:`.context`, one module per family (``file``, ``front_matter``,
``images``, ``links``, ``orphans``, ``translations``, ``generators``) and :mod:`.headings`, one
module per rule. This ``__init__`` imports nothing, so importing one rule module costs no other.

May import: ``site``, ``document``, ``config``, ``diagnostics``, ``locale``. Never ``engine``,
``report``, ``server`` or ``cli``.
"""
