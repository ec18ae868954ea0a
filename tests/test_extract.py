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
    # elections, votes and meetings named by place or subject rather than by an ordinal
    ("انتخابات مجلس ۱۳۹۸ با تحریم گسترده روبرو شد.", "انتخابات مجلس ۱۳۹۸"),
    ("رفراندوم ۲۵ سپتامبر ۲۰۱۷ در اقلیم کردستان برگزار شد.", "رفراندوم ۲۵ سپتامبر ۲۰۱۷"),
    ("کنفرانس استکهلم در مه ۱۹۹۸ برگزار شد.", "کنفرانس استکهلم در مه ۱۹۹۸"),
])
def test_a_dated_head_with_describing_words_and_a_date_is_an_event(analyse, text, name):
    assert name in {m.text for m in analyse(text).mentions if m.kind == "Event"}


@pytest.mark.parametrize("text", ["بحران اقتصادی در کشور عمیق‌تر می‌شود.", "کنفرانس حزب فردا برگزار می‌شود."])
def test_a_crisis_or_a_meeting_without_a_date_is_no_event(analyse, text):
    assert not [m for m in analyse(text).mentions if m.kind == "Event"]


def test_a_wave_named_by_its_year_is_the_one_named_by_a_month_of_that_year(analyse):
    doc = analyse("قیام گسترده آبان ۹۸ سرکوب شد. اعتراضات سال ۹۸ اما ادامه یافت. تظاهرات سال ۱۴۰۱ فرق داشت.")
    keys = {m.text: m.key_text for m in doc.mentions if m.kind == "Event"}
    assert keys["اعتراضات سال ۹۸"] == keys["قیام گسترده آبان ۹۸"]
    assert keys["تظاهرات سال ۱۴۰۱"] == "تظاهرات سال ۱۴۰۱"  # no wave of that year is dated by its month


# ---- events, generalised ----


def events(doc) -> dict[str, str]:
    return {m.text: m.key_text for m in doc.mentions if m.kind == "Event"}


@pytest.mark.parametrize(("text", "mention", "name"), [
    ("اعتصاب رانندگان اتوبوس در ۱۴ بهمن ۱۳۹۷ شهر را فلج کرد.", "اعتصاب رانندگان اتوبوس در ۱۴ بهمن ۱۳۹۷",
     "اعتصاب رانندگان اتوبوس"),
    ("کودتای ارتش در مه ۱۹۶۰ دولت را برانداخت.", "کودتای ارتش در مه ۱۹۶۰", "کودتای ارتش"),
    ("اعتصاب پرستاران اردیبهشت ۱۳۹۹ گسترش یافت.", "اعتصاب پرستاران اردیبهشت ۱۳۹۹", "اعتصاب پرستاران اردیبهشت ۱۳۹۹"),
])
def test_a_dated_head_with_describing_words_and_any_date_is_an_event(analyse, text, mention, name):
    assert events(analyse(text)).get(mention) == name


def test_describing_words_without_a_date_make_no_event(analyse):
    assert not events(analyse("اعتصاب رانندگان اتوبوس ادامه دارد و کودتای نظامی ممکن است."))


def test_a_day_before_a_month_is_a_date_not_an_ordinal(analyse):
    assert "انقلاب ۲۳ ژوئیه ۱۹۵۲" in events(analyse("انقلاب ۲۳ ژوئیه ۱۹۵۲ در مصر پادشاهی را برانداخت."))
    assert events(analyse("کنگره ۱۲ حزب برگزار شد."))  # a number alone after «کنگره» is still its ordinal


def test_an_act_runs_to_the_place_it_was_aimed_at(analyse):
    assert "لشکرکشی آمریکا به عراق" in events(analyse("لشکرکشی آمریکا به عراق در مارس ۲۰۰۳ آغاز شد."))


def test_how_long_a_war_lasted_is_left_out_of_its_name(analyse):
    assert events(analyse("جنگ شش ساله ایران و روسیه پایان یافت.")) == {"جنگ شش ساله ایران و روسیه": "جنگ ایران و روسیه"}


