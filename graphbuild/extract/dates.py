"""Dates in Persian political texts: find them and give their value in the Gregorian calendar.

:func:`find_dates` finds dates written with a month name (Solar Hijri, Gregorian or lunar Hijri; Persian or
Latin script), years marked as years («سال ۱۳۵۷», «۱۹۱۷ میلادی», «۱۴۴۰ قمری»), numeric dates whose order is
plain («۱۳۹۸/۰۵/۲۴», «2016-10-28», «28.10.2016»), and ranges and pairs of these. Each value is an ISO
Gregorian date at the precision the text states: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'. Calendars are converted
by ``jdatetime`` (Solar Hijri) and ``hijridate`` (lunar Hijri, Umm al-Qura tables, years 1343–1500 only).

Decisions:

* Two-digit years are Solar years: ``00``–``10`` are 1400–1410, ``11``–``99`` are 1311–1399
  (:data:`TWO_DIGIT_PIVOT`). The pivot is a constant, not read from the clock, so a build is reproducible;
  move it forward as the years pass. A two-digit number after a Gregorian or lunar month is no year.
* A Solar or lunar month is given as the Gregorian month in which most of its days fall (ties: the earlier
  one); ``note`` gives its exact Gregorian span. Dey 1396 → '2018-01', note 'solar 1396-10 = 2017-12-22..
  2018-01-20'.
* A Solar or lunar year is given as a range of Gregorian years (1357 → '1978'..'1979'), because a quarter of
  a Solar year falls in the next Gregorian year, and the events of that quarter (the revolution of Bahman 57)
  are the ones most often cited; ``note`` gives the exact span.
* A day that its month does not have («۳۰ فوریه ۲۰۱۹», «۳۱ مهر ۱۳۹۸») leaves the date at month precision, with
  a note. A number above 31 is no day at all: «۳۲ مرداد ۱۳۹۸» is found as «مرداد ۱۳۹۸». A numeric date that is
  not a real date is not returned.
* «سال» and a four-digit year without a calendar word: 1200–1499 is a Solar year, other years 1000–2100 are
  Gregorian. «سال‌های» needs a range after it («سال‌های ۱۳۶۰ تا ۱۳۶۷»): alone it names a decade. A bare
  four-digit year or range of years counts only with a calendar word after it, or alone in parentheses
  («جنگ جهانی اول (۱۹۱۴–۱۹۱۸)»), the way a text dates what it has just named.
* A day and month without a year («۸ مارس», «اول ماه مه») is a named day, not a date: nothing is returned,
  unless the caller gives the document's own date (:class:`ReferenceDate`, see :func:`document_reference_date`):
  then «۲۸ اسفند», «روز ۸ تیر», «3 June» take the last year in which that day came at or before the
  reference (an issue of 10 Tir 1400 saying «۲۸ اسفند» means 1399), reckoned in the day's own calendar, with
  the note «year taken from the document's date (…)». A reference known only to the month or year («2012-04»
  in a catalogue) dates a day only when every day of that month or year gives the same answer. Named days
  (``named_days``) stay named days even then, and a day its month lacks gives nothing.
* A season and a year («تابستان ۱۳۶۷», «پاییز ۵۷», «زمستان ۱۹۷۸») is given at year precision: the Gregorian
  year that holds most of the season's days (a Solar winter, Dey to Esfand, is mostly in the next Gregorian
  year), with a note giving the exact span. A Gregorian season is given as its year as written, since where
  a Gregorian winter starts is not fixed; lunar years have no seasons.
* A pair joined by «و» («۲۰ و ۲۱ مهر ۱۳۹۸») has ``end_value`` like a range, and ``note`` 'pair'.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

import jdatetime
from hijridate import Gregorian, Hijri

TWO_DIGIT_PIVOT = 10  # two-digit years up to this are 14xx, above it 13xx
# Years each calendar accepts. The lunar library's own range (1343–1500) narrows the lunar one further.
YEAR_RANGE = {"solar": (1000, 1499), "gregorian": (1000, 2100), "lunar": (1000, 1500)}
SOLAR_AFTER_SAL = (1200, 1499)  # «سال ۱۳۵۷»: a four-digit year after «سال» in this range is Solar

# One character for one, so that offsets found in the translated text hold in the original.
_TRANSLATION = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩يكى", "01234567890123456789یکی")
SP = r"(?:[^\S\n]|\u200c)*"  # spaces and half-spaces, possibly none (PDF extraction); never a line break
NO_LETTER_BEFORE = r"(?<![^\W\d_])(?<!\u200c)"
NO_LETTER_AFTER = r"(?![^\W\d_])(?!\u200c)"
# A day: 1–31 in digits, or written as a word (``day_words``: «اول مهر ۱۳۹۸», «بیست و نهم آبان ۱۳۲۴»).
DAY = r"(?:(?<!\d)(?P<{0}>0?[1-9]|[12][0-9]|3[01])(?!\d)|{1}(?P<{0}_word>{3}){2})"
YEAR = r"(?<!\d)(?P<{}>[0-9]{{4}}|[0-9]{{2}})(?!\d)"
RANGE_WORD = r"(?:تا|الی|-|–|—)"
JOIN = rf"(?P<join>{RANGE_WORD}|و)"
SEPARATOR_ONLY = re.compile(rf"{SP}{RANGE_WORD}{SP}")
# Not inside a longer run of numbers, nor glued to Latin letters: a reference, a version («v1.2.2016»).
NUMBER_START = r"(?<![\dA-Za-z])(?<!\d[/.\-])"
NUMBER_END = r"(?![/.\-]?\d)(?![A-Za-z])"
NUMERIC_REST = r"(?P<sep>[/.\-])(?P<first>[0-9]{1,2})(?P=sep)(?P<second>[0-9]{1,2})"  # after a year
NUMERIC_DAY_MONTH = r"(?P<first>[0-9]{1,2})(?P<sep>[/.\-])(?P<second>[0-9]{1,2})(?P=sep)"  # before a year
# A day without a year: in digits only («اول تیر» is too often no date), and not the end of «۱۲.۵» or «۳/۴».
DIGIT_DAY = r"(?<![0-9][/.,٫])(?<!\d)(?P<{}>0?[1-9]|[12][0-9]|3[01])(?!\d)"
DATELINE_LINES = 3  # a dateline or masthead is on one of the text's first lines that hold anything
DATELINE_WORDS = 8  # …and is short: a date inside a longer first sentence is what the sentence reports
ISO_VALUE = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")
NUMBER_AFTER = re.compile(rf"{SP}(?:سال{SP})?[0-9]+")  # after a day and month: a year, or a count of things


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int  # character offsets into the text given
    text: str  # text[start:end]
    start_value: str  # ISO Gregorian: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY', the precision the text states
    end_value: str | None  # for ranges and pairs, else None
    calendar: str  # 'solar', 'gregorian' or 'lunar', as written
    note: str = ""  # the exact Gregorian span of a Solar or lunar month or year; other remarks
    year_from_reference: bool = False  # no year written: it was taken from the document's date


@dataclass(frozen=True)
class ReferenceDate:
    """The day a document was published, against which a day and month written without a year is read.

    A date known only to its month or year is the span of its days, ``earliest`` to ``latest``.
    """

    earliest: date
    latest: date
    label: str  # how the document gives it, for notes: «catalogue 2016-10-30», «dateline ۱۰ تیر ۱۴۰۰»


@dataclass(frozen=True)
class MonthNames:
    """The words dates are made of, from the ``[dates]`` table of ``patterns.toml``. Tuples, so it hashes."""

    solar: tuple[tuple[str, int], ...] = ()
    gregorian: tuple[tuple[str, int], ...] = ()
    lunar: tuple[tuple[str, int], ...] = ()
    latin: tuple[tuple[str, int], ...] = ()  # Gregorian months in Latin script, any letter case
    markers: tuple[tuple[str, str], ...] = ()  # calendar words after a year: (words, calendar)
    count_words: tuple[str, ...] = ()  # words after a number that show it counts things
    seasons: tuple[tuple[str, int], ...] = ()  # a season's name and the first Solar month it holds
    named_days: tuple[str, ...] = ()  # «۸ مارس», «اول ماه مه»: no date even when the document's year is known
    day_words: tuple[tuple[str, int], ...] = ()  # «اول», «بیست و نهم»: a day written as a word
    afghan: tuple[str, ...] = ()  # Solar months by their Afghan names, also among ``solar``
    equivalence_words: tuple[str, ...] = ()  # «برابر با»: the same day in another calendar follows
    short_numeric_openers: tuple[str, ...] = ()  # «مورخه»: a numeric date with a two-digit year may follow
    dateline_lead_words: tuple[str, ...] = ()  # «دوشنبه», «روز»: what may stand before a dateline's day
    relative_years: tuple[tuple[str, int], ...] = ()  # «سال گذشته» → -1: a year counted from the document's

    @classmethod
    def from_table(cls, table: Mapping) -> MonthNames:
        def pairs(key: str) -> tuple:
            return tuple((str(name), value) for name, value in table.get(key, ()))

        afghan = pairs("months_solar_afghan")
        return cls(
            pairs("months_solar") + afghan, pairs("months_gregorian"), pairs("months_lunar"), pairs("months_latin"),
            pairs("calendar_markers"), tuple(table.get("year_count_words", ())), pairs("seasons"),
            tuple(str(name) for name, _ in table.get("named_days", ())), pairs("day_words"),
            tuple(name for name, _ in afghan), tuple(table.get("equivalence_words", ())),
            tuple(table.get("short_numeric_openers", ())), tuple(table.get("dateline_lead_words", ())),
            pairs("relative_years"),
        )

    def lookup(self) -> dict[str, tuple[str, int]]:
        """Compact spelling → (calendar, month number). Earlier calendars win a name two of them share."""
        return _month_lookup(self)

    def marker_calendars(self) -> dict[str, str]:
        """Compact spelling of a calendar's name → the calendar."""
        return _marker_lookup(self)

    def season_months(self) -> dict[str, int]:
        """Compact spelling of a season's name → the first Solar month it holds."""
        return _season_lookup(self)

    def day_numbers(self) -> dict[str, int]:
        """Compact spelling of a day written as a word → its number."""
        return _day_word_lookup(self)


