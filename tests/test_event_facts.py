"""Dates and places of events, on texts written for these tests."""

from __future__ import annotations

import pytest


def facts(doc) -> dict[str, tuple]:
    out = {}
    for relation in doc.relations:
        if relation.kind == "date":
            out["date"] = (relation.value, relation.value_end, relation.note)
        elif relation.kind == "location":
            out["location"] = doc.text[relation.object[0]:relation.object[1]]
    return out


def test_date_and_place_right_after_the_event(analyse):
    doc = analyse("کنگره دوازدهم حزب توده ایران در برلین در تاریخ ۲۴ مرداد ۱۳۹۸ برگزار شد.")
    assert facts(doc) == {"location": "برلین", "date": ("2019-08-15", "", "")}


def test_a_date_inside_the_events_name(analyse):
    assert facts(analyse("به دنبال خیزش سراسری دی ماه ۹۶ و عروج جنبش"))["date"][:2] == ("2018-01", "")
    assert facts(analyse("شکست انقلاب ۵۷ درس‌های زیادی داشت"))["date"][:2] == ("1978", "1979")


def test_sign_off_lines_give_place_and_dates_and_gregorian_wins(analyse):
    text = ("شورای همبستگی کارگران\nمصوب نشست سوم نیروهای چپ و کمونیست\n"
            " پاریس (فرانسه)- 8 تا 10 آبان 1395\n\n28  تا 30 اکتبر2016 \n\nامضا کنندگان:\n")
    found = facts(analyse(text))
    assert found["location"] == "پاریس"
    start, end, note = found["date"]
    assert (start, end) == ("2016-10-28", "2016-10-30")
    assert "۸ تا ۱۰ آبان ۱۳۹۵" in note and "2016-10-29" in note  # the two calendars disagree: noted


def test_no_date_is_taken_from_across_the_sentence(analyse):
    doc = analyse("کنگره یازدهم حزب برگزار شد و مردم در سال ۱۳۹۸ به خیابان آمدند.")
    assert "date" not in facts(doc)


def test_signers_of_a_message_written_as_members_join_the_party(analyse, resources):
    from graphbuild.resolve import resolve

    text = ("پیام به کنگره هشتم حزب توده ایران\nرفقا، حزب ما در این سال‌ها ایستادگی کرد.\n"
            "زنده باد حزب توده ایران\nنازنین محمدی، کاوه عزیزی\n***\n"
            "پیامی از یک دوست\nکنگره را تبریک می‌گوییم.\nزنده باد فرهاد کریمی\nسارا از مشهد\n")
    doc = analyse(text)
    resolution = resolve([doc], resources)
    members = {(resolution.entities[f.subject].label, resolution.entities[f.object].label)
               for f in resolution.facts if f.kind == "memberOf"}
    assert members == {("نازنین محمدی", "حزب توده ایران"), ("کاوه عزیزی", "حزب توده ایران")}


def test_a_named_day_with_a_year_is_that_day(analyse):
    assert facts(analyse("بیانیه به مناسبت اول ماه مه ۲۰۱۹ منتشر شد."))["date"][:2] == ("2019-05-01", "")


def organizers(doc) -> list[str]:
    return [doc.text[r.object[0]:r.object[1]] for r in doc.relations if r.kind == "organizer"]


def test_the_place_an_events_name_holds_is_where_it_happened(analyse):
    assert facts(analyse("پس از بمباران یمن جنگ ادامه یافت."))["location"] == "یمن"
    assert facts(analyse("جنگ داخلی لبنان سال‌ها طول کشید."))["location"] == "لبنان"


def test_no_place_from_a_bodys_name_or_from_the_two_sides_of_a_war(analyse):
    assert "location" not in facts(analyse("کنگره دهم حزب کمونیست کارگری عراق پیروز باد."))
    assert "location" not in facts(analyse("پس از جنگ ایران و عراق اقتصاد فروپاشید."))


def test_the_body_after_tousat_carried_the_event_out(analyse):
    doc = analyse("اعتصاب سراسری ۱۴۰۱ توسط شورای هماهنگی تشکل‌های صنفی فرهنگیان ایران سازمان داده شد.")
    assert organizers(doc) == ["شورای هماهنگی تشکل‌های صنفی فرهنگیان ایران"]