def test_two_waves_dated_by_the_same_month_are_one(analyse):
    doc = analyse("خیزش سراسری آذر ۹۷ سرکوب شد. اعتراضات گسترده در آذر ماه ۹۷ اما ادامه یافت.")
    assert len(set(events(doc).values())) == 1


def test_the_congress_of_a_body_named_in_the_sentence_is_its_own(analyse):
    doc = analyse("حزب کمونیست سودان، که نخستین کنگره خود را در ۱۹۵۰ در خارطوم برگزار کرده بود، قوی بود.")
    congress = next(m for m in doc.mentions if m.kind == "Event")
    assert congress.attribute("tail") == "own"
    assert congress.text == "نخستین کنگره"


# ---- entities, generalised ----

def bodies(doc) -> set[tuple[str, str]]:
    return {(m.kind, m.text) for m in doc.mentions if m.kind in ("Party", "Organization")}


@pytest.mark.parametrize(("text", "name"), [
    ("کارگران پالایشگاه اصفهان دست از کار کشیدند.", "پالایشگاه اصفهان"),
    ("کارگران شهرداری اهواز تجمع کردند.", "شهرداری اهواز"),
    ("حکومت ملی گیلان در آن سال اعلام شد.", "حکومت ملی گیلان"),
    ("جمهوری مهاباد یک سال بیشتر نپایید.", "جمهوری مهاباد"),
])
def test_workplaces_public_bodies_and_states_named_by_a_place_are_organisations(analyse, text, name):
    assert ("Organization", name) in bodies(analyse(text))


def test_a_body_named_by_its_purpose_is_an_organisation(analyse):
    doc = analyse("نشریه کمیته همکاری برای دفاع از تشکل‌های کارگری منتشر شد.")
    assert bodies(doc) == {("Organization", "کمیته همکاری برای دفاع از تشکل‌های کارگری")}
    assert not bodies(analyse("کمیته‌ای برای کمک به آنان تشکیل شد."))


def test_an_organ_of_a_party_is_a_role_and_a_body_within_a_party_is_an_organisation(analyse):
    doc = analyse("دفتر سیاسی حزب کمونیست ترکیه پیامی فرستاد.")
    assert bodies(doc) == {("Party", "حزب کمونیست ترکیه")}
    doc = analyse("سازمان جوانان حزب دموکرات کردستان ایران اعلام موجودیت کرد.")
    assert ("Organization", "سازمان جوانان حزب دموکرات کردستان ایران") in bodies(doc)
    assert ("Party", "سازمان جوانان حزب دموکرات کردستان ایران") not in bodies(doc)


def places_named(doc) -> set[str]:
    return {m.key_text or m.text for m in doc.mentions if m.kind == "Place"}


def test_provinces_and_ports_are_named_as_people_call_them(analyse):
    assert "کرمانشاه" in places_named(analyse("معلمان استان کرمانشاه تجمع کردند."))
    assert "سیستان و بلوچستان" in places_named(analyse("کارگران سیستان و بلوچستان اعتصاب کردند."))
    mentions = [m for m in analyse("کارگران ماهشهر اعتصاب کردند.").mentions if m.kind == "Place"]
    assert [m.text for m in mentions] == ["ماهشهر"] and mentions[0].key_text == "بندرماهشهر"


def test_a_town_that_is_also_a_given_name_names_a_person_before_a_family_name(analyse):
    doc = analyse("پیام رفیق بیستون رحیمی از سنندج خوانده شد.")
    assert persons(doc) == {"بیستون رحیمی"} and places_named(doc) == {"سنندج"}
    doc = analyse("سخنان بیستون حسین‌زاده را شنیدیم.")
    assert persons(doc) == {"بیستون حسین‌زاده"} and not places_named(doc)
    doc = analyse("در سنندج رحیمی سخنرانی کرد.")
    assert "سنندج" in places_named(doc) and not any("سنندج" in p for p in persons(doc))


