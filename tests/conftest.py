"""Shared test set-up: a real Postgres (see the Makefile's `test`), plain static storage, and
Chromium from Debian for the browser tests. `make test` shares the tests among processes
(pytest-xdist); each has a Postgres cluster of its own."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command

from dossier_portal.devtools import embedded_pg
from tests.support.dossier_rows import DossierRows, capture, restore

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would object.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Hashed static names need collectstatic; tests use the finders instead."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Django's default hasher is slow on purpose (about a second per password on a busy machine);
    every editor a test makes and every login it tries would pay it. What is tested is who may
    log in, not the hashing; production keeps the default (settings.py)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, worker_id):
    """The first worker tests on the cluster `make test` started; each other worker starts a
    cluster of its own: a test that stops the database (test_database_down.py) must stop it
    under its own worker's tests only."""
    if worker_id in ("master", "gw0") or not os.environ.get("EMBEDDED_PG_DIR"):
        yield  # one process, or a server named by DATABASE_URL: shared, not stopped by tests
        return
    cluster = embedded_pg.scratch_cluster(prefix=f"test-{worker_id}-")
    try:
        cluster.start()
        django_settings.DATABASES["default"]["HOST"] = str(cluster.socket_dir)
        # What the run's cluster set for the tests and their subprocesses, now this worker's.
        os.environ["EMBEDDED_PG_DIR"] = str(cluster.base_dir)
        os.environ["DATABASE_URL"] = cluster.url()
        yield
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every worker starts from what a transactional test's flush leaves: no rows that data
    migrations seeded (a search synonym, say). Otherwise a test's outcome would hang on whether
    a flush ran before it on its worker, and the dossier's rows (captured once) would lack
    what the load found already seeded."""
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0, reset_sequences=False)
    return django_db_setup


@pytest.fixture(scope="session")
def _dossier_rows(django_db_setup, django_db_blocker) -> DossierRows:
    with django_db_blocker.unblock():
        return capture()


@pytest.fixture
def dossier(db, _dossier_rows):
    """The whole dossier as `make run` loads it from fixtures/: loaded once per session, its rows
    copied into each test that asks for it (tests/support/dossier_rows.py)."""
    restore(_dossier_rows)


@pytest.fixture(autouse=True)
def _no_version_listener(settings):
    """Requests read the content version themselves: a listening connection left open would
    keep the test database from being dropped (tests/site/test_page_cache.py tests the
    listener, and the edge tests' gunicorn instances run it)."""
    settings.CONTENT_VERSION_LISTENER = False


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Django's cache outlives a test: a page cached under settings a test changed must not
    reach the next one."""
    cache.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail("Browser tests need Debian's chromium: apt-get install -y chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where browser tests keep screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
