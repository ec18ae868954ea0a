from __future__ import annotations

from graphbuild.resolve import name_key, resolve


def entities_of(resources, analyse, *texts):
    docs = [analyse(text, f"d{i}.txt") for i, text in enumerate(texts)]
    return resolve(docs, resources).entities.values()


def labelled(entities, kind):
    return {e.label: e for e in entities if e.kind == kind}


def test_name_key_ignores_spacing_half_spaces_digits_and_brackets():
    assert name_key("عبدی نژاد") == name_key("عبدی‌نژاد")
    assert name_key("کنگره ۱۱") == name_key("کنگره 11") == name_key("کنگره ١١")
    assert name_key("سازمان فدائیان (اقلیت)") == name_key("سازمان فدائیان(اقلیت)")


def test_ordinal_spellings_are_one_event_with_its_organiser(resources, analyse):
    found = entities_of(resources, analyse,
                        "پیام به یازدهمین کنگره حزب کمونیست کارگری ایران.",
                        "کنگره یازدهم حزب کمونیست کارگری ایران برگزار شد. کنگره ۱۱ حزب موفق بود.")
    events = labelled(found, "Event")
    assert list(events) == ["کنگره یازدهم حزب کمونیست کارگری ایران"]
    assert len(events["کنگره یازدهم حزب کمونیست کارگری ایران"].mentions) == 3


def test_short_form_and_typo_join_the_full_name(resources, analyse):
    found = entities_of(resources, analyse,
                        "حزب کمونیست کارگری ایران اعلام کرد.",
                        "زنده باد حزب کمونست کارگری\nو حزب کمونیست کارگری پیروز است.")
    parties = labelled(found, "Party")
    assert list(parties) == ["حزب کمونیست کارگری ایران"]
    assert parties["حزب کمونیست کارگری ایران"].alt_labels == ["حزب کمونست کارگری", "حزب کمونیست کارگری"]


def test_different_parties_and_different_ordinals_stay_apart(resources, analyse):
    found = entities_of(resources, analyse,
                        "حزب کمونیست ایران و حزب کمونیست عراق و حزب کمونیست کارگری ایران.",
                        "کنگره یازدهم حزب کمونیست ایران و کنگره دوازدهم حزب کمونیست ایران.")
    assert set(labelled(found, "Party")) == {"حزب کمونیست ایران", "حزب کمونیست عراق", "حزب کمونیست کارگری ایران"}
    assert set(labelled(found, "Event")) == {"کنگره یازدهم حزب کمونیست ایران", "کنگره دوازدهم حزب کمونیست ایران"}


def test_a_short_form_that_fits_two_names_is_left_alone(resources, analyse):
    found = entities_of(resources, analyse, "حزب دموکرات کردستان ایران و حزب دموکرات کردستان عراق و حزب دموکرات کردستان.")
    parties = labelled(found, "Party")
    assert set(parties) == {"حزب دموکرات کردستان", "حزب دموکرات کردستان ایران", "حزب دموکرات کردستان عراق"}
    assert all(len(party.mentions) == 1 for party in parties.values())


def test_an_unqualified_congress_is_its_own_documents(resources, analyse):
    found = entities_of(resources, analyse, "کنگره دوم بین الملل برگزار شد.", "مصوبات کنگره دوم سازمان.")
    assert len(labelled(found, "Event")) == 2


def test_first_written_either_way_is_one_key():
    assert name_key("نشست یکم شورا") == name_key("نشست اول شورا") == name_key("نشست نخست شورا")
    assert name_key("پلنوم سی و یکم") != name_key("پلنوم سی و اول")  # «یکم» inside a number stays


def test_a_lexicon_short_form_names_the_body_the_document_names_in_full(analyse, resources):
    from graphbuild.resolve import resolve as resolve_documents

    doc = analyse("پیام به کنگره حزب کومه‌له کردستان ایران. ما به کومه‌له درود می‌فرستیم.")
    parties = [e for e in resolve_documents([doc], resources).entities.values() if e.kind == "Party"]
    assert len(parties) == 1
    assert {m.text for _, m in parties[0].mentions} == {"حزب کومه‌له کردستان ایران", "کومه‌له"}
    alone = analyse("ما به کومه‌له درود می‌فرستیم.")
    [party] = [e for e in resolve_documents([alone], resources).entities.values() if e.kind == "Party"]
    assert "حزب کومه‌له کردستان ایران" not in {m.key_text for _, m in party.mentions}


def test_another_bodys_own_congress_is_not_the_documents_own(resources, analyse):
    text = ("کنگره اول حزب توده ایران در تهران برگزار شد و حزب توده ایران بیانیه داد. "
            "حزب کمونیست سودان نیز نخستین کنگره خود را در خارطوم برگزار کرد.")
    events = labelled(entities_of(resources, analyse, text), "Event")
    organisers = {label: event.facts.get("organizer", "") for label, event in events.items()}
    assert len(events) == 2, organisers
    assert sorted("سودان" in organiser for organiser in organisers.values()) == [False, True]


def test_a_name_in_kurdish_spelling_is_the_persian_spelling(resources, analyse):
    found = entities_of(resources, analyse, "پیام شیرکو ئه‌حمه‌دی‌زاده خوانده شد.", "شیرکو احمدی‌زاده سخن گفت.")
    assert len(labelled(found, "Person")) == 1
    found = entities_of(resources, analyse, "پیام شیرکو کریمی‌پور خوانده شد.", "شیرکو احمدی‌زاده سخن گفت.")
    assert len(labelled(found, "Person")) == 2
