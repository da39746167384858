"""Messages in the reader's language: :mod:`~yeplint.locale.messages` (``msg``, ``msgn``,
the values a message renders per language) and the gettext catalogs under ``nl/LC_MESSAGES``.

The floor of the house: imports nothing of yeplint.
"""
