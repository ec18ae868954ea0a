"""Repairs of right-to-left PDF-extraction damage in the normalise stage: lines whose runs came out in visual
order, and hard-wrapped lines. The texts are invented; the damaged forms were written by hand the way the
extractor emits them (each line's runs left to right, each run in its own order)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.document import Document, SourceFile
from graphbuild.normalise import (
    MappedText,
    _join_hard_wrapped_lines,
    _repair_visual_order,
    normalise,
)

SOURCES = Path(__file__).resolve().parent.parent / "sources"
LEAFLET = "ict-aurora-leaflet-platform-2012.txt"
REORDERED = "in visual order"
JOINED = "hard-wrapped"

# Each damaged line, and the line as it was written.
VISUAL_ORDER = [
    ("، پیش از۱۳۵۹کنگره اول سازمان در تهران در سال ", "کنگره اول سازمان در تهران در سال ۱۳۵۹، پیش از"),
    (")، که در شهر رشت۱۹۷۹حزب توده ایران (اکتبر ", "حزب توده ایران (اکتبر ۱۹۷۹)، که در شهر رشت"),
    (" در لندن۱۹۸۲ در سال Kar Weeklyنشریه کار ", "نشریه کار Kar Weekly در سال ۱۹۸۲ در لندن"),
    (")، سازمان۱۳۶۰ – ۱۳۵۸انشعاب اکثریت و اقلیت (", "انشعاب اکثریت و اقلیت (۱۳۵۸ – ۱۳۶۰)، سازمان"),
    ("۴همچون فرخ نگهدار، یکی از نویسندگان قطعنامه پلنوم ", "همچون فرخ نگهدار، یکی از نویسندگان قطعنامه پلنوم ۴"),
    ("، و در شهرهای شمالی نیز تا پایان۱۳۶۷", "۱۳۶۷، و در شهرهای شمالی نیز تا پایان"),  # only «،» first shows it
]
# Lines a damaged document may hold that are not damaged: numbers with a suffix, numbers typed against the
# word before them, and a line of Latin text.
WELL_FORMED = [
    "در ۱۲مین نشست و ۲۰ام و ۳م از دهه ۱۳۶۰ها سخن رفت.",
    "این نشست در بهمن57 تا آخر اکتبر2016 ادامه یافت.",
    "Contact: PO Box 25, Toronto ON M5V 3A8",
]


def _lines(doc: Document) -> list[str]:
    return [line for line in doc.text.split("\n") if line.strip()]


def _maps_to_itself(doc: Document, start: int, end: int) -> bool:
    """Whether every non-space character of ``doc.text[start:end]`` comes from the same character of the file."""
    return all(
        doc.source.text[doc.offsets[i]] == doc.text[i] for i in range(start, end) if not doc.text[i].isspace()
    )


def test_lines_in_visual_order_are_put_back_in_reading_order(resources):
    text = "".join(f"{damaged}\n" for damaged, _ in VISUAL_ORDER)
    doc = normalise(SourceFile("damaged.txt", text), resources)
    assert _lines(doc) == [written for _, written in VISUAL_ORDER]
    assert any(REORDERED in warning and f" {len(VISUAL_ORDER)} " in warning for warning in doc.warnings)
    assert _maps_to_itself(doc, 0, len(doc.text))


def test_well_formed_lines_of_a_damaged_document_are_left_as_they_are(resources):
    # Three damaged lines make a damaged document; fewer lines than a hard-wrapped one has.
    text = "".join(f"{damaged}\n" for damaged, _ in VISUAL_ORDER[:3]) + "".join(f"{line}\n" for line in WELL_FORMED)
    doc = normalise(SourceFile("damaged.txt", text), resources)
    assert _lines(doc)[:3] == [written for _, written in VISUAL_ORDER[:3]]
    for line in WELL_FORMED:
        alone = normalise(SourceFile("alone.txt", line), resources)
        assert alone.text in _lines(doc) and not alone.warnings


def test_mentions_in_repaired_lines_point_at_their_characters_in_the_file(resources, analyse):
    text = "".join(f"{damaged}\n" for damaged, _ in VISUAL_ORDER)
    doc = analyse(text)
    assert doc.mentions
    for mention in doc.mentions:
        assert _maps_to_itself(doc, mention.start, mention.end), mention
    party = next(m for m in doc.mentions if m.text == "حزب توده ایران")
    assert doc.source_text(party.start, party.end) == "حزب توده ایران"
    year = doc.text.index("۱۹۷۹")
    source_start, source_end = doc.source_span(year, year + 4)
    assert text[source_start:source_end] == "۱۹۷۹" and text[source_end : source_end + 3] == "حزب"


def test_a_clean_document_with_a_typo_or_two_is_left_alone(resources):
    clean = (
        "نمایندگان در کنگره۱۱ حزب از شهرهای مختلف حضور داشتند.\n"
        "بیانیه پایانی در ۱۴۰۰آبان منتشر شد و بحث‌ها ادامه یافت.\n"
        "سازمان در سال ۱۳۵۷ شکل گرفت و شاخه‌هایی در شیراز داشت.\n"
    )
    doc = normalise(SourceFile("clean.txt", clean), resources)
    assert "در کنگره ۱۱ حزب از" in doc.text and "در ۱۴۰۰ آبان منتشر" in doc.text
    assert not any(REORDERED in warning for warning in doc.warnings)


def test_a_number_moved_to_the_line_start_goes_back_after_the_word_that_takes_it_even_alone(resources):
    doc = normalise(SourceFile("one.txt", "۱۹۵۳پس از کودتا، اعتصاب‌ها ادامه یافت تا پایان مرداد\n"), resources)
    assert _lines(doc) == ["پس از کودتا، اعتصاب‌ها ادامه یافت تا پایان مرداد ۱۹۵۳"]


# A document printed with every line of the page a line of the file, a blank line after each.
WRAPPED_LINES = [
    "تاریخچه کوتاه",
    "در سال‌های پس از انقلاب، گروه‌های چپ در شهرهای بزرگ ایران",
    "فعالیت گسترده‌ای داشتند و بسیاری از آنها سرانجام به تشکیل حزب",
    " کمونیست کارگری ایران پیوستند که در آن زمان در شهرهای",
    "کردستان و تهران هوادارانی پیدا کرده بود. فعالان آن سال‌ها",
    "بارها در نشریات خود از ضرورت اتحاد سخن گفته بودند و اکنون",
    "نیز این بحث در میان نسل جدید ادامه دارد.",
    "برنامه ما",
    "ما خواهان آزادی فوری و کامل همه زندانیان سیاسی هستیم و از",
    "همه نیروهای مترقی و کارگران آگاه در همه شهرها می‌خواهیم که",
    "۱. برای آزادی آنان در هر کارخانه و محله متحد شوند و جلسه",
    "دوم با حضور نمایندگان همه شهرها در پاییز برگزار خواهد شد",
    "کمیته هماهنگی تورنتو",
]
WRAPPED = "".join(f"{line}\n\n" for line in WRAPPED_LINES)


def test_lines_of_a_hard_wrapped_document_are_joined_where_they_ran_to_the_margin(resources):
    doc = normalise(SourceFile("wrapped.txt", WRAPPED), resources)
    assert _lines(doc) == [
        "تاریخچه کوتاه",
        " ".join(WRAPPED_LINES[1:7]).replace("  ", " "),
        "برنامه ما",
        " ".join(WRAPPED_LINES[8:10]),  # not into the list item
        " ".join(WRAPPED_LINES[10:12]),  # not into the signature under a line that ends with its verb
        "کمیته هماهنگی تورنتو",
    ]
    assert any(JOINED in warning for warning in doc.warnings)


def test_a_name_broken_across_lines_is_one_sentence_with_its_break_in_the_file(resources, analyse):
    doc = analyse(WRAPPED)
    name = doc.text.index("حزب کمونیست کارگری ایران")
    sentence_start, sentence_end = doc.sentence_of(name)
    assert sentence_start < name and name + len("حزب کمونیست کارگری ایران") < sentence_end
    space = name + len("حزب")
    assert doc.source.text[doc.offsets[space]] == "\n"
    assert doc.source_text(name, name + len("حزب کمونیست کارگری ایران")) == "حزب\n\n کمونیست کارگری ایران"
    for mention in doc.mentions:
        assert _maps_to_itself(doc, mention.start, mention.end), mention


def test_short_lines_are_not_a_hard_wrapped_document(resources):
    # A list of names: lines of similar width with no full stops, but short ones.
    names = "".join(f"{name}\n\n" for name in [
        "سازمان کارگران انقلابی", "اتحاد چپ ایرانیان", "کانون همبستگی کارگران", "کمیته دفاع از زندانیان",
        "شورای کارگران تبعیدی", "جمعیت زنان مبارز", "انجمن دانشجویان چپ", "کانون نویسندگان مستقل",
    ])
    doc = normalise(SourceFile("names.txt", names), resources)
    assert doc.text.count("\n") == names.count("\n") and not doc.warnings


@pytest.mark.parametrize("path", sorted(p.name for p in SOURCES.glob("*.txt") if p.name != LEAFLET))
def test_sources_whose_lines_are_paragraphs_are_not_repaired(resources, path):
    text = (SOURCES / path).read_text(encoding="utf-8-sig")
    doc = normalise(SourceFile(path, text), resources)
    assert not any(REORDERED in warning or JOINED in warning for warning in doc.warnings)
    assert doc.text.count("\n") == text.count("\n")


def test_the_leaflet_is_repaired(resources):
    text = (SOURCES / LEAFLET).read_text(encoding="utf-8-sig")
    doc = normalise(SourceFile(LEAFLET, text), resources)
    assert any(REORDERED in warning for warning in doc.warnings)
    assert any(JOINED in warning for warning in doc.warnings)
    assert "به کشورهای خاور دور" in doc.text
    assert "منجر به تشکیل حزب کمونیست ایران (ژوئن ۱۹۲۰)، اولین در حوزه کشورهای پیرامونی" in doc.text
    assert "پس از پایان سیستم برتون وودز Bretton Woods در سال ۱۹۷۱، تا کنون)" in doc.text
    assert "در ساختار صنعتی در سالهای ۱۹۸۰، و ایجاد" in doc.text


# Text made of the pieces the repairs look at, in lines of any width, so that both repairs run on it.
PIECES = st.sampled_from([
    "حزب", "کمونیست", "ایران", "در", "سال", "اکتبر", "۱۹۲۰", "1906", "٣٤", "۱۹۲۰کمونیست", "کنگره۱۱", "۱۱مین",
    "Bretton", "Woods", "Woodsپایان", "WC1N", "(", ")", ")،", "،", "–", ".", "«", "»", "\u200c", "\u200e", "%",
    "ي", "ك", "\t", "\r",
])
BREAKS = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"])
SHORT_LINES = st.lists(PIECES, max_size=14).map(" ".join)
LONG_LINES = st.lists(PIECES, min_size=10, max_size=16).map(" ".join)  # wide enough to be hard-wrapped
DOCUMENTS = st.one_of(
    st.tuples(st.lists(SHORT_LINES, min_size=1, max_size=16), BREAKS),
    st.tuples(st.lists(st.one_of(LONG_LINES, SHORT_LINES), min_size=8, max_size=20), BREAKS),
)


def _check_offsets(doc: Document, source: str) -> None:
    assert len(doc.offsets) == len(doc.text) + 1
    assert all(0 <= offset <= len(source) for offset in doc.offsets)
    for start in range(len(doc.text)):
        source_start, source_end = doc.source_span(start, start + 1)
        assert 0 <= source_start < source_end <= len(source)


@settings(max_examples=120, deadline=None)
@given(DOCUMENTS.map(lambda lines_and_break: lines_and_break[1].join(lines_and_break[0])))
def test_normalise_keeps_offsets_in_the_source_whatever_the_damage(resources, text):
    _check_offsets(normalise(SourceFile("x.txt", text), resources), text)


@settings(max_examples=120, deadline=None)
@given(st.text(max_size=200))
def test_normalise_never_fails_on_any_text(resources, text):
    _check_offsets(normalise(SourceFile("x.txt", text), resources), text)


@settings(max_examples=120, deadline=None)
@given(DOCUMENTS.map(lambda lines_and_break: lines_and_break[1].join(lines_and_break[0])))
def test_the_repairs_only_move_characters_and_turn_line_breaks_into_spaces(resources, text):
    mapped, _ = _repair_visual_order(MappedText.identity(text), resources)
    mapped, _ = _join_hard_wrapped_lines(mapped, resources)
    assert sorted(char for char in mapped.text if not char.isspace()) == sorted(
        char for char in text if not char.isspace()
    )
    assert all(text[offset] == char for char, offset in zip(mapped.text, mapped.offsets) if not char.isspace())
