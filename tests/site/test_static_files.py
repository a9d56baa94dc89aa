"""Static files as production serves them: hashed names cached forever, compressed."""

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client


@pytest.fixture
def collected_static(settings, tmp_path):
    """collectstatic into a fresh folder with the production storage, as `make serve` does."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_hashed_static_files_are_cached_forever_and_served_compressed(collected_static):
    url = static("css/site.css")
    assert url != "/static/css/site.css", "the name carries the content's hash"
    client = Client()  # a new client builds its middleware, so whitenoise sees the files
    plain = client.get(url)
    assert plain.status_code == 200
    assert "immutable" in plain["Cache-Control"]
    assert "max-age=315360000" in plain["Cache-Control"]
    compressed = client.get(url, headers={"accept-encoding": "gzip, br"})
    assert compressed["Content-Encoding"] in {"gzip", "br"}
    assert int(compressed["Content-Length"]) < int(plain["Content-Length"])
