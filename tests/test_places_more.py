"""Places that an exact gazetteer match misses: clitics, compass regions, glued words, Latin script, wrapped lines.

Every sentence here is invented; the places in them are not those of the repository's sources.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from graphbuild.document import Document, SourceFile
from graphbuild.extract.places import ENGLISH_NAMES_FILE, PlaceExtractor, english_key, token_finds
from graphbuild.tokenise import segment

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def places(analyse):
    """The Place mentions of a text after the whole extract stage: {(text as written, name)}."""

    def run(text: str) -> set[tuple[str, str]]:
        doc = analyse(text)
        for mention in doc.mentions:  # the offsets cover exactly the mention's characters
            assert doc.text[mention.start : mention.end] == mention.text
        return {(m.text, m.name) for m in doc.mentions if m.kind == "Place"}

    return run


@pytest.mark.parametrize("text, expected", [
    ("مرکز این بحران در سال ۱۳۹۹ اسپانیاست.", ("اسپانیا", "اسپانیا")),  # copula after a vowel
    ("سهم بزرگ از آن مکزیکست و نه دیگران.", ("مکزیک", "مکزیک")),  # copula after a consonant
    ("آینده‌ی لبنان‌مان را خودمان می‌سازیم.", ("لبنان", "لبنان")),  # a possessive
    ("ونزوئلای امروز با سال ۲۰۱۲ فرق دارد.", ("ونزوئلا", "ونزوئلا")),  # the ezafe after a vowel
    ("بزرگ‌ترین خریدار این نفت کره جنوبیست.", ("کره جنوبی", "کره جنوبی")),  # a two-word name
])
def test_a_clitic_written_onto_a_place(places, text, expected):
    assert expected in places(text)


@pytest.mark.parametrize("text", [
    "کارگران ونزوئلایی و رفقای مکزیکی به تظاهرات پیوستند.",  # demonyms
    "شاعران لبنانی و نویسندگان سوری آمدند.",
    "تصویری از کهکشان و قبرستان شهر.",  # words that look like a place with a clitic
    "پیشوای این جنبش سال‌ها در زندان بود.",  # the ezafe of a town's name that is a common word
])
def test_no_place_from_a_demonym_or_a_word_that_looks_inflected(places, text):
    assert places(text) == set()


@pytest.mark.parametrize("text, expected", [
    ("نیروهای ترکیه در شمال سوریه مستقر شدند.", ("شمال سوریه", "شمال سوریه")),
    ("در جنوب غربی پاکستان سیل آمد.", ("جنوب غربی پاکستان", "جنوب غربی پاکستان")),
    ("روستاهای شمال‌شرق نیجریه تخلیه شد.", ("شمال‌شرق نیجریه", "شمال‌شرق نیجریه")),
    ("اعتراض‌ها به شرق اروپا رسید.", ("شرق اروپا", "اروپای شرقی")),  # a named region's other form
])
def test_a_compass_word_before_a_place_names_a_region(places, text, expected):
    assert expected in places(text)


def test_a_compass_region_has_no_gazetteer_code_and_a_known_one_keeps_its_own(analyse):
    doc = analyse("ارتش از جنوب عراق به جنوب لبنان رفت.")
    codes = {m.text: m.attribute("place_code") for m in doc.mentions if m.kind == "Place"}
    assert codes["جنوب عراق"] is None
    assert codes["جنوب لبنان"]  # in the lexicon: its code, not a compass region's


@pytest.mark.parametrize("text", ["باد سرد از شمال می‌وزد.", "در غرب کشور باران آمد.", "شرق و غرب با هم جنگیدند."])
def test_a_compass_word_alone_is_no_place(places, text):
    assert places(text) == set()


def test_a_region_named_by_two_places_is_a_mention_of_each(places):
    found = places("در خاورمیانه و شمال آفریقا اعتصاب‌ها گسترش یافت.")
    assert found == {("خاورمیانه", "خاورمیانه"), ("شمال آفریقا", "شمال آفریقا")}


def test_a_country_run_onto_the_word_before_it(analyse):
    doc = analyse("حملات جنایتبارروسیه به شهرها در سال ۲۰۲۲ آغاز شد.")
    (mention,) = [m for m in doc.mentions if m.kind == "Place"]
    assert (mention.text, mention.name) == ("روسیه", "روسیه")
    source_start, source_end = doc.source_span(mention.start, mention.end)
    assert doc.source.text[source_start:source_end] == "روسیه"  # just the place's characters


@pytest.mark.parametrize("text", [
    "سربازان تابوتان را بردند.",  # a known word that ends in a country's name (بوتان)
    "صدای حقگویان را خاموش کردند.",  # a country the word list never counts (گویان)
    "تیم فوتبال در چین بازی کرد.",  # too short to be cut out of a word, and here alone anyway
])
def test_no_country_cut_out_of_a_known_word(places, text):
    assert not any(name in ("بوتان", "گویان") for _, name in places(text))


@pytest.mark.parametrize("text, expected", [
    ("نشانی: PO Box 45, Berlin 10115", ("Berlin", "برلین")),
    ("دفتر ما در TOKYO است.", ("TOKYO", "توکیو")),
    ("سفارت Turkey در شهر", ("Turkey", "ترکیه")),
    ("بیانیه به زبان انگلیسی: Workers of Côte d'Ivoire", ("Côte d'Ivoire", "ساحل‌عاج")),
    ("نامه از Buenos Aires رسید.", ("Buenos Aires", "بوئنوس آیرس")),
    ("شعبه UK حزب", ("UK", "بریتانیا")),
])
def test_a_place_in_latin_letters(places, text, expected):
    assert expected in places(text)


@pytest.mark.parametrize("text", [
    "ایمیل: info@berlin.org یا www.tokyo.example.com",  # parts of addresses
    "ایمیل: Berlin@example.org و http://example.org/Tokyo",
    "he ate turkey in berlin",  # lower case: an English word, or a careless name
    "the Uk office",  # an abbreviation in other capitals
    "Mr. Jam and Mr. Shaft",  # gazetteer English names that are English words
])
def test_no_place_from_an_address_or_a_lower_case_word(places, text):
    assert places(text) == set()


def _raw_document(text: str) -> Document:
    """A document exactly as written, without normalisation (which may itself join wrapped lines)."""
    tokens, sentences = segment(text)
    return Document(SourceFile("wrapped.txt", text), text, tuple(range(len(text) + 1)), tokens, sentences)


def test_a_name_wrapped_onto_the_next_line(resources):
    doc = _raw_document("سرمایه‌ها به کشورهای آمریکای\nلاتین رفت و سپس به شمال\nنروژ.")
    found = {(doc.text[f.start : f.end], f.name) for f in token_finds(doc, resources)}
    assert found == {("آمریکای\nلاتین", "آمریکای لاتین"), ("شمال\nنروژ", "شمال نروژ")}


def test_a_line_that_ends_on_a_place_keeps_it(resources):
    doc = _raw_document("کنگره در سوئد\nجنوبی‌ترین بخش را بررسی کرد.")
    assert [f.name for f in token_finds(doc, resources)] == ["سوئد"]
    heading = _raw_document("کردستان\nعراق و سوریه در سال ۲۰۱۴ درگیر جنگ بودند.")  # a heading, then a paragraph
    assert [f.name for f in token_finds(heading, resources)] == ["کردستان", "عراق", "سوریه"]


def test_the_extractor_names_the_gazetteer_code(resources):
    doc = _raw_document("Paris")
    (mention,) = PlaceExtractor()(doc, resources)
    assert mention.attribute("place_code") == resources.places["پاریس"].code


def test_every_english_name_leads_to_a_place_of_the_lexicon(resources):
    with resources.data_file(ENGLISH_NAMES_FILE).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert rows
    stale = [row for row in rows if resources.place_aliases.get(row["name"], row["name"]) not in resources.places]
    assert stale == []
    keys = [english_key(row["name_en"]) for row in rows]
    assert len(keys) == len(set(keys))  # one place per English name


@pytest.fixture(scope="module")
def make_lexicons():
    spec = importlib.util.spec_from_file_location("make_lexicons", ROOT / "scripts" / "make_lexicons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_gazetteer_english_names_as_a_text_writes_them(make_lexicons):
    assert make_lexicons._gazetteer_name_en("Borujen city") == "Borujen"
    assert make_lexicons._gazetteer_name_en("جایگاه CNG") == ""
    assert make_lexicons._gazetteer_name_en(None) == ""


def test_an_english_name_two_towns_share_names_neither(make_lexicons):
    towns = [["الف‌آباد", "city", "IR-city-1", "IR-01", "", "", "", "Alefabad"],
             ["ب‌آباد", "city", "IR-city-2", "IR-02", "", "", "", "Alefabad"],
             ["پ‌آباد", "city", "IR-city-3", "IR-02", "", "", "", "Pabad"],
             ["ت‌آباد", "city", "IR-city-4", "IR-02", "", "", "", "London"]]
    rows = make_lexicons.english_name_rows(towns, known_place=lambda name: True)
    assert ["Pabad", "پ‌آباد"] in rows
    assert not any(english == "Alefabad" for english, _ in rows)
    assert ["London", "لندن"] in rows and ["London", "ت‌آباد"] not in rows  # the hand-kept list wins
