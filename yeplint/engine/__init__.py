"""The engine: one ``check`` from selection to result.

Owns the linter (a post through every enabled rule), parallel runs, the cache, inline
suppressions, baselines, changed-file selection and the pre-commit record, fixes (their
verification and atomic writes).

May import: ``rules``, ``site``, ``document``, ``config``, ``diagnostics``, ``locale``. Never
``report``, ``server`` or ``cli``.
"""
