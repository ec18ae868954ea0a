from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.document import SourceFile
from graphbuild.normalise import normalise

PERSIAN = st.sampled_from(list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيك۰۱۲۳۴۵۶۷۸۹0123456789 \n\r\t\u200c،.«»()-"))


def test_hazm_orthography_with_offsets_into_the_source(resources):
    source = SourceFile("x.txt", "  حزب كمونيست  كارگري  در سال 1398 مي روند")
    doc = normalise(source, resources)
    assert "حزب کمونیست کارگری" in doc.text and "۱۳۹۸" in doc.text
    start = doc.text.index("کمونیست")
    assert doc.source_text(start, start + len("کمونیست")) == "كمونيست"
    year = doc.text.index("۱۳۹۸")
    assert doc.source_text(year, year + 4) == "1398"


@settings(max_examples=150, deadline=None)
@given(st.lists(PERSIAN, max_size=120).map("".join))
def test_every_normalised_character_maps_into_the_source(resources, text):
    doc = normalise(SourceFile("x.txt", text), resources)
    assert len(doc.offsets) == len(doc.text) + 1
    assert all(0 <= offset <= len(text) for offset in doc.offsets)
    for start in range(len(doc.text)):
        source_start, source_end = doc.source_span(start, start + 1)
        assert 0 <= source_start < source_end <= len(text)


def test_lines_stay_lines(resources):
    doc = normalise(SourceFile("x.txt", "یک\r\n\r\n\r\nدو\n"), resources)
    assert doc.text.count("\n") == 4


DAMAGED = (
    "این انقلب بزرگ بود و تلش کارگران ادامه دارد.\n"
    "به اصطلح جهان پیشرفته در انقلب اکتبر سهیم بود و اطلعات بیشتر.\n"
    "تلش برای سازمان دهی.\n"
)


def test_lost_la_is_restored_where_the_document_shows_the_damage(resources):
    doc = normalise(SourceFile("leaflet.txt", DAMAGED), resources)
    assert "انقلاب اکتبر" in doc.text and "تلاش کارگران" in doc.text and "اطلاعات" in doc.text
    start = doc.text.index("انقلاب اکتبر")
    assert doc.source_text(start, start + len("انقلاب")) == "انقلب"


def test_an_undamaged_document_is_left_alone(resources):
    text = "بال پرنده و بالا رفتن و سلام و کلاس و تلاش و انقلاب و کل جهان. " * 3
    doc = normalise(SourceFile("ok.txt", text), resources)
    assert "بال پرنده" in doc.text and "کل جهان" in doc.text and not doc.warnings


def test_a_year_displaced_to_the_line_start_goes_back_after_its_word(resources):
    doc = normalise(SourceFile("pdf.txt", "1906از سازمان هایی که در انقلاب مشروطه در سال\n"), resources)
    assert doc.text.rstrip().endswith("در سال ۱۹۰۶")
    year = doc.text.index("۱۹۰۶")
    assert doc.source_text(year, year + 4) == "1906"


def test_a_suffix_does_not_vouch_for_a_restored_la(resources):
    lexicon = resources.lexicon
    assert lexicon.restore_lost_la("انقلبی") == "انقلابی"  # «انقلاب» + «ی»: the «ا» is the stem's
    assert lexicon.restore_lost_la("بین‌المللی") is None  # not «بین‌الملل» + «ای»
    assert lexicon.restore_lost_la("مالی") is None  # not «مال» + «ای»


def test_the_older_spelling_with_hamza_is_a_known_word(resources):
    assert resources.lexicon.is_known("فردگرائی") and resources.lexicon.is_known("اروپائی")
    assert not resources.lexicon.is_known("زرگرائیان‌تر")  # no such word in either spelling
