"""The date recogniser: every written form, the decisions it makes, and that it never fails on any text."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.extract.dates import (
    DateMention,
    MonthNames,
    default_month_names,
    expand_two_digit_year,
    find_dates,
    solar_year_to_gregorian,
)

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def only(text: str) -> DateMention:
    """The one date found in ``text``."""
    mentions = find_dates(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


def values(text: str) -> tuple[str, str, str | None, str]:
    mention = only(text)
    return mention.text, mention.start_value, mention.end_value, mention.calendar


# ---- Solar Hijri ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۲۴ مرداد ۱۳۹۸", ("۲۴ مرداد ۱۳۹۸", "2019-08-15", None, "solar")),
        ("۲۴ مرداد ۹۸", ("۲۴ مرداد ۹۸", "2019-08-15", None, "solar")),
        ("۲۴ مرداد‌ماه ۱۳۹۸", ("۲۴ مرداد‌ماه ۱۳۹۸", "2019-08-15", None, "solar")),
        ("۲۴ مردادماه سال ۹۸", ("۲۴ مردادماه سال ۹۸", "2019-08-15", None, "solar")),
        ("اول مهر ۱۳۹۸", ("اول مهر ۱۳۹۸", "2019-09-23", None, "solar")),
        ("۲۸ مرداد ۳۲", ("۲۸ مرداد ۳۲", "1953-08-19", None, "solar")),
        ("۲۴ امرداد ۱۳۹۸", ("۲۴ امرداد ۱۳۹۸", "2019-08-15", None, "solar")),
        ("۲۴ شهريور ۱۳۹۸", ("۲۴ شهريور ۱۳۹۸", "2019-09-15", None, "solar")),  # Arabic ي
    ],
)
def test_solar_day(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", ["دی ماه ۹۶", "دی‌ماه ۹۶", "دیماه ۹۶", "دی ۱۳۹۶", "دی ماه سال ۹۶"])
def test_solar_month_is_the_gregorian_month_most_of_it_falls_in(text):
    mention = only(f"خیزش سراسری {text} و")
    assert (mention.text, mention.start_value, mention.end_value) == (text, "2018-01", None)
    assert mention.note == "solar 1396-10 = 2017-12-22..2018-01-20"


def test_bahman_57():
    mention = only("انقلاب بهمن ۵۷")
    assert (mention.text, mention.start_value) == ("بهمن ۵۷", "1979-02")
    assert mention.note == "solar 1357-11 = 1979-01-21..1979-02-19"


def test_farvardin_falls_mostly_in_april():
    assert only("فروردین ۱۳۹۸").start_value == "2019-04"  # 21 March – 20 April 2019


def test_month_glued_to_its_year():
    assert values("در انقلاب بهمن57 تا مرز") == ("بهمن57", "1979-02", None, "solar")


@pytest.mark.parametrize("text", ["سال ۱۳۵۷", "سال ۵۷", "۱۳۵۷ شمسی", "۱۳۵۷ هجری شمسی", "۱۳۵۷ ه.ش", "۱۳۵۷ خورشیدی"])
def test_solar_year_is_a_range_of_gregorian_years(text):
    assert values(f"در {text} مردم") == (text, "1978", "1979", "solar")
    mention = only(text)
    assert mention.note == "solar 1357 = 1978-03-21..1979-03-20"


def test_solar_markers_after_a_full_date():
    assert values("۲۴ مرداد ۱۳۹۸ هجری شمسی،") == ("۲۴ مرداد ۱۳۹۸ هجری شمسی", "2019-08-15", None, "solar")


def test_a_marker_of_another_calendar_stays_out_of_the_mention():
    assert values("۲۸ اکتبر ۲۰۱۶ شمسی") == ("۲۸ اکتبر ۲۰۱۶", "2016-10-28", None, "gregorian")


def test_solar_year_to_gregorian():
    assert solar_year_to_gregorian(1357) == ("1978", "1979", "solar 1357 = 1978-03-21..1979-03-20")
    assert solar_year_to_gregorian(57) == solar_year_to_gregorian(1357)  # «انقلاب ۵۷»
    with pytest.raises(ValueError):
        solar_year_to_gregorian(3000)


@pytest.mark.parametrize(("two", "four"), [(0, 1400), (2, 1402), (10, 1410), (11, 1311), (57, 1357), (98, 1398)])
def test_two_digit_years(two, four):
    assert expand_two_digit_year(two) == four


def test_two_digit_year_of_the_1400s():
    assert values("۲۵ آبان ۰۲") == ("۲۵ آبان ۰۲", "2023-11-16", None, "solar")


def test_a_number_that_counts_things_is_no_year():
    assert find_dates("در ۲۵ بهمن ۳۰ نفر دستگیر شدند") == []


# ---- Gregorian in Persian script ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۲۸ تا ۳۰ اکتبر ۲۰۱۶", ("۲۸ تا ۳۰ اکتبر ۲۰۱۶", "2016-10-28", "2016-10-30", "gregorian")),
        ("اکتبر ۲۰۱۶", ("اکتبر ۲۰۱۶", "2016-10", None, "gregorian")),
        ("سال ۲۰۰۸", ("سال ۲۰۰۸", "2008", None, "gregorian")),
        ("در سال ۱۹۱۷ بود", ("سال ۱۹۱۷", "1917", None, "gregorian")),
        ("۱۹۱۷ میلادی", ("۱۹۱۷ میلادی", "1917", None, "gregorian")),
        ("انقلاب اکتبر سال ۱۹۱۷", ("اکتبر سال ۱۹۱۷", "1917-10", None, "gregorian")),
        ("اول ماه مه ۲۰۱۲", ("اول ماه مه ۲۰۱۲", "2012-05-01", None, "gregorian")),
        ("۱۵ ژانویهٔ ۲۰۲۰", ("۱۵ ژانویهٔ ۲۰۲۰", "2020-01-15", None, "gregorian")),
        ("۷ نومبر ۱۹۱۷", ("۷ نومبر ۱۹۱۷", "1917-11-07", None, "gregorian")),
        ("سال‌های ۱۹۱۴ تا ۱۹۱۸", ("سال‌های ۱۹۱۴ تا ۱۹۱۸", "1914", "1918", "gregorian")),
        ("۱۹۱۴-۱۸ میلادی", ("۱۹۱۴-۱۸ میلادی", "1914", "1918", "gregorian")),
    ],
)
def test_gregorian_in_persian(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", ["۲۰۱۶", "تا۱۹۷۱ در سال", "۱۳۹۸ نفر", "میلادی ۲۰۱۶", "سال‌های ۶۰", "اکتبر ۱۶"])
def test_numbers_that_are_no_dates(text):
    assert find_dates(text) == []


# ---- Gregorian in Latin script ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28 October 2016", ("28 October 2016", "2016-10-28", None, "gregorian")),
        ("28 Oct. 2016", ("28 Oct. 2016", "2016-10-28", None, "gregorian")),
        ("October 2016", ("October 2016", "2016-10", None, "gregorian")),
        ("October 28, 2016", ("October 28, 2016", "2016-10-28", None, "gregorian")),
        ("2016-10-28", ("2016-10-28", "2016-10-28", None, "gregorian")),
        ("28.10.2016", ("28.10.2016", "2016-10-28", None, "gregorian")),
        ("28/10/2016", ("28/10/2016", "2016-10-28", None, "gregorian")),
        ("10/28/2016", ("10/28/2016", "2016-10-28", None, "gregorian")),
    ],
)
def test_gregorian_in_latin(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", ["05/10/2016", "2019-02-30", "1.28.10.2016", "2016-10-28-5", "v1.2.2016"])
def test_numeric_dates_that_are_ambiguous_or_wrong_are_not_returned(text):
    assert find_dates(text) == []


# ---- numeric Solar dates ----


@pytest.mark.parametrize("text", ["۱۳۹۸/۰۵/۲۴", "۱۳۹۸/۵/۲۴", "۲۴/۰۵/۱۳۹۸", "1398/05/24"])
def test_numeric_solar(text):
    assert values(text) == (text, "2019-08-15", None, "solar")


def test_numeric_solar_that_is_no_date():
    assert find_dates("۱۳۹۸/۱۳/۰۱") == []


# ---- lunar Hijri ----


def test_lunar_day():
    assert values("۱۵ شعبان ۱۴۴۰") == ("۱۵ شعبان ۱۴۴۰", "2019-04-20", None, "lunar")


@pytest.mark.parametrize("text", ["۱۵ ربیع‌الاول ۱۴۴۰", "۱۵ ربیع الاول ۱۴۴۰", "۱۵ ربیع‌الاول ۱۴۴۰ ه.ق"])
def test_lunar_month_spellings(text):
    assert values(text) == (text, "2018-11-23", None, "lunar")


@pytest.mark.parametrize("text", ["۱۴۴۰ قمری", "۱۴۴۰ هجری قمری"])
def test_lunar_year(text):
    assert values(text) == (text, "2018", "2019", "lunar")
    mention = only(text)
    assert mention.note == "lunar 1440 = 2018-09-11..2019-08-30"


def test_lunar_month():
    mention = only("رمضان ۱۴۴۰")
    assert (mention.start_value, mention.calendar) == ("2019-05", "lunar")  # 6 May – 3 June 2019


def test_lunar_year_outside_the_library_range_is_not_returned():
    assert find_dates("۱۵ رمضان ۱۳۰۰") == []


# ---- ranges and pairs ----


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۸ تا ۱۰ آبان ۱۳۹۵", ("۸ تا ۱۰ آبان ۱۳۹۵", "2016-10-29", "2016-10-31", "solar")),
        ("۸ الی ۱۰ آبان ۱۳۹۵", ("۸ الی ۱۰ آبان ۱۳۹۵", "2016-10-29", "2016-10-31", "solar")),
        ("۸-۱۰ آبان ۱۳۹۵", ("۸-۱۰ آبان ۱۳۹۵", "2016-10-29", "2016-10-31", "solar")),
        ("۸ آبان تا ۱۰ آذر ۱۳۹۵", ("۸ آبان تا ۱۰ آذر ۱۳۹۵", "2016-10-29", "2016-11-30", "solar")),
        ("۲۰ اسفند تا ۵ فروردین ۱۳۹۹", ("۲۰ اسفند تا ۵ فروردین ۱۳۹۹", "2020-03-10", "2020-03-24", "solar")),
        ("از ۲۸ تا ۳۰ اکتبر ۲۰۱۶", ("۲۸ تا ۳۰ اکتبر ۲۰۱۶", "2016-10-28", "2016-10-30", "gregorian")),
        ("۲۸ اکتبر تا ۳ نوامبر ۲۰۱۶", ("۲۸ اکتبر تا ۳ نوامبر ۲۰۱۶", "2016-10-28", "2016-11-03", "gregorian")),
        ("۸ آبان ۱۳۹۵ تا ۱۰ آذر ۱۳۹۶", ("۸ آبان ۱۳۹۵ تا ۱۰ آذر ۱۳۹۶", "2016-10-29", "2017-12-01", "solar")),
        ("مهر تا آذر ۹۸", ("مهر تا آذر ۹۸", "2019-10", "2019-12", "solar")),
        ("سال‌های ۱۳۶۰ تا ۱۳۶۷", ("سال‌های ۱۳۶۰ تا ۱۳۶۷", "1981", "1989", "solar")),
        ("از سال ۱۳۶۰ تا سال ۱۳۶۷", ("سال ۱۳۶۰ تا سال ۱۳۶۷", "1981", "1989", "solar")),
    ],
)
def test_ranges(text, expected):
    mention = only(text)
    assert (mention.text, mention.start_value, mention.end_value, mention.calendar) == expected
    assert "pair" not in mention.note


def test_pair():
    mention = only("۲۰ و ۲۱ مهر ۱۳۹۸")
    assert (mention.start_value, mention.end_value, mention.note) == ("2019-10-12", "2019-10-13", "pair")


def test_a_range_that_runs_backwards_keeps_only_its_full_date():
    assert values("۱۰ تا ۸ آبان ۱۳۹۵") == ("۸ آبان ۱۳۹۵", "2016-10-29", None, "solar")


# ---- digits of all scripts, odd spacing ----


@pytest.mark.parametrize(
    "text",
    [
        "28  تا 30 اکتبر2016", "٢٨ تا ٣٠ اکتبر ٢٠١٦", "۲۸تا۳۰ اکتبر ۲۰۱۶", "28 تا ۳۰ اکتبر ٢٠١٦",
        "۲۸ تا ۳۰\tاکتبر  ۲۰۱۶",
    ],
)
def test_digits_and_spacing(text):
    mention = only(text)
    assert (mention.text, mention.start_value, mention.end_value) == (text, "2016-10-28", "2016-10-30")


def test_offsets_point_into_the_text_given():
    text = "بیانیه\nاستکهلم - ۸ تا ۱۰ آبان ۱۳۹۵\n۲۸ تا ۳۰ اکتبر ۲۰۱۶\nپایان"
    mentions = find_dates(text)
    assert [m.text for m in mentions] == ["۸ تا ۱۰ آبان ۱۳۹۵", "۲۸ تا ۳۰ اکتبر ۲۰۱۶"]
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_a_date_does_not_run_across_a_line_break():
    assert find_dates("۲۴ مرداد\n۱۳۹۸") == []


# ---- invalid dates and named days ----


def test_a_day_the_month_lacks_leaves_month_precision():
    mention = only("۳۰ فوریه ۲۰۱۹")
    assert (mention.text, mention.start_value, mention.end_value) == ("۳۰ فوریه ۲۰۱۹", "2019-02", None)
    assert "no day 30" in mention.note


def test_a_day_the_solar_month_lacks_leaves_month_precision():
    mention = only("۳۰ اسفند ۱۳۹۸")  # 1398 is no leap year
    assert (mention.start_value, mention.calendar) == ("2020-03", "solar")
    assert "no day 30" in mention.note


def test_a_number_above_31_is_no_day():
    assert values("۳۲ مرداد ۱۳۹۸") == ("مرداد ۱۳۹۸", "2019-08", None, "solar")


@pytest.mark.parametrize("text", ["۸ مارس", "مراسم ۸ مارس های باشکوه", "اول ماه مه", "۱۶ آذر", "۸ مارس ۱۵ زن"])
def test_named_days_without_a_year_are_no_dates(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("text", ["در آذربایجان ۱۳۹۸", "مهربانی ۹۸", "میلادی ۲۰۱۶", "همه ۲۰۱۶"])
def test_month_names_inside_other_words_are_not_months(text):
    assert find_dates(text) == []


# ---- month names from outside ----


def test_month_names_can_be_given():
    names = MonthNames(solar=(("مرداد", 5),))
    assert [m.start_value for m in find_dates("۲۴ مرداد ۱۳۹۸ و ۲۸ اکتبر ۲۰۱۶", names)] == ["2019-08-15"]


def test_month_names_come_from_the_language_data():
    names = default_month_names()
    assert ("دی", 10) in names.solar and ("اکتبر", 10) in names.gregorian and ("شعبان", 8) in names.lunar


# ---- properties ----

LETTERS = "ابپتثجحخدذرزژسشصضطظعغفقکگلمنوهیيكءآأئؤة"
DIGITS = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
WORDS = [
    "مرداد", "دی", "ماه", "دی‌ماه", "اکتبر", "مه", "ژانویهٔ", "شعبان", "ربیع الاول", "October", "may", "سال",
    "سال‌های", "تا", "الی", "و", "از", "اول", "میلادی", "شمسی", "هجری قمری", "ه.ش", "نفر", "۱۳۹۸", "۹۸", "2016",
    "۳۱", "۳۲", "۰", "-", "/", ".", "،", ",", "تابستان", "زمستان", "پاییز", "بهار", "۱۹۷۸",
]
pieces = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=LETTERS + DIGITS, min_size=1, max_size=5),
    st.sampled_from([" ", "  ", "\u200c", "\n", "\t", "/", "-", ".", "،", ":", "(", ")"]),
)
texts = st.lists(pieces, max_size=40).map("".join)


def first_day(value: str) -> date:
    """The first day of an ISO date, month or year; raises if it is no real one («2019-02-30», «2019-13»)."""
    return date.fromisoformat({4: f"{value}-01-01", 7: f"{value}-01", 10: value}[len(value)])


def check(text: str, mentions: list[DateMention]) -> None:
    """What every result must satisfy: true offsets, valid ISO values, sorted and without overlaps."""
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text and mention.text
        assert mention.calendar in {"solar", "gregorian", "lunar"}
        for value in filter(None, [mention.start_value, mention.end_value]):
            assert ISO.match(value), value
            assert first_day(value) <= date(2200, 1, 1)
        if mention.end_value:
            common = min(len(mention.start_value), len(mention.end_value))
            assert mention.start_value[:common] <= mention.end_value[:common]
    for before, after in zip(mentions, mentions[1:]):
        assert before.end <= after.start


@settings(max_examples=600, deadline=None)
@given(texts)
def test_never_raises_and_results_are_sound(text):
    check(text, find_dates(text))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_unicode(text):
    check(text, find_dates(text))


def test_results_are_sorted_and_do_not_overlap():
    text = (
        "در ۲۴ مرداد ۹۸ و دی‌ماه ۹۶، سال ۱۳۵۷ و ۸ تا ۱۰ آبان ۱۳۹۵ (۲۸ تا ۳۰ اکتبر ۲۰۱۶)، "
        "۱۵ شعبان ۱۴۴۰، 2016-10-28، سال ۲۰۰۸ و ۱۹۱۷ میلادی و ۸ مارس."
    )
    mentions = find_dates(text)
    check(text, mentions)
    assert [m.start_value for m in mentions] == [
        "2019-08-15", "2018-01", "1978", "2016-10-29", "2016-10-28", "2019-04-20", "2016-10-28", "2008", "1917",
    ]
    assert mentions == sorted(mentions, key=lambda m: m.start)


@pytest.mark.parametrize(("text", "expected"), [
    ("جنگ جهانی اول (۱۹۱۴ – ۱۹۱۸) ادامه یافت", ("1914", "1918")),
    ("کمون پاریس (1871)", ("1871", None)),
    ("قیام (۱۳۵۷)", ("1978", "1979")),  # a Solar year spans two Gregorian years
])
def test_a_year_or_years_alone_in_parentheses(text, expected):
    [found] = find_dates(text)
    assert (found.start_value, found.end_value) == expected


@pytest.mark.parametrize("text", ["(تلفن ۱۲۳۴)", "(۱۲۳۴۵)", "(۱۹۱۸ – ۱۹۱۴)", "صفحه ۱۹۱۴"])
def test_numbers_in_parentheses_that_are_no_years(text):
    assert find_dates(text) == []


# ---- events, round 2: seasons ----


@pytest.mark.parametrize(
    "text, value, calendar",
    [
        ("دستگیری‌ها در تابستان ۱۳۶۲ آغاز شد", "1983", "solar"),  # Tir–Shahrivar 1362: all in 1983
        ("در پاییز ۵۸", "1979", "solar"),  # a two-digit year is Solar
        ("اعتصاب‌های زمستان ۱۳۵۶", "1978", "solar"),  # Dey–Esfand 1356 is mostly January–March 1978
        ("بهار سال ۱۳۸۸", "2009", "solar"),
        ("در زمستان ۱۹۸۲ میلادی", "1982", "gregorian"),
        ("پائیز 1968", "1968", "gregorian"),
    ],
)
def test_a_season_and_its_year_is_a_date_at_year_precision(text, value, calendar):
    (found,) = find_dates(text)
    assert (found.start_value, found.end_value, found.calendar) == (value, None, calendar)
    assert text[found.start:found.end] == found.text and found.text.split()[0] in {"تابستان", "پاییز", "زمستان",
                                                                                   "بهار", "پائیز"}


def test_a_solar_season_notes_its_exact_span():
    (winter,) = find_dates("زمستان ۱۳۵۶")
    assert winter.note.endswith("1977-12-22..1978-03-20")  # jdatetime: 1 Dey 1356 to 29 Esfand 1356


@pytest.mark.parametrize("text", ["بهار ۲۰ ساله", "بهارستان ۱۳۵۷", "تابستان گرم", "زمستان ۴۰ نفر", "پاییز ۹۸۷"])
def test_a_season_without_a_year_or_inside_a_word_is_no_date(text):
    assert find_dates(text) == []


# ---- a day and month without a year, read against the document's date ----

from graphbuild.extract.dates import (  # noqa: E402  (kept beside the tests that use them)
    ReferenceDate,
    document_reference_date,
    reference_from_dateline,
    reference_from_value,
)

ISSUE_OF_10_TIR_1400 = ReferenceDate(date(2021, 7, 1), date(2021, 7, 1), "dateline ۱۰ تیر ۱۴۰۰")


@pytest.mark.parametrize(
    ("text", "written", "start", "end"),
    [
        ("در ۲۸ اسفند اعتصاب آغاز شد", "۲۸ اسفند", "2021-03-18", None),  # 28 Esfand 1399: the year before
        ("روز ۸ تیر", "۸ تیر", "2021-06-29", None),  # 8 Tir 1400, two days before the issue
        ("سه‌شنبه ۱۰ تیر", "۱۰ تیر", "2021-07-01", None),  # the issue's own day counts
        ("سه‌شنبه ۱۲ مهر", "۱۲ مهر", "2020-10-03", None),  # 12 Mehr 1399
        ("on 3 June", "3 June", "2021-06-03", None),  # another calendar: the reference's Gregorian year
        ("on 5 July", "5 July", "2020-07-05", None),  # 5 July 2021 is after the issue
        ("از ۸ تا ۱۰ تیر", "۸ تا ۱۰ تیر", "2021-06-29", "2021-07-01"),
        ("از ۲۸ اسفند تا ۵ فروردین", "۲۸ اسفند تا ۵ فروردین", "2021-03-18", "2021-03-25"),  # across the new year
    ],
)
def test_a_day_and_month_takes_the_last_year_at_or_before_the_reference(text, written, start, end):
    (found,) = find_dates(text, reference=ISSUE_OF_10_TIR_1400)
    assert (found.text, found.start_value, found.end_value) == (written, start, end)
    assert found.year_from_reference
    assert "year taken from the document's date (dateline ۱۰ تیر ۱۴۰۰)" in found.note


@pytest.mark.parametrize("text", ["در ۲۸ اسفند اعتصاب آغاز شد", "on 3 June", "از ۸ تا ۱۰ تیر"])
def test_without_a_reference_a_day_and_month_stays_no_date(text):
    assert find_dates(text) == []


@pytest.mark.parametrize("text", ["۸ مارس", "اول ماه مه", "اول مه", "3 may be", "۳۰ بهمن ۵۰۰", "۳۱ مهر"])
def test_named_days_lower_case_may_unread_years_and_missing_days_give_nothing(text):
    assert find_dates(text, reference=ISSUE_OF_10_TIR_1400) == []


def test_a_written_year_wins_over_the_reference():
    (found,) = find_dates("۲۸ اسفند ۱۳۵۷", reference=ISSUE_OF_10_TIR_1400)
    assert found.start_value == "1979-03-19" and not found.year_from_reference
    (counted,) = find_dates("۲۵ بهمن ۳۰ نفر", reference=ISSUE_OF_10_TIR_1400)  # a count, not a year
    assert counted.text == "۲۵ بهمن" and counted.start_value == "2021-02-13"


def test_a_reference_known_to_the_month_dates_only_what_the_whole_month_agrees_on():
    april_2012 = reference_from_value("2012-04")
    assert (april_2012.earliest, april_2012.latest) == (date(2012, 4, 1), date(2012, 4, 30))
    # 10 Farvardin 1391 (2012-03-29) is before every day of April 2012; 25 Farvardin 1391 (2012-04-13) is not.
    assert [d.start_value for d in find_dates("۱۰ فروردین", reference=april_2012)] == ["2012-03-29"]
    assert find_dates("۲۵ فروردین", reference=april_2012) == []


@pytest.mark.parametrize(
    ("value", "earliest", "latest"),
    [
        ("2016-10-30", date(2016, 10, 30), date(2016, 10, 30)),
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("1400-04-10", date(2021, 7, 1), date(2021, 7, 1)),  # a Solar year: not ISO Gregorian
        ("۱۰ تیر ۱۴۰۰", date(2021, 7, 1), date(2021, 7, 1)),
    ],
)
def test_catalogue_dates_as_references(value, earliest, latest):
    reference = reference_from_value(value)
    assert (reference.earliest, reference.latest) == (earliest, latest)


@pytest.mark.parametrize("value", ["", "soon", "2016-13", "2019-02-30", "تیر ۱۴۰۰"])
def test_a_catalogue_date_that_is_no_date_or_no_day_is_no_reference(value):
    assert reference_from_value(value) is None


@pytest.mark.parametrize(
    "text",
    ["پنجشنبه ۱۰ تیر ۱۴۰۰\nخبرها", "اخگر ۲۱۷ – ۱۰ تیر ۱۴۰۰\nخبرها", "\n\nاخگر ۲۱۷\nشماره ویژه\n۱۰ تیر ۱۴۰۰\nمتن"],
)
def test_a_dateline_on_the_first_lines_is_the_reference(text):
    reference = reference_from_dateline(text)
    assert (reference.earliest, reference.latest) == (date(2021, 7, 1), date(2021, 7, 1))
    assert "۱۰ تیر ۱۴۰۰" in reference.label


@pytest.mark.parametrize(
    "text",
    [
        "اخگر\nشماره ۲۱۷\nویژه\n۱۰ تیر ۱۴۰۰",  # the fourth line is no dateline
        "در ۲۸ مرداد ۱۳۳۲ کودتای آمریکایی دولت مصدق را سرنگون کرد و دوران تازه‌ای آغاز شد.",  # a sentence
        "اخگر ۲۱۷ – تیر ۱۴۰۰",  # a month is no day
        "از ۸ تا ۱۰ تیر ۱۴۰۰",  # nor a range
    ],
)
def test_no_dateline_no_reference(text):
    assert reference_from_dateline(text) is None


def test_the_catalogue_date_wins_over_the_dateline_and_either_may_be_missing():
    text = "پنجشنبه ۱۰ تیر ۱۴۰۰\nمتن"
    assert document_reference_date("2016-10-30", text).earliest == date(2016, 10, 30)
    assert document_reference_date(None, text).earliest == date(2021, 7, 1)
    assert document_reference_date("soon", text).earliest == date(2021, 7, 1)
    assert document_reference_date(None, "متن بی تاریخ") is None


# Texts with many days and months in them, of every calendar, so that the property meets them often.
day_and_month = st.builds("{} {}".format, st.integers(0, 33), st.sampled_from(
    ["اسفند", "فروردین", "تیر", "دی ماه", "مارس", "June", "فوریه", "رمضان", "ذی‌الحجه", "شعبان"]))
texts_with_days = st.lists(st.one_of(pieces, day_and_month), max_size=20).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts_with_days, st.dates(min_value=date(1930, 1, 1), max_value=date(2070, 12, 31)))
def test_with_a_reference_never_raises_nor_dates_a_day_and_month_after_it(text, day):
    mentions = find_dates(text, reference=ReferenceDate(day, day, "test"))
    check(text, mentions)
    for mention in (m for m in mentions if m.year_from_reference):
        assert first_day(mention.start_value) <= day
        assert first_day(mention.end_value or mention.start_value) <= day


# ---- shapes of dates in reports (sentences written for these tests) ----


@pytest.mark.parametrize("text, value, end", [
    ("در تاریخ بیست و دوم آبان ۱۴۰۰ برگزار شد", "2021-11-13", None),  # a day in words
    ("در روزهای دهم تا دوازدهم ماه مه ۲۰۱۵ میلادی", "2015-05-10", "2015-05-12"),
    ("۱۴۰۰ آبان ۲۲, شنبه", "2021-11-13", None),  # year first, as blog platforms write it
    ("شنبه، آبان ۲۲، ۱۴۰۰", "2021-11-13", None),  # month, day, comma, year
    ("کابل، ۲۲ عقرب ۱۴۰۰", "2021-11-13", None),  # an Afghan month name
    ("اعتراض مورخه ۲۲/۸/۰۰ در", "2021-11-13", None),  # a two-digit Solar year after «مورخه»
    ("۲۱ ژولای ۲۰۲۰", "2020-07-21", None),
])
def test_shapes_of_dates_in_reports(text, value, end):
    found = find_dates(text)
    assert [(d.start_value, d.end_value) for d in found] == [(value, end)]


@pytest.mark.parametrize("text", ["میزان ۲۰ درصد بود", "جدی ۴۰ سال", "۳ / ۴ / ۵۶ بدون مورخه"])
def test_words_that_are_no_dates(text):
    assert find_dates(text) == []


def test_a_yearless_day_takes_the_year_of_its_equivalent_beside_it():
    found = find_dates("در ۲۲ و ۲۳ آبان، برابر با ۱۳ و ۱۴ نوامبر ۲۰۲۱، برگزار شد")
    assert [(d.start_value, d.end_value, d.calendar) for d in found] == [
        ("2021-11-13", "2021-11-14", "solar"), ("2021-11-13", "2021-11-14", "gregorian")]
    assert found[0].year_from_reference
    assert find_dates("در ۱۳ نوامبر ۲۰۲۱ (۲۲ آبان)")[1].start_value == "2021-11-13"
    # a day that is not the same date is left alone
    assert len(find_dates("در ۱۳ نوامبر ۲۰۲۱ (۲۲ تیر)")) == 1


def test_a_year_counted_from_the_documents_year():
    reference = ReferenceDate(date(2021, 11, 13), date(2021, 11, 13), "test")
    found = find_dates("در تیرماه سال گذشته و در ۱۰ دی امسال", reference=reference)
    assert [d.start_value for d in found] == ["2020-07", "2021-12-31"]
    assert find_dates("در تیرماه سال گذشته") == []  # no document date, no year


@pytest.mark.parametrize("text, day", [
    ("دوشنبه ۱۴ مهر ۱۳۹۸، نیروهای امنیتی در شهر نمونه ده‌ها نفر را بازداشت کردند و خانواده‌ها نگرانند", date(2019, 10, 6)),
    ("گزارشی از تجمع بازنشستگان در برابر ساختمان سازمان در تهران - ۱۴ مهر ۱۳۹۸", date(2019, 10, 6)),
    ("کابل (خبرگزاری نمونه، ۲۲ عقرب ۱۴۰۰): رهبر حزب نمونه امروز گفت که حزب به زودی کنگره خواهد داشت", date(2021, 11, 13)),
])
def test_a_longer_first_line_may_hold_the_dateline(text, day):
    assert reference_from_dateline(text).earliest == day
