"""Dates as publishers write them, turned into ISO prefixes (``1962``, ``1962-01``, ...).

Lists give dates of birth as full dates, months, years, "circa" years and ranges. FtM
dates are ISO prefixes, so a year stands for "some day that year"; a range becomes every
year in it, as OpenSanctions does, so that a query year inside the range agrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prefixdate import parse_formats

# Formats seen in OFAC remarks, the UN XML, the CSL and the DPL; tried in order.
FORMATS = (
    "%Y-%m-%d",
    "%d %b %Y",
    "%d %B %Y",
    "%d-%b-%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%b %Y",
    "%B %Y",
    "%Y-%m",
    "%Y",
)
_CIRCA = re.compile(r"^(circa|approximately|approx\.?|about|ca\.?|c\.)\s*", re.I)
_RANGE = re.compile(r"^(?:between\s+)?(\d{4})\s*(?:to|-|–|and)\s*(\d{4})$", re.I)
MAX_RANGE_YEARS = 20


@dataclass(frozen=True)
class ParsedDate:
    """ISO prefixes for one written date, and whether the publisher said "circa"."""

    values: tuple[str, ...]
    circa: bool = False


def parse_one(text: str) -> str | None:
    """One written date as an ISO prefix, or None.

    >>> parse_one("12 Jan 1962"), parse_one("Jan 1962"), parse_one("1962"), parse_one("x")
    ('1962-01-12', '1962-01', '1962', None)
    """
    text = " ".join(text.replace(",", " ").split())
    # prefixdate (followthemoney's) keeps the precision each format gives: a month stays a month.
    return parse_formats(text, FORMATS).text


def year_range(start: int, end: int, circa: bool) -> ParsedDate | None:
    if start <= end and end - start <= MAX_RANGE_YEARS:
        return ParsedDate(tuple(str(y) for y in range(start, end + 1)), circa)
    return None


def parse_date(text: str | None) -> ParsedDate | None:
    """A written date, circa date or range of years, or None when it is none of these.

    >>> parse_date("circa 1955")
    ParsedDate(values=('1955',), circa=True)
    >>> parse_date("1960 to 1962").values
    ('1960', '1961', '1962')
    >>> parse_date("01 Jan 1961 to 31 Dec 1962").values
    ('1961', '1962')
    """
    if text is None:
        return None
    text = text.strip().rstrip(".").strip()
    if not text:
        return None
    circa = bool(_CIRCA.match(text))
    text = _CIRCA.sub("", text)
    m = _RANGE.match(text)
    if m:
        return year_range(int(m.group(1)), int(m.group(2)), circa)
    if " to " in text:
        # "01 Jan 1961 to 31 Dec 1962": a range of full dates covers the years between.
        start, end = (parse_one(t) for t in text.split(" to ", 1))
        if start and end:
            return year_range(int(start[:4]), int(end[:4]), circa)
        return None
    one = parse_one(text)
    return ParsedDate((one,), circa) if one else None
