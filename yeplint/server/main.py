"""``yeplint server``: the language server on stdio.

The handlers are registered on the one :data:`~yeplint.server.app.server` by pygls's
``@server.feature`` decorators as their modules are imported: the document lifecycle in
:mod:`.app`, code actions in :mod:`.actions`, hover and completion in :mod:`.completion`. This
module is the one place that imports them all, so the server always starts with every
feature.
"""

from __future__ import annotations

from yeplint.server import actions, completion
from yeplint.server.app import server

FEATURES = (actions, completion)
"""The modules whose handlers the server has besides :mod:`.app`'s."""


def main() -> None:
    server.start_io()
