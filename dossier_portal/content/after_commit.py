"""Work a transaction asks for many times, done once when it commits: each kind of work is one
callback of the transaction, which collects what each change adds to it."""

from __future__ import annotations

from django.db import connections, transaction


class Collecting:
    """A callback that collects items (add) and then does its work with them (run), once."""

    ran = False

    def add(self, item) -> None:
        raise NotImplementedError

    def run(self) -> None:
        raise NotImplementedError

    def __call__(self):
        self.ran = True
        self.run()


def after_commit(kind: type[Collecting], item, using: str = "default") -> None:
    """Give `item` to the `kind` callback the current transaction runs once it commits (at once
    outside a transaction; never if it rolls back)."""
    callback = pending(kind, using)
    if callback is not None:
        callback.add(item)
        return
    callback = kind()
    callback.add(item)
    transaction.on_commit(callback, using=using)


def pending(kind: type[Collecting], using: str = "default") -> Collecting | None:
    """The `kind` callback the current transaction will run, if it registered one. Django keeps
    a transaction's callbacks in `run_on_commit` and offers no other way to find them. (One that
    ran is still listed where a test ran it without committing: it takes nothing more.)"""
    connection = connections[using]
    if not connection.in_atomic_block:
        return None
    callbacks = (cb for _, cb, _ in connection.run_on_commit if isinstance(cb, kind))
    return next((cb for cb in callbacks if not cb.ran), None)
