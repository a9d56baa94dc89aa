"""The site's URLs (see DESIGN.md: they are stable, people link to them)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_safe

from dossier_portal.editing.recent_changes import recent_changes_view
from dossier_portal.opendata import sitemaps
from dossier_portal.opendata.feeds import ChangesFeed
from dossier_portal.site import search_views, views
from timeline.export import timeline_csv

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("search/", search_views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon_ico, name="favicon"),
    path("help/", views.get_help, name="help"),
    path("data/", views.open_data, name="data"),
    path("dossier/", views.whole_dossier, name="whole-dossier"),
    path("articles/", include("articles.urls")),
    path("timeline/", include("timeline.urls")),
    path("organisations/", include("organisations.urls")),
    path("api/v1/", include("dossier_portal.opendata.api")),
    path("timeline.csv", timeline_csv, name="timeline-csv"),
    path("feed/", require_safe(ChangesFeed()), name="feed"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path(
        f"{settings.ADMIN_PATH}recent-changes/",
        admin.site.admin_view(recent_changes_view),
        name="recent-changes",
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
]

# Answers 503 instead of 500 while the database is unreachable (see views.server_error).
handler500 = views.server_error
