"""A running period is counted to date; a closed one whole; one not begun counts nothing."""

import datetime as dt

from salesops.periods import Period

D = dt.date


def test_counted_end_to_date_whole_or_nothing():
    nov = Period.parse("2026-11")
    assert nov.counted_end(D(2026, 11, 27)) == D(2026, 11, 27)
    assert nov.is_to_date(D(2026, 11, 27))
    assert nov.counted_end(D(2026, 12, 1)) == D(2026, 11, 30)
    assert nov.is_to_date(D(2026, 11, 30))  # its last day is not over yet
    assert not nov.is_to_date(D(2026, 12, 1))
    assert nov.counted_end(D(2026, 10, 31)) == D(2026, 10, 31)  # before the start: nothing
