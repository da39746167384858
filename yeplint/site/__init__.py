"""The site as a whole, built once per run: which files are pages (:mod:`.discovery`), the
URL map (:mod:`.urls`), the files and images on disk (:mod:`.files`), and what ``yeplint init``
infers from a tree (:mod:`.infer`).

May import: ``config``, ``document``, ``diagnostics``, ``locale``. Never ``rules`` or
``engine``.
"""
