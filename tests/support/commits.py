"""Tests run inside a transaction that never commits, so work that waits for the commit (texts
rendered again when what they link to changes, purges) would never run: `committed` runs it."""

from contextlib import contextmanager

from django.db import connection
from django.test import TestCase

from dossier_portal.content.after_commit import Collecting


@contextmanager
def committed():
    """Run the block as if its transaction committed: its on-commit callbacks run at the end.
    What the test did before is taken as committed first (its callbacks would otherwise collect
    the block's work)."""
    for _, callback, _ in connection.run_on_commit:
        if isinstance(callback, Collecting) and not callback.ran:
            callback()
    with TestCase.captureOnCommitCallbacks(execute=True):
        yield