@lru_cache(maxsize=8)
def _month_lookup(names: MonthNames) -> dict[str, tuple[str, int]]:
    table: dict[str, tuple[str, int]] = {}
    for calendar, months in (("solar", names.solar), ("gregorian", names.gregorian), ("lunar", names.lunar),
                             ("gregorian", names.latin)):
        for name, number in months:
            table.setdefault(_compact(name), (calendar, int(number)))
    return table


@lru_cache(maxsize=8)
def _marker_lookup(names: MonthNames) -> dict[str, str]:
    return {_compact(words): calendar for words, calendar in names.markers}


@lru_cache(maxsize=8)
def _day_word_lookup(names: MonthNames) -> dict[str, int]:
    return {_compact(word): number for word, number in names.day_words}


@lru_cache(maxsize=8)
def _season_lookup(names: MonthNames) -> dict[str, int]:
    return {_compact(name): month for name, month in names.seasons}


@dataclass(frozen=True)
class _Point:
    """A date as written: a calendar, a year and, if the text gives them, a month and a day."""

    calendar: str
    year: int
    month: int | None = None
    day: int | None = None


# ---- public helpers ----


@lru_cache(maxsize=1)
def default_month_names() -> MonthNames:
    """The language package's month names (its patterns file's date tables), read once."""
    from graphbuild.lang.fa import read_patterns

    return MonthNames.from_table(read_patterns()["dates"])


def is_month_name(word: str) -> bool:
    """Whether a word is the name of a month in any calendar dates are read in («تیر», «اکتبر», «May»)."""
    return _compact(word) in default_month_names().lookup()


def solar_year_to_gregorian(year: int) -> tuple[str, str | None, str]:
    """A Solar year (four digits, or two as in «انقلاب ۵۷») as (start year, end year or None, note).

    Raises ValueError for a year outside the range dates are recognised in.
    """
    if 0 <= year < 100:
        year = expand_two_digit_year(year)
    resolved = _resolve(_Point("solar", year)) if _year_in_range("solar", year) else None
    if resolved is None:
        raise ValueError(f"not a Solar year this module handles: {year}")
    return resolved