def test_a_signing_body_above_an_adopted_by_line_held_the_meeting(analyse):
    doc = analyse("متن بیانیه در اینجا.\n\nاتحاد سوسیالیستی کارگران ایران\nمصوب کنفرانس سوم\n")
    assert organizers(doc) == ["اتحاد سوسیالیستی کارگران ایران"]
    assert organizers(analyse("متن بیانیه در اینجا.\nمصوب کنفرانس سوم\n")) == []


def organiser(doc) -> str | None:
    found = [r for r in doc.relations if r.kind == "organizer"]
    return doc.text[found[0].object[0]:found[0].object[1]] if found else None


def test_the_actor_before_an_attack_is_its_organiser(analyse):
    doc = analyse("دولت روسیه و متحدانش که با حمله به گرجستان جنگ را آغاز کردند، محکوم‌اند.")
    assert organiser(doc) == "دولت روسیه"
    assert facts(doc)["location"] == "گرجستان"
    # Someone else's act: a body that does not stand right before «با» and the act is not its actor.
    assert organiser(analyse("دولت روسیه گفت که حمله به گرجستان لازم بود.")) is None


def test_a_year_ending_an_events_name_dates_it(analyse):
    assert facts(analyse("بحران مالی ۲۰۰۸ همه را غافلگیر کرد."))["date"][:2] == ("2008", "")
    assert facts(analyse("اعتصابات ۱۳۹۸ سراسری بود."))["date"][:2] == ("2019", "2020")


def test_a_date_after_an_event_named_as_a_time_span_is_not_its_date(analyse):
    # «در طول X (۱۹۴۳)»: the year dates what happened during X, not X itself.
    assert "date" not in facts(analyse("این سازمان در طول جنگ داخلی اسپانیا (۱۹۳۷) تاسیس شد."))
    assert "date" not in facts(analyse("این سازمان در طول جنگ جهانی دوم در ۱۹۴۳ تاسیس شد."))  # a bare year too
    assert facts(analyse("جنگ داخلی اسپانیا (۱۹۳۶ – ۱۹۳۹) شکست خورد."))["date"][:2] == ("1936", "1939")


# ---- events, generalised ----


def organizer_of(doc, event_text: str) -> list[str]:
    return [doc.text[r.object[0]:r.object[1]] for r in doc.relations
            if r.kind == "organizer" and doc.text[r.subject[0]:r.subject[1]] == event_text]


def test_a_date_range_with_az_and_a_place_after_it_in_the_sentence_body(analyse):
    doc = analyse("کنگره نهم حزب دموکرات کردستان از ۳ تا ۵ مهر ۱۳۹۹ در کویه برگزار شد.")
    assert facts(doc) == {"date": ("2020-09-24", "2020-09-26", facts(doc)["date"][2]), "location": "کویه"}


def test_a_range_in_apposition_dates_the_war(analyse):
    found = facts(analyse("جنگ ایران و عراق، از مهر ۱۳۵۹ تا مرداد ۱۳۶۷، ویرانی به بار آورد."))
    assert found["date"][:2] == ("1980-10", "1988-08")


def test_a_bare_year_after_dar_right_after_the_event_dates_it(analyse):
    doc = analyse("حزب کمونیست سودان، که نخستین کنگره خود را در ۱۹۵۰ در خارطوم برگزار کرده بود، قوی بود.")
    assert facts(doc) == {"date": ("1950", "", ""), "location": "خارطوم"}
    assert organizer_of(doc, "نخستین کنگره") == ["حزب کمونیست سودان"]
    assert "date" not in facts(analyse("کنگره دوم حزب کمونیست سودان برگزار شد و ۱۹۵۰ نفر آمدند."))


@pytest.mark.parametrize("words", ["به رهبری", "به فراخوان", "با طراحی", "به دعوت"])
def test_the_body_after_words_of_leading_or_calling_organised_the_event(analyse, words):
    doc = analyse(f"اعتصاب کامیونداران، که از ۱ خرداد ۱۴۰۱ {words} اتحادیه کامیونداران ایران آغاز شد، ادامه دارد.")
    assert organizer_of(doc, "اعتصاب کامیونداران") == ["اتحادیه کامیونداران ایران"]


