"""Extraction on short texts written for these tests: other parties, people, cities and years than the
sources, so that the lexicons and patterns are checked for what they do on unseen text."""

from __future__ import annotations

import pytest


def found(doc) -> set[tuple[str, str]]:
    return {(m.kind, m.text) for m in doc.mentions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("حزب دموکرات کردستان ایران کنگره شانزدهم خود را برگزار کرد.",
         {("Party", "حزب دموکرات کردستان ایران"), ("Event", "کنگره شانزدهم")}),
        ("رفیق فرهاد کریمی از اعضای سازمان فداییان خلق ایران در شیراز سخنرانی کرد.",
         {("Person", "فرهاد کریمی"), ("Party", "سازمان فداییان خلق ایران"), ("Place", "شیراز")}),
        ("اتحادیه آزاد کارگران ایران از اعتصاب کارگران در شوش حمایت کرد.",
         {("Organization", "اتحادیه آزاد کارگران ایران"), ("Place", "شوش")}),
        ("سندیکای کارگران شرکت واحد اتوبوسرانی تهران اطلاعیه داد.",
         {("Organization", "سندیکای کارگران شرکت واحد اتوبوسرانی تهران"), ("Place", "تهران")}),
        ("آقای علی رضایی در تهران گفت که انقلاب ۵۷ شکست خورد.",
         {("Person", "علی رضایی"), ("Place", "تهران"), ("Event", "انقلاب ۵۷")}),
        ("قطعنامه درباره خیزش آبان ۹۸ در تبریز و رشت.",
         {("Event", "خیزش آبان ۹۸"), ("Place", "تبریز"), ("Place", "رشت")}),
    ],
)
def test_names_absent_from_every_lexicon_are_found(analyse, text, expected):
    assert expected <= found(analyse(text))


def test_an_event_carries_its_ordinal_and_organiser(analyse):
    doc = analyse("قطعنامه سومین پلنوم کمیته مرکزی حزب توده ایران.")
    (event,) = [m for m in doc.mentions if m.kind == "Event"]
    assert event.text == "سومین پلنوم کمیته مرکزی حزب توده ایران"
    assert event.key_text == "پلنوم سوم کمیته مرکزی حزب توده ایران"
    assert event.attribute("ordinal") == "3" and event.attribute("tail") == "body"
    assert ("Party", "حزب توده ایران") in found(doc)  # the organiser is a mention of its own


@pytest.mark.parametrize("text", ["کنگره یازدهم", "یازدهمین کنگره", "کنگره ۱۱", "کنگره 11", "کنگره ١١"])
def test_ordinals_in_words_and_any_digits(analyse, text):
    (event,) = [m for m in analyse(f"پیام به {text} تصویب شد.").mentions if m.kind == "Event"]
    assert event.attribute("ordinal") == "11"


def test_signature_lines_give_people_and_their_towns(analyse):
    doc = analyse("با درود\nسارا از مشهد\n***\nنازنین محمدی، کاوه عزیزی\nمنصور رسا / کارگر پروژه ای\n")
    assert {("Person", "سارا"), ("Place", "مشهد"), ("Person", "نازنین محمدی"), ("Person", "کاوه عزیزی"),
            ("Person", "منصور رسا")} <= found(doc)
    assert not any(m.text.startswith("کارگر") for m in doc.mentions)


@pytest.mark.parametrize(
    "text",
    [
        "حزب و سازمان سیاسی پیشرو باید مبارزه کند و حزب ما در کنگره حاضر است.",
        "شرکت احزاب مختلف کمونیستی در این نشست مهم بود.",
        "کنگره های پیشین سازمان درباره انقلاب و جنگ سخن گفتند.",
        "رفیق عزیز، زنده باد سوسیالیسم!",
        "کمیته مرکزی تصمیم گرفت.",
    ],
)
def test_generic_words_are_not_entities(analyse, text):
    assert found(analyse(text)) == set()


def test_a_party_name_ends_where_the_sentence_goes_on(analyse):
    doc = analyse("رهبری حزب کمونیست کارگری بر جنبشهای اعتراضی و حزب کمونیست کارگری هدایت و پشتیبانی کرد.")
    parties = [m.text for m in doc.mentions if m.kind == "Party"]
    assert parties == ["حزب کمونیست کارگری", "حزب کمونیست کارگری"]


