"""Running calls at the same moment, for the race tests."""

import threading
from collections.abc import Callable

from django.db import connection


def run_together(calls: list[Callable[[], object]]) -> list[object]:
    """Each call's result, or the exception it raised, in the order given.

    On PostgreSQL each call runs in its own thread and database connection, all released at once by a
    barrier, so the database decides who wins. SQLite has one writer and an in-memory test database
    that threads cannot share, so there the calls run one after the other.
    """
    outcomes: list[object] = [None] * len(calls)
    if connection.vendor != "postgresql":
        for index, call in enumerate(calls):
            outcomes[index] = _outcome(call)
        return outcomes
    barrier = threading.Barrier(len(calls))

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = _outcome(call)
        finally:
            connection.close()  # each thread opened its own connection

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "an attempt hung"
    return outcomes


def _outcome(call: Callable[[], object]) -> object:
    try:
        return call()
    except Exception as error:  # the caller's assertions say which errors are expected
        return error