def test_a_leader_named_before_the_body_is_passed_over(analyse):
    doc = analyse("کودتای ۱۹ ژوئیه ۱۹۷۱ به رهبری هاشم العطا و حزب کمونیست سودان شکست خورد.")
    assert organizer_of(doc, "کودتای ۱۹ ژوئیه ۱۹۷۱") == ["حزب کمونیست سودان"]


def test_a_body_right_after_a_coup_carried_it_out_but_not_the_target_of_an_occupation(analyse):
    assert organizer_of(analyse("کودتای حزب بعث در ژوئیه ۱۹۶۸ رخ داد."), "کودتای حزب بعث در ژوئیه ۱۹۶۸") == ["حزب بعث"]
    doc = analyse("اشغال سازمان ملل در اکتبر ۱۹۹۰ رخ داد.")
    assert all(not organizer_of(doc, m.text) for m in doc.mentions if m.kind == "Event")


def test_a_body_that_came_to_power_by_a_coup_made_it(analyse):
    doc = analyse("حزب بعث در ژوئیه ۱۹۶۸ با کودتای سفید به قدرت رسید.")
    assert organizer_of(doc, "کودتای سفید") == ["حزب بعث"]


def test_the_place_an_act_was_aimed_at_is_its_location(analyse):
    assert facts(analyse("لشکرکشی آمریکا به عراق در مارس ۲۰۰۳ آغاز شد."))["location"] == "عراق"


# ---- events, round 2 ----


def test_a_date_right_before_the_event_dates_it(analyse):
    doc = analyse("در ۲۲ بهمن ۱۳۵۷ قیام مسلحانه تهران به پیروزی رسید.")
    assert facts(doc)["date"][:2] == ("1979-02-11", "")
    doc = analyse("در شیلی، ارتش در سپتامبر ۱۹۷۳ با کودتای پینوشه به قدرت رسید.")
    assert facts(doc)["date"][:2] == ("1973-09", "")


def test_a_date_that_ends_another_clause_before_the_event_does_not_date_it(analyse):
    doc = analyse("این بیانیه ۱۲ مهر ۱۳۹۸ منتشر شد، قیام مسلحانه تهران را به یاد آورد.")
    assert "date" not in facts(doc)
    doc = analyse("در ۲۲ بهمن ۱۳۵۷ پس از قیام مسلحانه تهران رژیم سقوط کرد.")
    assert "date" not in facts(doc)


def test_a_season_dates_an_event(analyse):
    doc = analyse("سرکوب دانشجویان در تابستان ۱۳۷۸ ادامه یافت.")
    assert facts(doc)["date"][:2] == ("1999", "")


def test_the_place_a_sentence_opens_with_is_its_events_location(analyse):
    doc = analyse("در شیلی، ارتش در سپتامبر ۱۹۷۳ با کودتای پینوشه به قدرت رسید.")
    assert facts(doc)["location"] == "شیلی"


def test_a_place_that_is_not_the_sentences_frame_is_not_the_location(analyse):
    doc = analyse("ارتش در شیلی در سپتامبر ۱۹۷۳ با کودتای پینوشه به قدرت رسید.")
    assert "location" not in facts(doc)  # «در شیلی» without its comma does not open the sentence as a frame


def test_a_reported_protest_gets_its_place_and_the_date_of_its_sentence(analyse):
    doc = analyse("روز ۱۲ مهر ۱۴۰۱ تجمع پرستاران بیمارستان در کرمانشاه با حمله نیروهای امنیتی پراکنده شد.")
    assert facts(doc) == {"location": "کرمانشاه", "date": ("2022-10-04", "", "")}


def test_date_and_place_after_the_days_on_which_an_event_was_held(analyse):
    found = facts(analyse("کنگره نهم حزب کار ایران روزهای ۱۴ و ۱۵ آذر ۱۳۹۷ در شهر سلیمانیه برگزار شد."))
    assert found["date"][:2] == ("2018-12-05", "2018-12-06") and found["location"] == "سلیمانیه"
    found = facts(analyse("پلنوم سوم در تاریخ ۳ دی ۱۴۰۰ در هامبورگ برگزار شد."))
    assert found["date"][:2] == ("2021-12-24", "") and found["location"] == "هامبورگ"


