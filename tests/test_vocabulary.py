"""The shared vocabulary's unit rules (`index.vocabulary`): what a counter counts, which units exclude."""

from __future__ import annotations

import pytest

from index.units import unit_class, units_exclusive


@pytest.mark.parametrize(
    ("unit", "cls"),
    [
        ("억원", "money"),
        ("천만원", "money"),
        ("천여명", "person"),
        ("인원", "person"),
        ("협력업체", "org"),
        ("new jobs", "job"),
        ("만㎡", "area"),
    ],
)
def test_unit_class(unit: str, cls: str) -> None:
    assert unit_class(unit) == cls


@pytest.mark.parametrize("word", ["회사", "이사", "도원"])
def test_a_one_syllable_counter_ends_a_unit_only_after_a_magnitude(word: str) -> None:
    """`회사` is a firm, not the counter 사; `도원` is not an amount of 원."""
    assert unit_class(word) is None


@pytest.mark.parametrize(
    ("asked", "found", "exclusive"),
    [
        ("person", "money", True),
        ("money", "org", True),
        ("area", "duration", True),
        ("person", "org", True),
        ("job", "person", False),
        ("org", "booth", False),
        ("person", None, False),
        ("money", "money", False),
        ("booth", "date", True),
        ("person", "date", True),
        ("duration", "date", False),
    ],
)
def test_units_exclusive(asked: str, found: str | None, exclusive: bool) -> None:
    assert units_exclusive(asked, found) is exclusive