@pytest.mark.parametrize("name", ["هیمن امینی", "ائلدار صمدی", "عبدالغفور بامری", "دادمحمد رحیمی", "جاسم عبیداوی"])
def test_common_kurdish_azeri_baluch_afghan_and_arab_given_names_are_known(analyse, name):
    assert name in persons(analyse(f"{name} در این نشست سخن گفت."))


def memberships(doc) -> set[tuple[str, str]]:
    spans = {(m.start, m.end): m.text for m in doc.mentions}
    return {(spans[r.subject], spans.get(r.object, "")) for r in doc.relations if r.kind == "memberOf"}


@pytest.mark.parametrize(("text", "person", "body"), [
    ("کامران رحیمی از اعضای سازمان فداییان خلق ایران بازداشت شد.", "کامران رحیمی", "سازمان فداییان خلق ایران"),
    ("شهرام نادری از بنیانگذاران کانون صنفی معلمان شیراز بود.", "شهرام نادری", "کانون صنفی معلمان شیراز"),
    ("حزب کمونیست افغانستان به رهبری عبدالرحیم کریمی قدرت گرفت.", "عبدالرحیم کریمی", "حزب کمونیست افغانستان"),
    ("سیاوش کریمی، دبیر اول حزب توده ایران، سخن گفت.", "سیاوش کریمی", "حزب توده ایران"),
    ("فرهاد نادری عضو هیئت مدیره سندیکای کارگران فلزکار اراک است.", "فرهاد نادری", "سندیکای کارگران فلزکار اراک"),
    ("با درود\nرضا کامرانی‌نژاد\nعضو کانون صنفی معلمان اصفهان", "رضا کامرانی‌نژاد", "کانون صنفی معلمان اصفهان"),
])
def test_stated_memberships_are_affiliations(analyse, text, person, body):
    assert (person, body) in memberships(analyse(text))


def test_a_person_merely_near_a_body_has_no_affiliation(analyse):
    doc = analyse("کامران رحیمی از سخنان سازمان فداییان خلق ایران انتقاد کرد.")
    assert not memberships(doc)


# ---- events, round 2 ----


def reported(doc) -> set[str]:
    return {m.text for m in doc.mentions if m.kind == "Event"}


@pytest.mark.parametrize(("text", "event"), [
    ("روز ۱۲ مهر ۱۴۰۱ تجمع پرستاران بیمارستان در کرمانشاه با حمله پلیس پراکنده شد.",
     "تجمع پرستاران بیمارستان در کرمانشاه"),
    ("تحصن معلمان بازنشسته در اهواز از ۲۰ آذر ۱۴۰۲ ادامه دارد.", "تحصن معلمان بازنشسته در اهواز"),
    ("در ۳ اسفند ۱۳۹۹ راهپیمایی کارگران نیشکر شوش برگزار شد.", "راهپیمایی کارگران نیشکر شوش"),
])
def test_a_protest_with_its_people_place_and_a_date_is_an_event(analyse, text, event):
    assert event in reported(analyse(text))


@pytest.mark.parametrize("text", [
    "تجمع پرستاران بیمارستان در کرمانشاه با حمله پلیس پراکنده شد.",  # no date
    "روز ۱۲ مهر ۱۴۰۱ تجمع پرستاران بیمارستان با حمله پلیس پراکنده شد.",  # no place
    "در ۱ مهر ۱۴۰۱ و ۵ آبان ۱۴۰۱ تجمع پرستاران در کرمانشاه تکرار شد.",  # two dates: which one is not said
])
def test_a_protest_without_both_a_place_and_one_date_is_no_event(analyse, text):
    assert not any(name.startswith("تجمع") for name in reported(analyse(text)))


# ---- entities, round 2 ----


