"""Date helpers: normalise document dates to ISO and resolve dates mentioned in sentences.

Why here and not in ingest: the coder needs :func:`resolve_relative` once per event
("on Monday" in a story dated 2022-03-07 means 2022-03-07), ingest needs
:func:`normalize_date` once per record.  Both must be cheap: plain regexes handle the
common shapes, ``dateparser`` only sees short, pre-extracted expressions, and results
are cached.

Conventions (news usage):

* a bare weekday ("on Monday") is the most recent such day on or before the anchor,
  unless the sentence speaks of the future ("will meet on Monday", "next Monday"),
  then it is the next such day after the anchor;
* a day and month without a year ("on March 3") is in the anchor's year, moved one
  year back if that lands after the anchor (one year forward for future sentences);
* month-only and year-only mentions ("in 2014", "in March") are too coarse to give a
  day and resolve to ``None``.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

__all__ = ["normalize_date", "resolve_relative"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM_WORDS = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a\s+few|several|a\s+couple\s+of)"
)

#: Cheap pre-filter: a sentence without any of these words never reaches dateparser.
_ANY_DATE_WORD = re.compile(
    rf"\b(?:{_MONTH_RE}|{_WEEKDAY_RE}|yesterday|today|tonight|tomorrow|ago|"
    r"(?:last|next|past|previous|coming)\s+(?:week|month|year|weekend|night)|"
    r"this\s+(?:morning|afternoon|evening|week)|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)

_ISO_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DMY_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_MDY_RE = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_MD_RE = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d)", re.I)
_DM_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b(?!\.?,?\s+\d)", re.I)
_WEEKDAY_EXPR = re.compile(rf"\b(?:(last|next|this|past|coming)\s+)?({_WEEKDAY_RE})\b", re.I)
_DAY_WORD = re.compile(
    r"\b(yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening|week)"
    r"|last\s+night|earlier\s+today)\b",
    re.I,
)
_OFFSET_EXPR = re.compile(
    rf"\b(?:{_NUM_WORDS}\s+(?:days?|weeks?|months?|years?)\s+ago"
    r"|(?:last|past|previous|next|coming)\s+(?:week|month|year|weekend))\b",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|plans?\s+to|planning|scheduled|expected\s+to|"
    r"upcoming|next|coming|due\s+to|going\s+to|to\s+be\s+held)\b",
    re.I,
)


def _valid(year: int, month: int, day: int) -> date | None:
    if not 1000 <= year <= 2999:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


_NORM_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])")
_NORM_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|[T\s]?\d{2,6}Z?$)")
_NORM_SLASH_YMD = re.compile(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
_NORM_EPOCH = re.compile(r"^\s*(\d{9,10}|\d{12,13})(?:\.\d+)?\s*$")


def normalize_date(value: Any) -> str | None:
    """Return ``YYYY-MM-DD`` for a date in any common news/export format, else ``None``.

    Accepts ISO dates and datetimes (the date as written, not shifted to UTC),
    ``20220307``, RFC 2822 ("Mon, 07 Mar 2022 10:00:00 GMT"), "March 7, 2022",
    "7 March 2022", epoch seconds or milliseconds, ``datetime``/``date`` objects.
    Junk, empty strings and out-of-range years give ``None`` (never an exception).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    return _normalize_str(text)