def test_places_from_the_gazetteer_and_not_common_words(analyse):
    doc = analyse("بحران مالی در آمریکا و کمیته مرکزی در کرمانشاه و بوشهر و خوزستان.")
    places = {m.text: m.key_text for m in doc.mentions if m.kind == "Place"}
    assert places.keys() == {"آمریکا", "کرمانشاه", "بوشهر", "خوزستان"}
    assert places["آمریکا"] == "ایالات‌متحده"  # an alias resolves to the gazetteer's name


def test_mentions_point_back_into_the_source_text(analyse):
    text = "  حزب كمونيست كارگري ايران  در تهران"
    doc = analyse(text)
    for mention in doc.mentions:
        start, end = doc.source_span(mention.start, mention.end)
        assert text[start:end].replace("ك", "ک").replace("ي", "ی") == mention.text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("پس از حمله به عراق", "حمله به عراق"),
        ("در جنگ داخلی خونین یمن", "جنگ داخلی یمن"),
        ("اعتراضات سراسری آبان ۹۸ ادامه یافت", "اعتراضات آبان ۹۸"),
        ("اعتصاب بزرگ کره جنوبی ادامه دارد", "اعتصاب کره جنوبی"),  # the longer place, not the namer «کره»
        ("انقلاب فوریه سال ۱۹۱۷ آغاز شد", "انقلاب فوریه"),
    ],
)
def test_events_named_by_a_place_or_a_date_after_describing_words(analyse, text, name):
    events = [m for m in analyse(text).mentions if m.kind == "Event"]
    assert [m.key_text for m in events] == [name]


@pytest.mark.parametrize("text", ["حمله به کارگران ادامه دارد", "جنگ داخلی پایان یافت", "کنگره حزب برگزار شد"])
def test_a_head_without_a_name_or_date_is_no_event(analyse, text):
    assert not [m for m in analyse(text).mentions if m.kind == "Event"]


def test_names_in_guillemets_after_a_collective_noun_are_organisations(analyse):
    doc = analyse("کارگران تشکلهایی مانند «سندیکای نانوایان سقز» و « کانون صنفی معلمان» ساختند.")
    assert {("Organization", "سندیکای نانوایان سقز"), ("Organization", "کانون صنفی معلمان")} <= found(doc)


def test_a_name_in_guillemets_far_from_any_collective_noun_is_no_organisation(analyse):
    doc = analyse("سازمان‌ها بارها گفته‌اند که این جامعه سرانجام به جامعه‌ای از «تولید کنندگان آزاد» تبدیل خواهد شد.")
    assert not [m for m in doc.mentions if m.kind == "Organization"]


def test_a_state_as_an_actor_and_an_alliance_are_organisations(analyse):
    doc = analyse("دولت فرانسه و اتحاد چپ کارگران ترکیه بیانیه دادند.")
    assert {("Organization", "دولت فرانسه"), ("Organization", "اتحاد چپ کارگران ترکیه")} <= found(doc)


def test_a_head_and_its_name_are_one_body(analyse):
    doc = analyse("سازمان اتحاد فدائیان کمونیست بیانیه داد.")
    assert [m.text for m in doc.mentions if m.kind in ("Party", "Organization")] == ["سازمان اتحاد فدائیان کمونیست"]


def test_recogniser_checks_reject_common_words_beside_a_given_name_and_run_together_words(resources):
    from graphbuild.extract.statistical import _person_ok
    from graphbuild.extract.words import is_glued

    assert not _person_ok(["حسن", "نیت"], resources)  # «حسن نیت», good faith
    assert _person_ok(["حسن", "کاظمی‌فر"], resources)
    assert not _person_ok(["سیستم", "برتون"], resources)  # a person's name opens with a name
    assert _person_ok(["یداله", "مرادی"], resources)  # the other spelling of «یدالله» is a given name too
    assert is_glued("جنایتباراسرائیل", resources)  # «جنایت‌بار» + «اسرائیل», the half-space lost
    assert not is_glued("کاظمی‌فر", resources)


