"""What a page says about itself to machines: its canonical URL, OpenGraph tags and schema.org
JSON-LD (Legislation for a measure, Article, Organization, Person), and how to cite it."""

import json
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from articles.models import Article, Contribution
from dossier_portal.content.dates import iso_at_precision
from dossier_portal.opendata.citation import (
    DOSSIER,
    DOSSIER_YEAR,
    PUBLISHER,
    Citation,
    bibtex_key,
    cite,
)
from organisations.models import Organisation, Person
from timeline.models import Measure

SCHEMA_ORG = "https://schema.org"
EUR_LEX_CELEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{}"
DESCRIPTION_WORDS = 40

# schema.org's legislationLegalForce, where the dossier's status says it.
LEGAL_FORCE = {
    Measure.Status.IN_FORCE: f"{SCHEMA_ORG}/InForce",
    Measure.Status.REPLACED: f"{SCHEMA_ORG}/NotInForce",
}


@dataclass(frozen=True)
class PageMeta:
    canonical: str
    title: str
    description: str
    og_type: str
    modified: str
    json_ld: SafeString | None


def page_meta(obj, url: str, site_url: str) -> PageMeta:
    """The meta data of the page at `url` (absolute), showing `obj` (or None)."""
    data = _describe(obj, url) if obj is not None else _site(url, site_url)
    return PageMeta(
        canonical=url,
        title=str(obj) if obj is not None else DOSSIER,
        description=data.get("description", "") if data else "",
        og_type="article" if obj is not None else "website",
        modified=_edited(obj).get("dateModified", "") if obj is not None else "",
        json_ld=_as_script_text(data) if data else None,
    )


def citation(obj, url: str) -> Citation:
    """How to cite a measure or an article."""
    if isinstance(obj, Measure):
        title = obj.title
        if obj.reference and obj.reference not in title:
            title = f"{title}, {obj.reference}"
        return cite(
            key=bibtex_key("measure", obj.slug), title=title, authors=[], url=url,
            edited_at=obj.edited_at,
        )  # fmt: skip
    return cite(
        key=bibtex_key("article", obj.slug), title=obj.title, authors=_authors(obj), url=url,
        edited_at=obj.edited_at,
    )  # fmt: skip


def _edited(obj) -> dict:
    """dateModified only for an editor's change: as loaded, a record is the dossier's (2025),
    not the day the database was loaded."""
    edited_at = getattr(obj, "edited_at", None)
    return {"dateModified": edited_at.isoformat()} if edited_at else {}


def _authors(article: Article) -> list[str]:
    """Named authors, in the article's order (uses the page's prefetched contributions)."""
    return [
        contribution.person.name
        for contribution in article.contributions.all()
        if contribution.role == Contribution.Role.AUTHOR and contribution.person.is_published
    ]


def _summary(html: str) -> str:
    return Truncator(strip_tags(html).strip()).words(DESCRIPTION_WORDS)


def _publisher() -> dict:
    return {"@type": "Organization", "name": PUBLISHER}


def _describe(obj, url: str) -> dict | None:
    for model, describe in _DESCRIBERS.items():
        if isinstance(obj, model):
            return {"@context": SCHEMA_ORG, "url": url, **describe(obj)}
    return None


def _legislation(measure: Measure) -> dict:
    data = {
        "@type": "Legislation",
        "name": measure.title,
        "alternateName": measure.alias_list(),
        "legislationType": measure.get_kind_display(),
        "legislationJurisdiction": measure.get_body_display(),
        "description": _summary(measure.summary_html),
        **_edited(measure),
    }
    if measure.date:
        data["legislationDate"] = iso_at_precision(measure.date, measure.date_precision)
    identifiers = [i for i in (measure.celex, measure.reference) if i]
    if identifiers:
        data["legislationIdentifier"] = identifiers[0]
        data["identifier"] = identifiers
    if measure.celex:
        data["sameAs"] = EUR_LEX_CELEX.format(measure.celex)
    if measure.status in LEGAL_FORCE:
        data["legislationLegalForce"] = LEGAL_FORCE[measure.status]
    return data


def _article(article: Article) -> dict:
    authors = [{"@type": "Person", "name": name} for name in _authors(article)]
    return {
        "@type": "Article",
        "headline": article.title,
        "description": article.standfirst or _summary(article.body_html),
        "author": authors or _publisher(),
        "publisher": _publisher(),
        "isPartOf": {"@type": "CreativeWork", "name": DOSSIER},
        "datePublished": str(DOSSIER_YEAR),
        **_edited(article),
    }


def _organisation(organisation: Organisation) -> dict:
    data = {
        "@type": "Organization",
        "name": organisation.name,
        "description": organisation.described_as or _summary(organisation.description_html),
    }
    if organisation.acronym:
        data["alternateName"] = organisation.acronym
    if organisation.website:
        data["sameAs"] = organisation.website
    if organisation.founded_on:
        data["foundingDate"] = iso_at_precision(
            organisation.founded_on, organisation.founded_precision
        )
    if organisation.founded_place:
        data["foundingLocation"] = {"@type": "Place", "name": organisation.founded_place}
    return data


def _person(person: Person) -> dict:
    data = {"@type": "Person", "name": person.name, "description": _summary(person.bio_html)}
    if person.profile_url:
        data["sameAs"] = person.profile_url
    return data


_DESCRIBERS = {
    Measure: _legislation,
    Article: _article,
    Organisation: _organisation,
    Person: _person,
}


def _site(url: str, site_url: str) -> dict | None:
    """The home page describes the site, and how to search it."""
    if url != site_url:
        return None
    return {
        "@context": SCHEMA_ORG,
        "@type": "WebSite",
        "name": DOSSIER,
        "url": site_url,
        "publisher": _publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": f"{site_url}search/?q={{query}}",
            "query-input": "required name=query",
        },
    }


# Inside <script>, "</script>" or "<!--" in a value would end or confuse the element.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def _as_script_text(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 (escaped for a script element above)