def _from_epoch(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000.0
    if not 1e8 <= seconds <= 5e9:  # 1973 .. 2128: plausible publication times only
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()


@lru_cache(maxsize=4096)
def _normalize_str(text: str) -> str | None:
    if _NORM_EPOCH.match(text):
        return _from_epoch(float(text))
    for pattern in (_NORM_ISO, _NORM_SLASH_YMD, _NORM_COMPACT):
        m = pattern.match(text)
        if m:
            return _iso(_valid(int(m[1]), int(m[2]), int(m[3])))
    if re.match(r"^[A-Za-z]{3},?\s+\d", text):
        try:
            return parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    for pattern in (_MDY_RE, _DMY_RE):
        m = pattern.search(text)
        if m:
            return _absolute(m, pattern is _DMY_RE)
    if not re.search(r"\d", text) or not re.search(r"[A-Za-z]{3}|\d[/.]\d", text):
        return None
    parsed = _parser(None, "first").get_date_data(text)
    got = parsed.date_obj
    if got is None or parsed.period != "day":
        return None
    return _iso(_valid(got.year, got.month, got.day))


def _absolute(m: re.Match[str], day_first: bool) -> str | None:
    if day_first:
        day, month, year = m[1], m[2], m[3]
    else:
        month, day, year = m[1], m[2], m[3]
    return _iso(_valid(int(year), _MONTHS[month.lower().rstrip(".")], int(day)))


@lru_cache(maxsize=256)
def _parser(anchor: date | None, prefer: str) -> Any:
    """A cached ``dateparser`` parser for one anchor (documents repeat anchors)."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day, 12)
        settings["PREFER_DATES_FROM"] = prefer
    return DateDataParser(languages=["en"], settings=settings)


def resolve_relative(sentence: str, anchor: str | None) -> str | None:
    """The ISO date a sentence refers to ("on Monday", "yesterday", "on March 3"), or None.

    ``anchor`` is the document date (ISO); without it only absolute dates resolve.
    The first date expression in the sentence wins, absolute dates before relative ones.
    """
    if not sentence or not _ANY_DATE_WORD.search(sentence):
        return None
    anchor_day = _anchor(anchor)
    return _resolve(sentence, anchor_day)


@lru_cache(maxsize=128)
def _anchor(anchor: str | None) -> date | None:
    iso = normalize_date(anchor)
    return date.fromisoformat(iso) if iso else None


@lru_cache(maxsize=8192)
def _resolve(sentence: str, anchor: date | None) -> str | None:
    for pattern in (_MDY_RE, _DMY_RE):
        m = pattern.search(sentence)
        if m:
            return _absolute(m, pattern is _DMY_RE)
    m_iso = _ISO_RE.search(sentence)
    if m_iso:
        return _iso(_valid(int(m_iso[1]), int(m_iso[2]), int(m_iso[3])))
    if anchor is None:
        return None
    future = bool(_FUTURE.search(sentence))
    for m in (_MD_RE.search(sentence), _DM_RE.search(sentence)):
        if m:
            got = _month_day(m, anchor, future)
            if got:
                return got
    m = _WEEKDAY_EXPR.search(sentence)
    if m:
        return _weekday(m[1], m[2], anchor, future).isoformat()
    m = _DAY_WORD.search(sentence)
    if m:
        word = m[1].lower()
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        return (anchor + timedelta(days=shift)).isoformat()
    m = _OFFSET_EXPR.search(sentence)
    if m:
        expr = re.sub(r"\bcoming\b", "next", re.sub(r"\b(past|previous)\b", "last", m[0].lower()))
        expr = expr.replace("weekend", "week")
        parsed = _parser(anchor, "future" if expr.startswith("next") else "past").get_date_data(expr)
        if parsed.date_obj is not None:
            return parsed.date_obj.date().isoformat()
    return None


def _month_day(m: re.Match[str], anchor: date, future: bool) -> str | None:
    a, b = m[1], m[2]
    month_name, day = (a, b) if not a.isdigit() else (b, a)
    month = _MONTHS.get(month_name.lower().rstrip("."))
    if month is None:
        return None
    if month_name.lower() == "may" and not m[0][0].isdigit():
        # "may 3" is rare in prose; "May 3" (capitalised) is the month
        if not month_name[0].isupper():
            return None
    got = _valid(anchor.year, month, int(day))
    if got is None:
        return None
    if not future and got > anchor + timedelta(days=1):
        got = _valid(anchor.year - 1, month, int(day))
    elif future and got < anchor - timedelta(days=1):
        got = _valid(anchor.year + 1, month, int(day))
    return _iso(got)


def _weekday(modifier: str | None, name: str, anchor: date, future: bool) -> date:
    target = _WEEKDAYS[name.lower()]
    mod = (modifier or "").lower()
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    if mod in ("next", "coming"):
        return anchor + timedelta(days=ahead or 7)
    if mod in ("last", "past"):
        return anchor - timedelta(days=back or 7)
    if future and ahead:
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)
