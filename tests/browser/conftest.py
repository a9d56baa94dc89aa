"""The browser tests read the real dossier from a live server."""

import pytest


@pytest.fixture
def site(live_server, dossier) -> str:
    """The live server's address, with the dossier committed for it to serve (the test's flush
    removes it)."""
    return live_server.url
