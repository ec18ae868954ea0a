"""Dates and places of events, on texts written for these tests."""

from __future__ import annotations


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
    assert facts(analyse("جنگ داخلی اسپانیا (۱۹۳۶ – ۱۹۳۹) شکست خورد."))["date"][:2] == ("1936", "1939")
