"""sitemap.xml (django.contrib.sitemaps): every public page, with the time it last changed."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from articles.models import Article
from dossier_portal.content.content_version import current_version
from organisations.models import Organisation, Person
from timeline.models import Measure


class _OnThisHost(Sitemap):
    """URLs on the host the sitemap was read on (as the pages' canonical links), not on the
    sites framework's stored domain."""

    def __init__(self, domain: str):
        self.domain = domain

    def get_domain(self, site=None):
        return self.domain


class PagesSitemap(_OnThisHost):
    """Pages that list content change whenever content does: the site's content version."""

    def items(self):
        return ["home", "timeline:index", "organisations:index", "help"]

    def location(self, name):
        return reverse(name)

    @cached_property
    def content_changed_at(self):
        return current_version().changed_at

    def lastmod(self, name):
        return self.content_changed_at


class ContentSitemap(_OnThisHost):
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, record):
        return record.updated_at


class MeasureSitemap(ContentSitemap):
    def items(self):
        # A measure's page shows its milestones: it changes when one of them does.
        return (
            Measure.objects.published()
            .alias(milestone_updated_at=Max("milestones__updated_at"))
            .annotate(
                last_changed=Greatest("updated_at", Coalesce("milestone_updated_at", "updated_at"))
            )
            .order_by("pk")
        )

    def lastmod(self, measure):
        return measure.last_changed


class ArticleSitemap(ContentSitemap):
    model = Article


class OrganisationSitemap(ContentSitemap):
    model = Organisation


class PersonSitemap(ContentSitemap):
    model = Person


SITEMAPS = {
    "pages": PagesSitemap,
    "articles": ArticleSitemap,
    "measures": MeasureSitemap,
    "organisations": OrganisationSitemap,
    "people": PersonSitemap,
}


@require_safe
def sitemap(request):
    host = request.get_host()
    sections = {name: section(host) for name, section in SITEMAPS.items()}
    return sitemap_views.sitemap(request, sitemaps=sections)
