"""Dates against office tenures (``checker/roles.py``): an uncertain date takes no side."""
from __future__ import annotations

import pytest

from checker.roles import _covers, _when
from claims.models import Claim, Qualifiers


def role(time: str | None, end: str | None = None, source: str = "doc") -> Claim:
    return Claim(id=f"{source}#1", source=source, kind="role", subject="林芳正", predicate="holds_office",
                 predicate_class="role", object="外相", qualifiers=Qualifiers(time=time, time_end=end, role="外相"),
                 quote="外務大臣の林芳正", start=0, end=8, line=1, sentence_start=0, sentence_end=8)


@pytest.mark.parametrize("start, end, partial, covered", [
    ("2023-12-14", "2024-10-01", "2023", False),     # begins late in that year
    ("2021-11-10", "2023-09-13", "2023", False),     # ends within that year
    ("2021-10-04", "2024-10-01", "2023", True),      # the whole year inside
    ("2023-05-01", "2023-05-31", "2023-05", True),
    ("2023-05-02", "2023-05-31", "2023-05", False),
    ("2024-01-01", "2024-02-29", "2024-02", True),   # a leap year's February
    ("2023-01-01", "9999-12-31", "2023", True),      # an open tenure
])
def test_a_tenure_covers_a_year_or_month_only_whole(start, end, partial, covered):
    assert _covers(start, end, partial) is covered


@pytest.mark.parametrize("time, overlaps", [
    ("2023", False),         # 「外務大臣の林芳正」 in a text dated only 2023: takes no side
    ("2023-12", False),      # the tenure begins on the 14th
    ("2024", False),
    ("2024-03", True),
    ("2023-12-20", True),    # a day inside the tenure
    ("2023-05-21", False),
])
def test_a_statement_against_a_tenure(time, overlaps):
    tenure = role("2023-12-14", "2024-10-01", source="facts")
    assert _when(role(time), tenure) is overlaps
    assert _when(tenure, role(time)) is overlaps
