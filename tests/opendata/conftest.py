"""A measure with a published and a draft milestone, for the open data tests."""

import datetime

import pytest

from tests.support.factories import make_measure, make_milestone


@pytest.fixture
def regulation():
    measure = make_measure(
        slug="csa-regulation",
        short_title="CSA Regulation",
        aliases="chat control",
        reference="COM(2022) 209 final",
        celex="52022PC0209",
        date=datetime.date(2022, 5, 11),
    )
    make_milestone(measure, slug="council-position", date=datetime.date(2023, 11, 1))
    make_milestone(measure, slug="secret-step", is_published=False)
    return measure