@pytest.mark.parametrize(("text", "name"), [
    ("بیانیه سندیکای کارگران نساجی منتشر شد.", "سندیکای کارگران نساجی"),
    ("اتحادیه رانندگان کامیون اعتصاب را ادامه داد.", "اتحادیه رانندگان کامیون"),
    ("شورای هماهنگی بازنشستگان مخابرات تجمع کرد.", "شورای هماهنگی بازنشستگان مخابرات"),
])
def test_a_union_of_a_class_named_by_its_trade_is_an_organisation(analyse, text, name):
    assert any(kind == "Organization" and found_name.startswith(name)
               for kind, found_name in bodies(analyse(text)))


@pytest.mark.parametrize("text", [
    "سندیکای کارگران در این باره سکوت کرد.",  # a class and no trade
    "شورای کارگران را تشکیل دادند.",
    "اتحادیه کارگران نشان داد که ایستاده است.",  # the word after the class is no trade
])
def test_a_union_of_a_class_without_a_trade_is_no_name(analyse, text):
    assert not bodies(analyse(text))


def test_a_body_of_a_known_party_is_an_organisation_and_not_the_party(analyse, resources):
    from graphbuild.resolve import resolve

    doc = analyse("چند سال بعد سازمان جوانان حزب توده منحل شد و حزب توده ایران به تبعید رفت.")
    assert ("Organization", "سازمان جوانان حزب توده") in bodies(doc)
    assert ("Party", "سازمان جوانان حزب توده") not in bodies(doc)
    parties = {e.label for e in resolve([doc], resources).entities.values() if e.kind == "Party"}
    assert parties == {"حزب توده ایران"}  # the lexicon's short form inside the body is not the body
    assert not bodies(analyse("سازمان نظامی حزب را منحل کردند."))  # no party named


@pytest.mark.parametrize("name", ["غلامحیدر بارکزی", "گل‌محمد ریگی", "اللهداد نارویی", "میرقاسم صالحی"])
def test_compound_given_names_are_given_names(analyse, name):
    assert name in persons(analyse(f"به گفته {name}، کارگران به کار بازگشتند."))


@pytest.mark.parametrize("word", ["خداحافظ", "شاهرود", "گلستان", "میراث"])
def test_words_that_only_look_like_compound_names_are_not_given_names(resources, word):
    from graphbuild.extract.people import is_given_name

    assert not is_given_name(word, resources)


def test_a_given_name_after_a_compound_given_name_is_the_family_name(analyse):
    assert persons(analyse("دولت عبدالرحمن یوسف سقوط کرد.")) == {"عبدالرحمن یوسف"}
    assert persons(analyse("سخنان غلامحسین رحیمی شنیده شد.")) == {"غلامحسین رحیمی"}


def test_a_given_name_before_a_name_pair_is_part_of_the_name(analyse):
    assert persons(analyse("یاد کاوه مصطفی کریمی گرامی باد.")) == {"کاوه مصطفی کریمی"}


@pytest.mark.parametrize(("text", "person", "body"), [
    ("یاد هیمن علی رحیمی، از بنیانگذاران حزب دموکرات کردستان ایران، گرامی است.",
     "هیمن علی رحیمی", "حزب دموکرات کردستان ایران"),
    ("در مهاباد آرش کریمی، عضو دفتر سیاسی حزب کومه‌له کردستان ایران، سخن گفت.",
     "آرش کریمی", "حزب کومه‌له کردستان ایران"),
])
def test_affiliations_in_apposition(analyse, text, person, body):
    assert (person, body) in memberships(analyse(text))


def test_a_bare_party_after_a_party_named_in_the_sentence_is_that_party(analyse, resources):
    from graphbuild.resolve import resolve

    doc = analyse("حزب توده ایران بیانیه داد. در عراق حزب کمونیست عراق به قدرت نزدیک شد و "
                  "کریم احمدی، دبیرکل حزب، به بغداد رفت. حزب توده ایران نیز پیام داد.")
    resolution = resolve([doc], resources)
    labels = {key: entity.label for key, entity in resolution.entities.items()}
    members = {(labels[f.subject], labels[f.object]) for f in resolution.facts if f.kind == "memberOf"}
    assert members == {("کریم احمدی", "حزب کمونیست عراق")}


