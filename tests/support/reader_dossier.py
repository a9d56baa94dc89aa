"""A small dossier for the reader's pages: every kind of page and part, built with the factories
(the real fixtures are tested by their own suite)."""

import datetime
from dataclasses import dataclass

from articles.models import (
    Article,
    Contribution,
    InterviewAnswer,
    InterviewQuestion,
    KeyFigure,
    Source,
)
from organisations.models import Affiliation, Organisation, OrganisationLink, Person
from tests.support.factories import (
    make_article,
    make_measure,
    make_milestone,
    make_organisation,
    make_person,
)
from timeline.models import DocumentLink, Measure

INTRODUCTION_BODY = """\
## What is (digital) sexualised violence?

Sexualised violence, whether online or offline, harms children.

## What is the EU doing to combat digital sexualised violence?

### Child Sexual Abuse Directive

The CSA Directive was evaluated in 2017.

### Child Sexual Abuse Legislation

| When? | What? |
| --- | --- |
| 11 May 2022 | [Proposal for a regulation (CSA Regulation)](/timeline/csa-regulation/) |

## Conclusion

The Lanzarote Convention contributes to this, and so does ECPAT.

!!! box "COUNCIL OF EUROPE AND LANZAROTE CONVENTION"
    The Council of Europe is an international organisation founded in 1949.
"""


@dataclass
class Dossier:
    editorial: Article
    introduction: Article
    interview: Article
    directive: Measure
    regulation: Measure
    convention: Measure
    ecpat: Organisation
    author: Person
    interviewee: Person


def build_dossier() -> Dossier:
    directive = make_measure(
        title="Directive 2011/93/EU on combating the sexual abuse and sexual exploitation of "
        "children and child pornography",
        short_title="CSA Directive",
        slug="csa-directive",
        kind=Measure.Kind.DIRECTIVE,
        reference="Directive 2011/93/EU",
        celex="32011L0093",
        date=datetime.date(2011, 12, 13),
        status=Measure.Status.IN_FORCE,
    )
    framework = make_measure(
        title="Council Framework Decision 2004/68/JHA",
        short_title="Framework Decision 2004/68/JHA",
        slug="framework-decision-2004-68-jha",
        kind=Measure.Kind.FRAMEWORK_DECISION,
        date=datetime.date(2003, 12, 22),
        status=Measure.Status.REPLACED,
    )
    directive.replaces.add(framework)
    DocumentLink.objects.create(
        measure=directive,
        label="Directive 2011/93/EU on EUR-Lex",
        url="https://eur-lex.europa.eu/legal-content/EN/TXT/PDF/?uri=CELEX:32011L0093",
    )
    make_milestone(
        directive,
        slug="evaluated",
        date=datetime.date(2017, 1, 1),
        date_precision="year",
        title="The Directive was evaluated",
    )
    regulation = make_measure(
        title="Proposal for a regulation laying down rules to prevent and combat child sexual "
        "abuse",
        short_title="CSA Regulation",
        slug="csa-regulation",
        reference="COM(2022) 209 final",
        date=datetime.date(2022, 5, 11),
        status=Measure.Status.IN_NEGOTIATION,
        status_text="in negotiation",
        status_as_of=datetime.date(2025, 10, 1),
        aliases="CSA-Regulation",
    )
    make_milestone(
        regulation,
        slug="parliament-agreement",
        date=datetime.date(2023, 11, 1),
        title="Parliament reached an agreement on the proposal",
    )
    convention = make_measure(
        title="Council of Europe Convention on the Protection of Children against Sexual "
        "Exploitation and Sexual Abuse",
        short_title="Lanzarote Convention",
        slug="lanzarote-convention",
        kind=Measure.Kind.CONVENTION,
        body=Measure.Body.COUNCIL_OF_EUROPE,
        date=datetime.date(2007, 10, 25),
        status=Measure.Status.IN_FORCE,
    )
    make_milestone(
        convention,
        slug="entry-into-force",
        date=datetime.date(2010, 7, 1),
        date_precision="day",
        title="Entered into force",
    )
    ecpat = make_organisation(
        name="ECPAT International",
        slug="ecpat-international",
        acronym="ECPAT",
        aliases="ECPAT",
        described_as="global network",
        founded_on=datetime.date(1990, 1, 1),
        founded_place="Bangkok",
        description="This global network was founded in Bangkok in 1990.",
        website="https://ecpat.org/",
    )
    OrganisationLink.objects.create(organisation=ecpat, label="ECPAT", url="https://ecpat.org/")
    eurochild = make_organisation(name="Eurochild", slug="eurochild")
    author = make_person(
        name="Katrin Lange", slug="katrin-lange", bio="Katrin Lange is a political scientist."
    )
    interviewee = make_person(
        name="Fabiola Bas Palomares",
        slug="fabiola-bas-palomares",
        bio="Fabiola Bas Palomares is Lead Policy & Advocacy Officer.",
    )
    Affiliation.objects.create(
        person=interviewee,
        organisation=eurochild,
        role="Lead Policy & Advocacy Officer on Online Safety",
    )

    editorial = make_article(
        title="Editorial",
        slug="editorial",
        kind=Article.Kind.EDITORIAL,
        position=90001,
        signature="Katrin Lange, Observatory",
        body="Young people feel at home in the digital world.\n\n"
        "Sexual violence has serious consequences for young people.",
    )
    introduction = make_article(
        title="Introduction: What is digital sexualised violence against children and youth, "
        "and what is the EU doing to combat it?",
        slug="introduction",
        position=90002,
        body=INTRODUCTION_BODY,
    )
    Contribution.objects.create(article=introduction, person=author, role="author")
    Source.objects.create(
        article=introduction,
        label="Project team",
        url="https://sociopolitical-observatory.eu/aboutus/projectteam/",
    )
    KeyFigure.objects.create(
        value="1.3 million",
        label="reports in the EU in 2023",
        sentence="In the EU alone, 1.3 million reports…",
        slug="reports",
        article=introduction,
        anchor="what-is-digital-sexualised-violence",
        is_published=True,
    )
    interview = make_article(
        title="Interview about the commitment of civil society organisations",
        slug="interview",
        kind=Article.Kind.INTERVIEW,
        position=90003,
        section_label="Civil society perspectives",
        body="",
    )
    Contribution.objects.create(article=interview, person=interviewee, role="interviewee")
    question = InterviewQuestion.objects.create(
        article=interview,
        position=1,
        anchor="measures-needed",
        text="What measures are needed at the EU level?",
    )
    InterviewAnswer.objects.create(
        question=question,
        position=1,
        speaker=interviewee,
        body="We need the CSA-Regulation to be passed",
        breaks_off=True,
    )
    return Dossier(
        editorial,
        introduction,
        interview,
        directive,
        regulation,
        convention,
        ecpat,
        author,
        interviewee,
    )