# ---- a day and month without a year, in a document whose own date is known ----


def analyse_dated(resources, text: str, catalogue_date: str | None = None):
    """Like ``analyse``, with the catalogue's date in the source's metadata when one is given."""
    from graphbuild.document import SourceFile
    from graphbuild.extract import extract
    from graphbuild.normalise import normalise

    metadata = {"date": catalogue_date} if catalogue_date else {}
    return extract(normalise(SourceFile("dated.txt", text, metadata), resources), resources)


CONGRESS_ON_A_DAY = "کنگره دوازدهم حزب توده ایران در برلین در تاریخ ۲۴ مرداد برگزار شد."


def test_a_day_and_month_takes_its_year_from_the_catalogue_date(resources):
    start, end, note = facts(analyse_dated(resources, CONGRESS_ON_A_DAY, "2019-09-01"))["date"]
    assert (start, end) == ("2019-08-15", "")  # 24 Mordad 1398, the last one before 1 September 2019
    assert note == "year taken from the document's date (catalogue 2019-09-01)"


def test_a_day_and_month_takes_its_year_from_the_dateline(resources):
    doc = analyse_dated(resources, "اخگر ۲۱۷ – ۱۰ تیر ۱۴۰۰\n" + CONGRESS_ON_A_DAY)
    start, _, note = facts(doc)["date"]
    assert start == "2020-08-14" and "dateline" in note  # 24 Mordad 1399: Mordad 1400 is after the issue


def test_without_the_documents_date_a_day_and_month_dates_nothing(resources):
    assert "date" not in facts(analyse_dated(resources, CONGRESS_ON_A_DAY))
    assert "date" not in facts(analyse_dated(resources, CONGRESS_ON_A_DAY, "soon"))  # no date: no reference


def test_a_day_in_an_events_name_or_a_named_day_is_not_of_the_documents_year(resources):
    dateline = "پنجشنبه ۱۰ تیر ۱۴۰۰\n"
    for text in ("در سالگرد قیام ۱۸ تیر دانشجویان به خیابان آمدند.", "تظاهرات ۸ مارس در تهران برگزار شد."):
        doc = analyse_dated(resources, dateline + text)
        assert any(m.kind == "Event" for m in doc.mentions), text
        assert "date" not in facts(doc), text


def test_a_report_dated_by_day_and_month_takes_the_issues_year(resources):
    from graphbuild.document import SourceFile
    from graphbuild.extract import extract
    from graphbuild.normalise import normalise

    text = "کارگر پیشرو ۴۲\nروز ۱۲ مهر تجمع رانندگان اتوبوس در شیراز برگزار شد.\n"
    dated = extract(normalise(SourceFile("a.txt", text, {"date": "2021-10-20"}), resources), resources)
    undated = extract(normalise(SourceFile("b.txt", text), resources), resources)
    assert facts(dated)["date"][:2] == ("2021-10-04", "")  # 12 Mehr 1400, the issue's year
    assert facts(dated)["location"] == "شیراز"
    assert not [m for m in undated.mentions if m.kind == "Event"]  # no year anywhere: no dated report


# ---- dates in the event's clause, in the shapes reports use (sentences written for these tests) ----


@pytest.mark.parametrize("text, value", [
    # a congress held «in the days of …», a few words after it, the Gregorian beside the Solar
    ("کنگره پنجم حزب نمونه با شرکت گروهی از اعضا در روزهای ۱۲ و ۱۳ مهر ۱۳۹۸ برابر با ۴ و ۵ اکتبر ۲۰۱۹ برگزار شد.",
     "2019-10-04"),
    # the date opens the clause, then a comma, a «با حضور» phrase and the event
    ("روز یکشنبه ۱۲ مهر ۱۳۹۸، با حضور دبیر کل و اعضای شورا، پلنوم سوم حزب نمونه برگزار شد.", "2019-10-04"),
    # a Solar day without a year takes it from the Gregorian written beside it
    ("در تاریخ ۱۲ و ۱۳ مهرماه، برابر با چهارم و پنجم اکتبر ۲۰۱۹، پلنوم دوم حزب نمونه برگزار شد.", "2019-10-04"),
    # a day written in words, after «در تاریخ»
    ("نشست دوم شورای نمونه در تاریخ بیست و دوم آبان ۱۴۰۰ در تهران برگزار شد.", "2021-11-13"),
    # month and year only, after «روزهای پایانی»
    ("کنگره هشتم حزب نمونه در روزهای پایانی ماه ژوئن ۲۰۱۰ برگزار شد.", "2010-06"),
])
def test_a_date_in_the_events_clause_dates_it(analyse, text, value):
    assert facts(analyse(text))["date"][0] == value