def to_gregorian_value(calendar: str, year: int, month: int | None = None,
                       day: int | None = None) -> tuple[str, str | None, str] | None:
    """A date given by its numbers in ``calendar`` ('solar', 'gregorian' or 'lunar') as (start value, end
    value or None, note), by the rules above (a Solar month → the Gregorian month most of its days are in);
    None if no such date, or the year is outside the range dates are read in. For a catalogue's dates."""
    if not _year_in_range(calendar, year) or (day is not None and month is None):
        return None
    return _resolve(_Point(calendar, year, month, day))


def year_in_a_name(digits: str) -> tuple[str, str | None, str] | None:
    """The year an event's name ends with («انقلاب ۵۷», «بحران مالی ۲۰۰۸», «اعتصابات ۱۳۹۸»), its digits as
    written (any script), as (start, end or None, note). It is read as any bare year is: two digits or
    1200–1499 are Solar, other four-digit years Gregorian."""
    digits = digits.translate(_TRANSLATION)
    year = int(digits)
    if _calendar_of_bare_year(digits) == "solar":
        return solar_year_to_gregorian(year)
    return (str(year), None, "") if _year_in_range("gregorian", year) else None


def expand_two_digit_year(year: int) -> int:
    """A two-digit Solar year as four digits: up to :data:`TWO_DIGIT_PIVOT` is 14xx, the rest 13xx."""
    return 1400 + year if year <= TWO_DIGIT_PIVOT else 1300 + year


def find_dates(text: str, month_names: MonthNames | None = None,
               reference: ReferenceDate | None = None) -> list[DateMention]:
    """The dates in ``text``, sorted and without overlaps. Never raises on any input.

    With a ``reference`` (the document's date), a day and month without a year is a date too.
    """
    names = month_names if month_names is not None else default_month_names()
    scan = text.translate(_TRANSLATION)  # digits of every script as Latin ones, Arabic ی and ک as Persian
    candidates = [
        mention
        for pattern, handler in _forms(names)
        for match in pattern.finditer(scan)
        if (mention := handler(match, text, scan, names)) is not None
    ]
    if reference is not None:
        candidates += [
            mention
            for pattern, handler in _yearless_forms(names)
            for match in pattern.finditer(scan)
            if (mention := handler(match, text, scan, names, reference)) is not None
        ]
    found = _merge_ranges(_longest_first(candidates), text, scan)
    if equivalents := _yearless_equivalents(found, text, scan, names):
        # first in line, so that they win over the same days read against the document's date
        found = _merge_ranges(_longest_first(equivalents + candidates), text, scan)
    return found


def _yearless_equivalents(found: list[DateMention], text: str, scan: str, names: MonthNames) -> list[DateMention]:
    """«۱۰ و ۱۱ آذر، برابر با ۱ و ۲ دسامبر ۲۰۱۸»: a day and month without a year, set beside the same day in
    another calendar (``equivalence_words``, or parentheses), takes its year from it, whatever the document's
    date. Kept only when the two agree to within a few days."""
    words = _alternation(list(names.equivalence_words)) or "(?!)"
    link = rf"{SP}[,،]?{SP}(?:(?:{words}){SP}[:]?{SP}|\({SP})"
    dated = [d for d in found if not d.year_from_reference]
    equivalents = []
    for pattern, handler in _yearless_forms(names):
        for match in pattern.finditer(scan):
            after = re.compile(link).match(scan, match.end())
            beside = next((d for d in dated if after and d.start == after.end()), None)
            if beside is None:  # «۱ دسامبر ۲۰۱۸ (۱۰ آذر)»: the dated one first
                beside = next((d for d in dated if d.end <= match.start() and re.fullmatch(
                    link, scan[d.end:match.start()])), None)
            if beside is None:
                continue
            last = _last_day(beside.end_value or beside.start_value)
            reference = ReferenceDate(last + timedelta(days=EQUIVALENT_SLACK), last + timedelta(days=EQUIVALENT_SLACK),
                                      f"the same date beside it, «{beside.text}»")
            mention = handler(match, text, scan, names, reference)
            if mention is not None and mention.calendar != beside.calendar and _close(mention, beside):
                equivalents.append(replace(mention, note=mention.note.replace("the document's date", "its year")))
    return equivalents


EQUIVALENT_SLACK = 3  # days: the reference for a yearless day is just after the date it is set beside