@pytest.mark.parametrize(("text", "place"), [
    ("کارگران سوسنگرد و هویزه اعتراض کردند.", "سوسنگرد"),
    ("کارگران پیمانی در پارس جنوبی دست از کار کشیدند.", "پارس جنوبی"),
    ("معترضان در میدان گلوبندک گرد آمدند.", "میدان گلوبندک"),
])
def test_towns_gas_fields_and_named_squares_are_places(analyse, text, place):
    assert place in places_named(analyse(text))


def test_a_square_named_by_a_common_word_is_an_arena_not_a_place(analyse):
    assert not any(p.startswith("میدان") for p in places_named(analyse("آنان در میدان مبارزه ماندند.")))
    assert not any(p.startswith("میدان") for p in places_named(analyse("این میدان نفتی بزرگ است.")))


@pytest.mark.parametrize(("text", "name"), [
    ("کانون مدافعان حقوق بشر بیانیه داد.", "کانون مدافعان حقوق بشر"),
    ("کمیته دفاع از زندانیان سیاسی اعلام کرد.", "کمیته دفاع از زندانیان سیاسی"),
    ("انجمن حمایت از حقوق کودکان کار گزارش داد.", "انجمن حمایت از حقوق کودکان کار"),
])
def test_a_body_named_by_the_cause_it_defends(analyse, text, name):
    assert ("Organization", name) in bodies(analyse(text))


@pytest.mark.parametrize("text", ["کمیته دفاع از خود تشکیل شد.", "ما از حقوق بشر دفاع می‌کنیم."])
def test_no_cause_no_name(analyse, text):
    assert not bodies(analyse(text))


def test_a_place_inside_a_persons_name_is_no_place():
    from graphbuild.document import Mention
    from graphbuild.extract.combine import combine

    person = Mention(0, 15, "Person", "روزا لوکزامبورگ", "known-entity")
    surname = Mention(5, 15, "Place", "لوکزامبورگ", "gazetteer")
    party = Mention(20, 41, "Party", "حزب سوسیالیست آلمان", "head-noun")
    country = Mention(36, 41, "Place", "آلمان", "gazetteer")
    assert combine([person, surname, party, country]) == [person, party, country]  # a party's place stays


def test_an_event_without_an_ordinal_inside_a_bodys_name_is_part_of_the_name(analyse):
    doc = analyse("جبهه مقاومت فلسطین و شورای ملی مقاومت ایران بیانیه دادند.")
    assert not [m for m in doc.mentions if m.kind == "Event"]
    assert ("Organization", "شورای ملی مقاومت ایران") in bodies(doc)


def test_a_person_speaking_for_a_body_is_tied_to_it_as_its_representative(analyse):
    doc = analyse("رفیق نسیم شاکری به نمایندگی از سازمان زنان مبارز کرمانشاه سخنرانی کرد.")
    ties = [(doc.text[r.subject[0]:r.subject[1]], doc.text[r.object[0]:r.object[1]], r.role)
            for r in doc.relations if r.kind == "memberOf"]
    assert ties == [("نسیم شاکری", "سازمان زنان مبارز کرمانشاه", "نماینده")]
    assert not [r for r in analyse("پیامی از طرف سازمان زنان مبارز کرمانشاه خوانده شد.").relations
                if r.kind == "memberOf"]


def test_a_strike_named_before_a_relative_clause_that_dates_it(analyse):
    doc = analyse("اعتصاب رانندگان کامیون که از ۲۲ خرداد ۱۳۹۸ آغاز شده بود، ادامه یافت.")
    events = [m for m in doc.mentions if m.kind == "Event"]
    assert [m.key_text for m in events] == ["اعتصاب رانندگان کامیون"]
    assert [r.value for r in doc.relations if r.kind == "date"] == ["2019-06-12"]