def test_the_gregorian_of_two_writings_of_one_date_wins_and_one_date_is_given(analyse):
    doc = analyse("پلنوم دوم حزب نمونه در روزهای ۱۰ تا ۱۱ مارس ۲۰۲۰ مصادف با ۲۰ و ۲۱ اسفند ۱۳۹۸ برگزار شد.")
    dates = [r for r in doc.relations if r.kind == "date"]
    assert [(r.value, r.value_end) for r in dates] == [("2020-03-10", "2020-03-11")]


def test_a_date_before_an_event_that_followed_it_does_not_date_it(analyse):
    assert "date" not in facts(analyse("در ۱۲ مهر ۱۳۹۸، پس از کنگره پنجم حزب نمونه، اعضا پراکنده شدند."))


def test_a_verb_between_ends_the_events_clause(analyse):
    doc = analyse("کنگره پنجم حزب نمونه به پایان رسید و رهبران در ۱۲ مهر ۱۳۹۸ دستگیر شدند.")
    assert "date" not in facts(doc)


def test_the_bare_head_of_the_one_congress_dates_it(analyse):
    doc = analyse("حزب نمونه ششمین کنگره خود را در کوهستان برگزار کرد. کنگره با مشارکت همه نمایندگان بین "
                  "روزهای ۱۰ تا ۱۱ مارس ۲۰۲۰ برگزار شد.")
    assert facts(doc)["date"][:2] == ("2020-03-10", "2020-03-11")


def test_events_joined_by_and_share_the_date_after_them(analyse):
    doc = analyse("حمله به کوی دانشگاه و قیام تیر در ۱۸ تیر ۱۳۷۸ رخ داد.")
    dated = {doc.text[r.subject[0]:r.subject[1]]: r.value for r in doc.relations if r.kind == "date"}
    assert dated["حمله به کوی دانشگاه"] == dated["قیام تیر"] == "1999-07-09"


def test_a_dateline_gives_the_year_of_a_weekday_and_day(analyse):
    doc = analyse("دوشنبه ۱۴ مهر ۱۳۹۸\nخبرها\nکنگره سوم حزب نمونه از روز شنبه ۱۲ مهر در شهر نمونه آغاز شد.")
    assert facts(doc)["date"][0] == "2019-10-04"


def test_a_place_a_few_words_on_in_the_clause(analyse):
    doc = analyse("کنفرانس دوم حزب نمونه با حضور اعضای شورای مرکزی در استکهلم برگزار گردید.")
    assert facts(doc)["location"] == "استکهلم"


REALTEXTS = __import__("pathlib").Path(__file__).resolve().parents[1].parent / "shared" / "realtexts"
# Dated events dated right per folder at this change (before it: 1, 1, 2, 2 of 13, 14, 14, 8).
DATED_RIGHT = {"statements": 3, "parties": 3, "movements": 4, "reports": 3}


@pytest.mark.skipif(not (REALTEXTS / "score.py").is_file(), reason="../shared/realtexts is absent")
@pytest.mark.parametrize("folder", sorted(DATED_RIGHT))
def test_realtexts_events_dated_right_do_not_fall(folder):
    from graphbuild.evaluate import evaluate
    from graphbuild.pipeline import build_graph

    built = build_graph(REALTEXTS / folder / "docs", jobs=1, report=lambda message: None)
    figures = evaluate(built.graph, REALTEXTS / folder / "gold").realtexts.as_dict()
    assert figures["event_dates"]["correct"] >= DATED_RIGHT[folder]