def _last_day(value: str) -> date:
    """The last day of an ISO value of any precision."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        following = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(parts[0], 12, 31)


def _close(a: DateMention, b: DateMention) -> bool:
    """Whether two dates start within a month of each other (one may be known only to the month)."""
    first, second = _last_day(a.start_value), _last_day(b.start_value)
    return abs((first - second).days) <= 31


def reference_from_value(value: str) -> ReferenceDate | None:
    """A catalogue's date as a reference: ISO Gregorian ('2016-10-30', '2012-04', '2019'), or else a full
    date written as the texts write one («۱۰ تیر ۱۴۰۰», «۱۴۰۰/۰۴/۱۰»). None if it is neither."""
    value = value.strip()
    label = f"catalogue {value}"
    iso = ISO_VALUE.fullmatch(value.translate(_TRANSLATION))
    if iso and _calendar_of_bare_year(iso.group("year")) == "gregorian":  # «1400-04-10» is a Solar date
        year, month, day = (int(part) if part else None for part in iso.group("year", "month", "day"))
        if day is not None:
            first = _to_gregorian("gregorian", year, month, day)
            return ReferenceDate(first, first, label) if first else None
        bounds = _month_bounds("gregorian", year, month) if month else _year_bounds("gregorian", year)
        return ReferenceDate(*bounds, label) if bounds else None
    found = [d for d in find_dates(value) if _is_one_day(d)]
    if len(found) != 1:
        return None
    day = date.fromisoformat(found[0].start_value)
    return ReferenceDate(day, day, label)


def reference_from_dateline(text: str, month_names: MonthNames | None = None) -> ReferenceDate | None:
    """The date of a dateline or masthead: the one full date on a short line among the text's first lines
    («پنجشنبه ۱۰ تیر ۱۴۰۰», «اخگر ۲۱۷ – ۱۰ تیر ۱۴۰۰»)."""
    names = month_names if month_names is not None else default_month_names()
    lines = [line for line in text.splitlines() if line.strip()][:DATELINE_LINES]
    for line in lines:
        if (found := _dateline_day(line, names)) is not None:
            day = date.fromisoformat(found.start_value)
            return ReferenceDate(day, day, f"dateline {found.text}")
    return None


def _dateline_day(line: str, names: MonthNames) -> DateMention | None:
    """The one day of a short line; or, on a longer one, a day that opens it after no more than a weekday
    or «روز» («دوشنبه ۹ مهر ۹۷ …»), ends it after a dash («گزارشی از … - ۲۹ فروردین ۱۴۰۰»), or stands in
    the parentheses of a news opening («شهر (خبرگزاری، ۲۹ دلو ۹۱): …»)."""
    found = [d for d in find_dates(line, names) if _is_one_day(d)]
    if len(line.split()) <= DATELINE_WORDS:
        return found[0] if len(found) == 1 else None
    if not found:
        return None
    first, last = found[0], found[-1]
    if _dateline_lead(names).fullmatch(line.translate(_TRANSLATION), 0, first.start):
        return first
    if re.search(r"[-–—|]\s*$", line[: last.start]) and not line[last.end :].strip(" .،,:؛"):
        return last
    opening = line.find("(")
    if 0 <= opening < first.start and len(line[:opening].split()) <= 2 and re.match(r"\s*\)", line[first.end :]):
        return first
    return None


@lru_cache(maxsize=8)
def _dateline_lead(names: MonthNames) -> re.Pattern:
    words = _alternation(list(names.dateline_lead_words)) or "(?!)"
    return re.compile(rf"(?:{SP}(?:{words}|[0-9:/]+|[-–—|،,:؛()]){SP})*")


def document_reference_date(catalogue_date: str | None, text: str) -> ReferenceDate | None:
    """A document's own date: the catalogue's, else its dateline's, else None."""
    if catalogue_date and (reference := reference_from_value(catalogue_date)) is not None:
        return reference
    return reference_from_dateline(text)


def _is_one_day(mention: DateMention) -> bool:
    return len(mention.start_value) == 10 and mention.end_value is None


# ---- calendars: every conversion goes through jdatetime, hijridate or datetime ----


