import datetime as dt

import pytest

from geo.dates import parse, span

D = dt.date


@pytest.mark.parametrize(("text", "precision", "first", "last"), [
    ("2024", "year", D(2024, 1, 1), D(2024, 12, 31)),
    ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29)),
    ("2023-02", "month", D(2023, 2, 1), D(2023, 2, 28)),
    ("2024-07-09", "day", D(2024, 7, 9), D(2024, 7, 9)),
])
def test_parse(text, precision, first, last):
    p = parse(text)
    assert (p.text, p.precision, p.first_day, p.last_day) == (text, precision, first, last)
    assert str(p) == text


@pytest.mark.parametrize(("text", "message"), [
    ("2024-13", "'2024-13' is not a calendar date (month 13)"),
    ("2024-00-01", "'2024-00-01' is not a calendar date (month 0)"),
    ("2023-02-29", "'2023-02-29' is not a calendar date (2023-02 has 28 days)"),
    ("2024-04-31", "'2024-04-31' is not a calendar date (2024-04 has 30 days)"),
    ("0000", "'0000' is not a calendar date (year 0)"),
    ("2024-1-5", "'2024-1-5' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("24", "'24' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("2024-01-01T00:00", "'2024-01-01T00:00' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("", "'' is not YYYY, YYYY-MM or YYYY-MM-DD"),
])
def test_parse_rejects(text, message):
    with pytest.raises(ValueError) as e:
        parse(text)
    assert str(e.value) == message


def test_leap_day():
    assert parse("2024-02-29").first_day == D(2024, 2, 29)


def test_span():
    assert span(D(2020, 3, 4)) == (D(2020, 3, 4), D(2020, 3, 4))
    assert span(dt.datetime(2020, 3, 4, 12)) == (D(2020, 3, 4), D(2020, 3, 4))
    assert span(" 2020-03 ") == (D(2020, 3, 1), D(2020, 3, 31))
    with pytest.raises(ValueError):
        span("March 2020")