def test_a_plural_head_with_two_ordinals_names_two_events(analyse):
    doc = analyse("در ادامه کنفرانس‌های اول و دوم فعالان کارگری، کنفرانس سوم فعالان کارگری در پاریس برگزار شد.")
    events = sorted((m.key_text, m.text) for m in doc.mentions if m.kind == "Event")
    # the description after the second ordinal is both events' («فعالان کارگری»)
    assert [key for key, _ in events] == ["کنفرانس اول فعالان کارگری", "کنفرانس دوم فعالان کارگری",
                                          "کنفرانس سوم فعالان کارگری"]
    assert ("کنفرانس دوم فعالان کارگری", "دوم") in events  # the second is anchored on its own ordinal
    assert not [m for m in analyse("کنفرانس‌های زیادی برگزار شد.").mentions if m.kind == "Event"]


def persons(doc) -> set[str]:
    return {m.text for m in doc.mentions if m.kind == "Person"}


def test_a_name_in_the_plural_names_the_person(analyse):
    doc = analyse("این کنگره صدای فرامرز عظیم زاده ها و کارگران زندانی است.")
    assert "فرامرز عظیم زاده" in persons(doc)  # «… ها»: the likes of him; the suffix is not in the name


def test_a_given_name_that_is_also_a_verb_form_signs_a_message(analyse):
    doc = analyse("پیام به کنفرانس\nبرای همه رفقا آرزوی پیروزی دارم.\nخجسته نوروزی\n")
    assert "خجسته نوروزی" in persons(doc)
    assert not persons(analyse("سالی خجسته نوروزی برای همه کارگران آرزو داریم"))  # prose: the verb reading


def test_one_word_after_a_title_is_a_name_when_it_is_shaped_like_a_family_name(analyse):
    assert persons(analyse("یاد رفیق قربانزاده را گرامی می‌داریم.")) == {"قربانزاده"}
    assert not persons(analyse("یاد رفیق دیگر را گرامی می‌داریم."))


def test_a_typo_of_a_common_word_is_not_a_family_name(analyse):
    assert not persons(analyse("با آرزو موفقعیت برای همه شما"))
    assert persons(analyse("با درود، آرزو کاظمی")) == {"آرزو کاظمی"}


def test_a_date_in_parentheses_is_not_part_of_a_partys_name(analyse):
    doc = analyse("او در تشکیل حزب کمونیست افغانستان (مه ۱۹۶۵) نقش داشت.")
    assert {m.text for m in doc.mentions if m.kind == "Party"} == {"حزب کمونیست افغانستان"}


def test_a_compound_verbs_noun_after_a_head_is_no_organisation(analyse):
    doc = analyse("این همبستگی باید به شعار سازمان عینیت بخشد.")
    assert not [m for m in doc.mentions if m.kind in ("Organization", "Party")]


@pytest.mark.parametrize(("text", "name"), [
    ("فروپاشی بازارهای مالی در سال ۲۰۰۸ همه را غافلگیر کرد.", "فروپاشی بازارهای مالی در سال ۲۰۰۸"),
    ("بحران مالی 2008 هنوز ادامه دارد.", "بحران مالی ۲۰۰۸"),
    ("اعتصاب کارگران نفت در سال ۵۷ رژیم را فلج کرد.", "اعتصاب کارگران نفت در سال ۵۷"),
])
def test_a_dated_head_with_describing_words_and_a_year_is_an_event(analyse, text, name):
    assert name in {m.text for m in analyse(text).mentions if m.kind == "Event"}


def test_a_crisis_without_a_year_is_no_event(analyse):
    assert not [m for m in analyse("بحران اقتصادی در کشور عمیق‌تر می‌شود.").mentions if m.kind == "Event"]


def test_a_wave_named_by_its_year_is_the_one_named_by_a_month_of_that_year(analyse):
    doc = analyse("قیام گسترده آبان ۹۸ سرکوب شد. اعتراضات سال ۹۸ اما ادامه یافت. تظاهرات سال ۱۴۰۱ فرق داشت.")
    keys = {m.text: m.key_text for m in doc.mentions if m.kind == "Event"}
    assert keys["اعتراضات سال ۹۸"] == keys["قیام گسترده آبان ۹۸"]
    assert keys["تظاهرات سال ۱۴۰۱"] == "تظاهرات سال ۱۴۰۱"  # no wave of that year is dated by its month
