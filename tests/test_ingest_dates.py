"""Document dates normalise to ISO; dates in sentences resolve against the document date."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ladder.dates import normalize_date, resolve_relative


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon, 07 Mar 2022 10:00:00 GMT", "2022-03-07"),
        ("2022-03-07T10:00Z", "2022-03-07"),
        ("2022-03-07T23:30:00-05:00", "2022-03-07"),  # the date as written, not shifted to UTC
        ("20220307", "2022-03-07"),
        ("20220307T101500Z", "2022-03-07"),  # GDELT seendate
        ("March 7, 2022", "2022-03-07"),
        ("7 March 2022", "2022-03-07"),
        ("Tuesday 8th March 2022", "2022-03-08"),
        ("2022/03/07", "2022-03-07"),
        (1646647200, "2022-03-07"),
        ("1646647200000", "2022-03-07"),
        (datetime(2022, 3, 7, 10), "2022-03-07"),
        (date(2022, 3, 7), "2022-03-07"),
        ("junk", None),
        ("", None),
        (None, None),
        ("2022-02-30", None),
        ("last week", None),
        ("March 2022", None),  # no day: not a date
        (True, None),
        ({"date": "2022-03-07"}, None),
    ],
)
def test_normalize_date(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


ANCHOR = "2022-03-09"  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russian forces shelled Kharkiv on Monday, officials said.", "2022-03-07"),
        ("Protesters gathered on Wednesday.", "2022-03-09"),  # the anchor's own weekday
        ("The army attacked last Wednesday.", "2022-03-02"),
        ("The talks will resume on Monday.", "2022-03-14"),  # future sentence: next Monday
        ("Ministers meet next Friday.", "2022-03-11"),
        ("He said yesterday that talks had failed.", "2022-03-08"),
        ("Troops arrived this morning.", "2022-03-09"),
        ("The delegation leaves tomorrow.", "2022-03-10"),
        ("Clashes began two days ago.", "2022-03-07"),
        ("Protesters clashed with police last week.", "2022-03-02"),
        ("On March 3 troops entered the city.", "2022-03-03"),
        ("On 3 March troops entered the city.", "2022-03-03"),
        ("On December 24 rebels seized the airport.", "2021-12-24"),  # past by default
        ("The summit will be held on March 30.", "2022-03-30"),
        ("The ministers met on 3 March 2021.", "2021-03-03"),
        ("The treaty was signed on January 5, 2020.", "2020-01-05"),
        ("Russia annexed Crimea in 2014.", None),  # year only: too coarse for a day
        ("Officials may meet 3 times.", None),
        ("Police arrested dozens of protesters.", None),
    ],
)
def test_resolve_relative(sentence: str, expected: str | None) -> None:
    assert resolve_relative(sentence, ANCHOR) == expected


def test_without_anchor_only_absolute_dates_resolve() -> None:
    assert resolve_relative("Troops withdrew on Monday.", None) is None
    assert resolve_relative("Troops withdrew on 3 March 2021.", None) == "2021-03-03"
    assert resolve_relative("Troops withdrew on Monday.", "not a date") is None