def _to_gregorian(calendar: str, year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a day in ``calendar``, or None if the day does not exist or is out of range."""
    try:
        if calendar == "solar":
            return jdatetime.date(year, month, day).togregorian()
        if calendar == "lunar":
            return date(*Hijri(year, month, day).to_gregorian().datetuple())
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _month_bounds(calendar: str, year: int, month: int) -> tuple[date, date] | None:
    """First and last Gregorian day of a month: the day before the next month's first."""
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    first = _to_gregorian(calendar, year, month, 1)
    after = _to_gregorian(calendar, *following, 1)
    return (first, after - timedelta(days=1)) if first and after else None


def _from_gregorian(calendar: str, day: date) -> tuple[int, int, int] | None:
    """A Gregorian day as (year, month, day) in ``calendar``, or None outside the calendar's tables."""
    try:
        if calendar == "solar":
            solar = jdatetime.date.fromgregorian(date=day)
            return solar.year, solar.month, solar.day
        if calendar == "lunar":
            return Gregorian(day.year, day.month, day.day).to_hijri().datetuple()
        return day.year, day.month, day.day
    except (ValueError, OverflowError):
        return None


def _year_before(reference: ReferenceDate, calendar: str, month: int, day: int) -> int | None:
    """The year of the last ``day`` of ``month`` in ``calendar`` at or before the reference; None when the
    reference's span (a month, a year) holds days that would give different years."""
    years = set()
    for bound in (reference.earliest, reference.latest):
        written = _from_gregorian(calendar, bound)
        if written is None:
            return None
        years.add(written[0] if (month, day) <= written[1:] else written[0] - 1)
    return years.pop() if len(years) == 1 else None


def _year_bounds(calendar: str, year: int) -> tuple[date, date] | None:
    first, last = _month_bounds(calendar, year, 1), _month_bounds(calendar, year, 12)
    return (first[0], last[1]) if first and last else None


def _year_in_range(calendar: str, year: int) -> bool:
    low, high = YEAR_RANGE[calendar]
    return low <= year <= high


@lru_cache(maxsize=4096)  # a document names the same few dates again and again
def _resolve(point: _Point) -> tuple[str, str | None, str] | None:
    """(start value, end value or None, note) of a point at the precision it was written with."""
    if point.day is not None:
        day = _to_gregorian(point.calendar, point.year, point.month, point.day)
        return (day.isoformat(), None, "") if day else None
    if point.month is not None:
        return _resolve_month(point)
    if point.calendar == "gregorian":
        return f"{point.year:04d}", None, ""
    bounds = _year_bounds(point.calendar, point.year)
    if bounds is None:
        return None
    first, last = bounds
    end = f"{last.year:04d}" if last.year != first.year else None
    return f"{first.year:04d}", end, f"{point.calendar} {point.year} = {first}..{last}"


def _resolve_month(point: _Point) -> tuple[str, str | None, str] | None:
    """A Gregorian month as itself; another calendar's month as the Gregorian month most of its days are in."""
    if point.calendar == "gregorian":
        return (f"{point.year:04d}-{point.month:02d}", None, "") if 1 <= point.month <= 12 else None
    bounds = _month_bounds(point.calendar, point.year, point.month)
    if bounds is None:
        return None
    first, last = bounds
    days = Counter((day.year, day.month) for day in _days(first, last))
    (year, month), _ = days.most_common(1)[0]  # ties go to the earlier month, counted first
    note = f"{point.calendar} {point.year}-{point.month:02d} = {first}..{last}" if len(days) > 1 else ""
    return f"{year:04d}-{month:02d}", None, note


def _days(first: date, last: date) -> Iterator[date]:
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


# ---- building mentions from points ----


def _mention(text: str, start: int, end: int, first: _Point, last: _Point | None = None, pair_note: str = "",
             strict: bool = False) -> DateMention | None:
    """The mention of a date or a range, or None if it is no real date or the range runs backwards.

    A day its month lacks puts the mention at month precision, unless ``strict`` (numeric dates, whose
    reading is in doubt once one part is wrong).
    """
    points = [first] if last is None else [first, last]
    bad = next((p for p in points if p.day is not None and _resolve(p) is None), None)
    day_note = ""
    if bad is not None:
        if strict:
            return None
        day_note = f"no day {bad.day} in {bad.calendar} {bad.year}-{bad.month:02d}"
        points = [replace(p, day=None) for p in points]
    resolved = [_resolve(p) for p in points]
    if any(r is None for r in resolved):
        return None
    if len(points) == 1 or points[0] == points[1]:  # two days of a month that lacks one: the month alone
        value, end_value, span_note = resolved[0]
        return DateMention(start, end, text[start:end], value, end_value, first.calendar,
                           _join_notes(day_note, span_note))
    (value, _, note_1), (last_value, last_end, note_2) = resolved
    if not _earlier(value, last_value):
        return None
    return DateMention(start, end, text[start:end], value, last_end or last_value, first.calendar,
                       _join_notes(pair_note, day_note, note_1, note_2))


def _earlier(a: str, b: str) -> bool:
    """Whether ISO value ``a`` starts before ``b``; values of different precision compare on their common part."""
    common = min(len(a), len(b))
    return a[:common] < b[:common]


def _join_notes(*notes: str) -> str:
    return "; ".join(dict.fromkeys(note for note in notes if note))


def _longest_first(candidates: list[DateMention]) -> list[DateMention]:
    """The longest candidates that do not overlap a longer one, in text order."""
    chosen: list[DateMention] = []  # in text order; without overlaps, so their ends are in order too
    starts: list[int] = []
    for mention in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        i = bisect.bisect_right(starts, mention.start)  # chosen[i - 1] starts at or before it, chosen[i] after
        if (i == 0 or chosen[i - 1].end <= mention.start) and (i == len(chosen) or mention.end <= starts[i]):
            chosen.insert(i, mention)
            starts.insert(i, mention.start)
    return chosen


def _merge_ranges(mentions: list[DateMention], text: str, scan: str) -> list[DateMention]:
    """Join two dates of one calendar with only «تا», «الی» or a dash between them into one range."""
    merged: list[DateMention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.calendar == mention.calendar
            and not (previous.year_from_reference or mention.year_from_reference)  # its own forms read those
            and SEPARATOR_ONLY.fullmatch(scan, previous.end, mention.start)
            and _earlier(previous.start_value, mention.start_value)
        ):
            merged[-1] = DateMention(
                previous.start, mention.end, text[previous.start:mention.end], previous.start_value,
                mention.end_value or mention.start_value, mention.calendar,
                _join_notes(previous.note, mention.note),
            )
        else:
            merged.append(mention)
    return merged


# ---- the patterns ----

Handler = Callable[[re.Match, str, str, MonthNames], DateMention | None]


def _compact(name: str) -> str:
    """A month name's key: no spaces, half-spaces or dots, lower case (Latin names)."""
    return re.sub(r"[\s\u200c.]", "", name).lower()


def _phrase_regex(phrase: str) -> str:
    """A regex for a written phrase: its spaces and half-spaces may be either, or missing; dots may be spaced."""
    parts = []
    for char in phrase:
        if char in " \u200c":
            parts.append(SP)
        elif char == ".":
            parts.append(rf"{SP}\.{SP}")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _alternation(phrases: list[str]) -> str:
    return "|".join(_phrase_regex(p) for p in sorted(set(phrases), key=len, reverse=True))  # longest first


def _month(group: str, names: MonthNames) -> str:
    """A month name, with «ماه» after it or not («دی ماه», «دی‌ماه», «دیماه»), standing as a word of its own."""
    persian = _alternation([name for name, _ in names.solar + names.gregorian + names.lunar])
    latin = _alternation([name for name, _ in names.latin])
    alternatives = "|".join(filter(None, [persian, rf"(?i:{latin})\.?" if latin else ""])) or "(?!)"
    return rf"{NO_LETTER_BEFORE}(?P<{group}>{alternatives})(?:{SP}ماه)?{NO_LETTER_AFTER}"


def _marker(names: MonthNames, optional: bool = True) -> str:
    """A calendar's name after a year («میلادی», «هجری شمسی», «ه.ش»)."""
    markers = _alternation([words for words, _ in names.markers]) or "(?!)"
    return rf"(?:{SP}{NO_LETTER_BEFORE}(?P<marker>{markers}){NO_LETTER_AFTER}){'?' if optional else ''}"


def _year_tail(names: MonthNames) -> str:
    """What follows a month: «سال» perhaps, the year, and perhaps the calendar's name."""
    return rf"{SP}(?:سال{SP})?{YEAR.format('year')}{_marker(names)}"


@lru_cache(maxsize=8)
def _forms(names: MonthNames) -> list[tuple[re.Pattern, Handler]]:
    """Each written form of a date, with the function that reads its match."""
    tail = _year_tail(names)
    month, month_2 = _month("month", names), _month("month_2", names)
    day_words = _alternation([word for word, _ in names.day_words]) or "(?!)"
    day, day_2 = (DAY.format(group, NO_LETTER_BEFORE, NO_LETTER_AFTER, day_words) for group in ("day", "day_2"))
    digit_day = DIGIT_DAY.format("day")
    openers = _alternation(list(names.short_numeric_openers)) or "(?!)"
    sal_year = rf"{NO_LETTER_BEFORE}سال{SP}{YEAR.format('year')}"
    sal_years = rf"{NO_LETTER_BEFORE}سال{SP}(?:ها|های){SP}{YEAR.format('year')}"  # «سال‌های», «سالهای»
    years_range = rf"{SP}{RANGE_WORD}{SP}(?:سال{SP})?{YEAR.format('year_2')}"
    year4 = r"(?<!\d)(?P<year>[0-9]{4})(?!\d)"
    seasons = _alternation([name for name, _ in names.seasons]) or "(?!)"
    season = rf"{NO_LETTER_BEFORE}(?P<season>{seasons}){NO_LETTER_AFTER}"
    forms = {
        rf"{day}{SP}(?:ماه{SP})?{month}{tail}": _day_month_year,  # «اول ماه مه ۲۰۱۲»
        rf"{day}{SP}{JOIN}{SP}{day_2}{SP}(?:ماه{SP})?{month}{tail}": _days_month_year,  # «دهم تا سیزدهم ماه آوریل»
        rf"{day}{SP}{month}{SP}{JOIN}{SP}{day_2}{SP}{month_2}{tail}": _days_months_year,
        rf"{month}{tail}": _month_year,
        rf"{month}{SP}{JOIN}{SP}{month_2}{tail}": _months_year,
        rf"{month}{SP}{day}{SP}(?P<comma>[,،])?{SP}{year4}{_marker(names)}": _month_day_year,
        rf"{year4}{SP}{month}{SP}{digit_day}(?!{SP}[/.\-]?[0-9])": _year_month_day,  # «۱۳۹۴ اردیبهشت ۸»
        # «مورخه ۴/۱۰/۸۴»: after a word that announces a date, a two-digit Solar year is safe to read
        rf"{NO_LETTER_BEFORE}(?:{openers}){SP}(?P<first>[0-9]{{1,2}}){SP}/{SP}(?P<second>[0-9]{{1,2}}){SP}/{SP}"
        rf"(?P<year>[0-9]{{2}}){NUMBER_END}": _numeric_short_year,
        rf"{sal_year}(?:{years_range})?{_marker(names)}": _years,
        rf"{season}{SP}(?:سال{SP})?{YEAR.format('year')}{_marker(names)}": _season_year,  # «تابستان ۱۳۶۷»
        rf"{sal_years}{years_range}{_marker(names)}": _years,  # alone, «سال‌های ۶۰» is a decade
        rf"{year4}(?:{years_range})?{_marker(names, optional=False)}": _years,  # a bare number needs a calendar
        # …or parentheses around it alone: «جنگ جهانی اول (۱۹۱۴–۱۹۱۸)», «کمون پاریس (1871)»
        rf"(?<=\(){SP}{year4}(?:{years_range})?(?={SP}\))": _years,
        rf"{NUMBER_START}(?P<year>[0-9]{{4}}){NUMERIC_REST}{NUMBER_END}": _numeric_year_first,
        rf"{NUMBER_START}{NUMERIC_DAY_MONTH}(?P<year>[0-9]{{4}}){NUMBER_END}": _numeric_year_last,
    }
    return [(re.compile(pattern), handler) for pattern, handler in forms.items()]


YearlessHandler = Callable[[re.Match, str, str, MonthNames, ReferenceDate], DateMention | None]


@lru_cache(maxsize=8)
def _yearless_forms(names: MonthNames) -> list[tuple[re.Pattern, YearlessHandler]]:
    """A day and month without a year, read only against a document's date: «۲۸ اسفند», «۸ تا ۱۰ تیر»."""
    month, month_2 = _month("month", names), _month("month_2", names)
    day, day_2 = DIGIT_DAY.format("day"), DIGIT_DAY.format("day_2")
    relative = _alternation([words for words, _ in names.relative_years]) or "(?!)"
    relative_year = rf"{SP}(?P<relative>{relative}){NO_LETTER_AFTER}"
    forms = {
        rf"{day}{SP}(?:ماه{SP})?{month}{relative_year}": _relative_year_day,  # «۱۰ تیر سال گذشته»
        rf"{NO_LETTER_BEFORE}{month}{relative_year}": _relative_year_month,  # «تیرماه سال گذشته»
        rf"{day}{SP}(?:ماه{SP})?{month}": _yearless_day,
        rf"{day}{SP}{JOIN}{SP}{day_2}{SP}{month}": _yearless_days,
        rf"{day}{SP}{month}{SP}{JOIN}{SP}{day_2}{SP}{month_2}": _yearless_days,
    }
    return [(re.compile(pattern), handler) for pattern, handler in forms.items()]


def _yearless_day(match: re.Match, text: str, scan: str, names: MonthNames,
                  reference: ReferenceDate) -> DateMention | None:
    """«۲۸ اسفند», «3 June»: the last such day at or before the document's date."""
    month = _yearless_month(match, "month", scan, names)
    if month is None:
        return None
    calendar, number = month
    day = int(match.group("day"))
    year = _year_before(reference, calendar, number, day)
    if year is None:
        return None
    return _from_reference(_mention(text, match.start(), match.end(), _Point(calendar, year, number, day),
                                    strict=True), reference)


def _relative_year(match: re.Match, calendar: str, names: MonthNames, reference: ReferenceDate) -> int | None:
    """The year «سال گذشته», «امسال»… names, counted from the document's year in ``calendar``; None when
    the reference's span (a month, a year) crosses a new year of that calendar."""
    offsets = {_compact(words): offset for words, offset in names.relative_years}
    years = {written[0] for bound in (reference.earliest, reference.latest)
             if (written := _from_gregorian(calendar, bound)) is not None}
    if len(years) != 1:
        return None
    return years.pop() + offsets.get(_compact(match.group("relative")), 0)


def _relative_year_month(match: re.Match, text: str, scan: str, names: MonthNames,
                         reference: ReferenceDate) -> DateMention | None:
    """«تیرماه سال گذشته» in a text of Farvardin 1388: Tir 1387."""
    month = _month_of(match, "month", names)
    year = month and _relative_year(match, month[0], names, reference)
    if not year:
        return None
    return _from_reference(_mention(text, match.start(), match.end(), _Point(month[0], year, month[1])), reference)


def _relative_year_day(match: re.Match, text: str, scan: str, names: MonthNames,
                       reference: ReferenceDate) -> DateMention | None:
    """«۱۰ تیر سال گذشته»: that day of the year before the document's."""
    month = _month_of(match, "month", names)
    year = month and _relative_year(match, month[0], names, reference)
    if not year:
        return None
    point = _Point(month[0], year, month[1], int(match.group("day")))
    return _from_reference(_mention(text, match.start(), match.end(), point, strict=True), reference)


def _yearless_days(match: re.Match, text: str, scan: str, names: MonthNames,
                   reference: ReferenceDate) -> DateMention | None:
    """«۸ تا ۱۰ تیر», «۲۸ اسفند تا ۵ فروردین»: the range ends at or before the document's date."""
    last_month = _yearless_month(match, "month_2" if match.groupdict().get("month_2") else "month", scan, names)
    first_month = _yearless_month(match, "month", scan, names)
    if last_month is None or first_month is None or first_month[0] != last_month[0]:
        return None
    calendar = last_month[0]
    first_day, last_day = int(match.group("day")), int(match.group("day_2"))
    year = _year_before(reference, calendar, last_month[1], last_day)
    if year is None:
        return None
    first_year = year - 1 if (first_month[1], first_day) > (last_month[1], last_day) else year
    first = _Point(calendar, first_year, first_month[1], first_day)
    last = _Point(calendar, year, last_month[1], last_day)
    return _from_reference(_mention(text, match.start(), match.end(), first, last, _join_note(match), strict=True),
                           reference)


def _yearless_month(match: re.Match, group: str, scan: str, names: MonthNames) -> tuple[str, int] | None:
    """The calendar and month of a day written without a year, or None when the words are no such date:
    a named day («۸ مارس»), a Latin month in lower case («3 may be»), or a number after it that is a
    year this module could not read («۲۵ بهمن ۵۰۰»)."""
    written = scan[match.start():match.end()]
    if _compact(written) in _named_day_keys(names):
        return None
    name = match.group(group)
    if name.isascii() and not name[0].isupper():
        return None
    following = NUMBER_AFTER.match(scan, match.end())
    if following and not _counts_things(scan, following.end(), names):
        return None
    return _month_of(match, group, names)


@lru_cache(maxsize=8)
def _named_day_keys(names: MonthNames) -> frozenset[str]:
    return frozenset(_compact(name.translate(_TRANSLATION)) for name in names.named_days)


def _from_reference(mention: DateMention | None, reference: ReferenceDate) -> DateMention | None:
    if mention is None:
        return None
    note = _join_notes(mention.note, f"year taken from the document's date ({reference.label})")
    return replace(mention, note=note, year_from_reference=True)


# ---- reading matches ----


def _day_of(match: re.Match, group: str, names: MonthNames) -> int:
    if match.group(group):
        return int(match.group(group))
    return names.day_numbers().get(_compact(match.group(f"{group}_word")), 1)  # a day written as a word


def _month_of(match: re.Match, group: str, names: MonthNames) -> tuple[str, int] | None:
    return names.lookup().get(_compact(match.group(group)))


def _year_of(match: re.Match, group: str, calendar: str, scan: str, names: MonthNames) -> int | None:
    """The year a group holds in ``calendar``; two digits only for Solar years, and not when they count things."""
    digits = match.group(group)
    if len(digits) == 2:
        if calendar != "solar" or _counts_things(scan, match.end(group), names):
            return None
        return expand_two_digit_year(int(digits))
    year = int(digits)
    return year if _year_in_range(calendar, year) else None


def _counts_things(scan: str, end: int, names: MonthNames) -> bool:
    """Whether the word after a number shows that it counts things («۳۰ نفر»)."""
    following = re.match(rf"{SP}([^\W\d_][\w\u200c]*)", scan[end:end + 40])
    return bool(following) and following.group(1) in names.count_words


def _span_end(match: re.Match, calendar: str, names: MonthNames) -> int:
    """Where a mention ends: after the calendar's name if it is the month's calendar, else after the year."""
    marker = match.groupdict().get("marker")
    if marker and _marker_calendar(marker, names) == calendar:
        return match.end("marker")
    return match.end("year")


def _marker_calendar(marker: str, names: MonthNames) -> str | None:
    return names.marker_calendars().get(_compact(marker))


def _join_note(match: re.Match) -> str:
    return "pair" if match.group("join") == "و" else ""


def _day_month_year(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    calendar, month = _month_of(match, "month", names) or (None, 0)
    year = calendar and _year_of(match, "year", calendar, scan, names)
    if not year:
        return None
    point = _Point(calendar, year, month, _day_of(match, "day", names))
    return _mention(text, match.start(), _span_end(match, calendar, names), point)


def _days_month_year(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    """«۸ تا ۱۰ آبان ۱۳۹۵», «۲۰ و ۲۱ مهر ۱۳۹۸»: two days of one month."""
    calendar, month = _month_of(match, "month", names) or (None, 0)
    year = calendar and _year_of(match, "year", calendar, scan, names)
    if not year:
        return None
    first = _Point(calendar, year, month, _day_of(match, "day", names))
    last = replace(first, day=_day_of(match, "day_2", names))
    return _mention(text, match.start(), _span_end(match, calendar, names), first, last, _join_note(match))


def _two_months_of_a_year(match: re.Match, scan: str, names: MonthNames) -> tuple[str, int, int, int] | None:
    """(calendar, first month, last month, year written) when both months are of one calendar and a year follows."""
    first_month, last_month = _month_of(match, "month", names), _month_of(match, "month_2", names)
    if not first_month or not last_month or first_month[0] != last_month[0]:
        return None
    year = _year_of(match, "year", first_month[0], scan, names)
    return (first_month[0], first_month[1], last_month[1], year) if year else None


def _days_months_year(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    """«۸ آبان تا ۱۰ آذر ۱۳۹۵»; «۲۰ اسفند تا ۵ فروردین ۱۳۹۹» starts in the year before the one written."""
    months = _two_months_of_a_year(match, scan, names)
    if not months:
        return None
    calendar, first_month, last_month, year = months
    first_day, last_day = _day_of(match, "day", names), _day_of(match, "day_2", names)
    first_year = year - 1 if (first_month, first_day) > (last_month, last_day) else year
    first = _Point(calendar, first_year, first_month, first_day)
    last = _Point(calendar, year, last_month, last_day)
    return _mention(text, match.start(), _span_end(match, calendar, names), first, last, _join_note(match))


def _month_year(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    calendar, month = _month_of(match, "month", names) or (None, 0)
    if _is_afghan(match.group("month"), names) and len(match.group("year")) == 2:
        return None  # «میزان ۲۰», «جدی ۴۰»: too often no date without a day
    year = calendar and _year_of(match, "year", calendar, scan, names)
    if not year:
        return None
    return _mention(text, match.start(), _span_end(match, calendar, names), _Point(calendar, year, month))


def _is_afghan(month: str, names: MonthNames) -> bool:
    return _compact(month) in {_compact(name) for name in names.afghan}


def _year_month_day(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    """«۱۳۹۴ اردیبهشت ۸»: the year first, then month and day, as some blog platforms write a post's date."""
    calendar, month = _month_of(match, "month", names) or (None, 0)
    year = calendar and _year_of(match, "year", calendar, scan, names)
    if not year or _counts_things(scan, match.end("day"), names):
        return None
    return _mention(text, match.start(), match.end(), _Point(calendar, year, month, int(match.group("day"))))


def _numeric_short_year(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    """«مورخه ۴/۱۰/۸۴»: day, month and a two-digit Solar year, after a word that announces a date."""
    day, month = int(match.group("first")), int(match.group("second"))
    if not 1 <= month <= 12:
        return None
    point = _Point("solar", expand_two_digit_year(int(match.group("year"))), month, day)
    return _mention(text, match.start("first"), match.end(), point, strict=True)


def _months_year(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    """«مهر تا آذر ۱۳۹۸», «مهر و آبان ۹۸»: two months of one year (a later first month is of the year before)."""
    months = _two_months_of_a_year(match, scan, names)
    if not months:
        return None
    calendar, first_month, last_month, year = months
    first = _Point(calendar, year - 1 if first_month > last_month else year, first_month)
    last = _Point(calendar, year, last_month)
    return _mention(text, match.start(), _span_end(match, calendar, names), first, last, _join_note(match))


def _month_day_year(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    """«October 28, 2016»: the English order, for Gregorian months; a Solar month too when a comma stands
    before the year («مهر ۱۶، ۱۳۸۵», as blog platforms write it), else «مهر ۱۶» is a month and a year."""
    calendar, month = _month_of(match, "month", names) or (None, 0)
    if calendar != "gregorian" and not (calendar == "solar" and match.group("comma")):
        return None
    year = _year_of(match, "year", calendar, scan, names)
    if not year:
        return None
    point = _Point(calendar, year, month, _day_of(match, "day", names))
    return _mention(text, match.start(), _span_end(match, calendar, names), point)


def _years(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    """«سال ۱۳۵۷», «۱۹۱۷ میلادی», «سال‌های ۱۳۶۰ تا ۱۳۶۷»: the calendar's name decides, else the year's size."""
    marker = match.groupdict().get("marker")
    calendar = _marker_calendar(marker, names) if marker else _calendar_of_bare_year(match.group("year"))
    year = calendar and _year_of(match, "year", calendar, scan, names)
    if not year:
        return None
    if match.groupdict().get("year_2") is None:
        # the calendar is the marker's when there is one, so the mention runs to the marker
        return _mention(text, match.start(), _span_end(match, calendar, names), _Point(calendar, year))
    last_year = _second_year(match, year, calendar, scan, names)
    if last_year is None:
        return None
    end = match.end("marker") if marker else match.end("year_2")
    return _mention(text, match.start(), end, _Point(calendar, year), _Point(calendar, last_year))


def _season_year(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    """«تابستان ۱۳۶۷», «پاییز ۵۷», «زمستان ۱۹۷۸ میلادی»: the Gregorian year most of the season falls in."""
    marker = match.groupdict().get("marker")
    calendar = _marker_calendar(marker, names) if marker else _calendar_of_bare_year(match.group("year"))
    first_month = names.season_months().get(_compact(match.group("season")))
    year = calendar and first_month and _year_of(match, "year", calendar, scan, names)
    if not year or calendar == "lunar":
        return None
    end = _span_end(match, calendar, names)  # the calendar is the marker's when there is one
    if calendar == "gregorian":
        note = f"{match.group('season')} {year}: the season's span in the Gregorian calendar is not fixed"
        return DateMention(match.start(), end, text[match.start():end], f"{year:04d}", None, calendar, note)
    first, last = _month_bounds(calendar, year, first_month), _month_bounds(calendar, year, first_month + 2)
    if first is None or last is None:
        return None
    by_year = Counter(day.year for day in _days(first[0], last[1]))
    gregorian_year, _ = by_year.most_common(1)[0]  # ties go to the earlier year, counted first
    note = f"{calendar} {year} season months {first_month}-{first_month + 2} = {first[0]}..{last[1]}"
    return DateMention(match.start(), end, text[match.start():end], f"{gregorian_year:04d}", None, calendar, note)


def _calendar_of_bare_year(digits: str) -> str:
    low, high = SOLAR_AFTER_SAL
    return "solar" if len(digits) == 2 or low <= int(digits) <= high else "gregorian"


def _second_year(match: re.Match, year: int, calendar: str, scan: str, names: MonthNames) -> int | None:
    """The end of a range of years; two digits after four keep the first year's century («۱۹۱۴-۱۸»)."""
    digits = match.group("year_2")
    if len(digits) == 2 and len(match.group("year")) == 4:
        return year // 100 * 100 + int(digits)
    return _year_of(match, "year_2", calendar, scan, names)


def _numeric_year_first(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    """«۱۳۹۸/۰۵/۲۴», «2016-10-28»: year first is always year-month-day."""
    return _numeric(match, text, int(match.group("first")), int(match.group("second")))


def _numeric_year_last(match: re.Match, text: str, scan: str, names: MonthNames) -> DateMention | None:
    """«28.10.2016», «۲۴/۵/۱۳۹۸»: day-month-year when the year is Solar or dots or dashes split the parts.

    With slashes a Gregorian date may be month-day-year (American) as well: it is read only if one part is
    above 12, which settles which part is the day.
    """
    first, second = int(match.group("first")), int(match.group("second"))
    if _numeric_calendar(int(match.group("year"))) == "gregorian" and match.group("sep") == "/":
        if first <= 12 and second <= 12:
            return None  # 05/10/2016: May or October, nothing says which
        if second > 12:
            return _numeric(match, text, first, second)
    return _numeric(match, text, second, first)


def _numeric_calendar(year: int) -> str:
    return "solar" if SOLAR_AFTER_SAL[0] <= year <= SOLAR_AFTER_SAL[1] else "gregorian"


def _numeric(match: re.Match, text: str, month: int, day: int) -> DateMention | None:
    """A numeric date's mention; none if any part is wrong, since then its reading is in doubt."""
    year = int(match.group("year"))
    calendar = _numeric_calendar(year)
    if not _year_in_range(calendar, year) or not 1 <= month <= 12:
        return None
    return _mention(text, match.start(), match.end(), _Point(calendar, year, month, day), strict=True)
