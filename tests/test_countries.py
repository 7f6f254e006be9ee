"""The country table (`index.countries`): a place phrase is a country, in either language."""

from __future__ import annotations

import pytest

from index.countries import country_of


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("U.S.", "United States"),
        ("the U.S.", "United States"),
        ("US", "United States"),
        ("the United States", "United States"),
        ("베트남", "Vietnam"),
        ("Viet Nam", "Vietnam"),
        ("us", None),  # a pronoun, not the country
        ("Fenwick", None),
        ("보람시", None),
    ],
)
def test_country_of(phrase: str, country: str | None) -> None:
    assert country_of(phrase) == country
