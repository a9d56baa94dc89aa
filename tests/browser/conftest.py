"""The browser tests read the real dossier from a live server."""

import pytest


@pytest.fixture
def site(live_server, dossier) -> str:
    """The live server's address, with the dossier committed for it to serve (the test's flush
    removes it)."""
    return live_server.url


@pytest.fixture(scope="session")
def base_url() -> None:
    """Pages are opened by their full address (`site`). Defined here so that pytest-playwright's
    own fallback, an instance-method fixture pytest 9 deprecates, is not used."""
    return None
