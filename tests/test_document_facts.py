"""A document's own facts (signatories, authors, where from, when), on texts written for these tests,
and in the graph of the sources."""

from __future__ import annotations

from rdflib import RDF

from graphbuild import ontology as gbo

STATEMENT = """بیانیه مشترک درباره اعتصاب کارگران نیشکر
ما امضاکنندگان این بیانیه از اعتصاب کارگران حمایت می‌کنیم.
زنده باد همبستگی

شورای همبستگی کارگران ایران
مصوب نشست دوم - ۳ تیر ۱۴۰۱

امضاءکنندگان:
۱- حزب سوسیالیست کارگران افغانستان
۲– سازمان زنان مبارز بلوچستان
3 - کانون نویسندگان تبعیدی - برلین
۴ – هسته سرخ
۵- جمعیت آزادیخواهان
۶- هسته مارکسیست
"""

COLLECTION = """پیام به کنفرانس
برای کنفرانس شما آرزوی موفقیت داریم.
زنده باد سوسیالیسم
فرهاد کرمی از مشهد
۱۲ خرداد ۱۴۰۰
*****
سلام به همه رفقا
امیدوارم این کنفرانس گامی به پیش باشد و همه ما در این راه با هم باشیم.
مریم
-----
نسرین صادقی / معلم بازنشسته
با درود به شرکت کنندگان در کنفرانس و آرزوی موفقیت برای همه شما.
"""


def relations_of(doc, kind: str) -> list[str]:
    return sorted(doc.text[r.object[0]:r.object[1]] for r in doc.relations if r.kind == kind)


def test_every_listed_signatory_is_found_with_or_without_a_rule_for_its_name(analyse):
    doc = analyse(STATEMENT)
    assert relations_of(doc, "signatory") == sorted([
        "حزب سوسیالیست کارگران افغانستان", "سازمان زنان مبارز بلوچستان", "کانون نویسندگان تبعیدی", "هسته سرخ",
        "هسته مارکسیست", "جمعیت آزادیخواهان"])
    listed = {m.text: m.kind for m in doc.mentions}
    # A party-like head with one political designator is a description in running text, a party as a signer.
    assert listed["هسته مارکسیست"] == "Party"
    assert listed["جمعیت آزادیخواهان"] == "Organization"  # «آزادیخواهان» is no designator
    assert listed["هسته سرخ"] == "Organization"  # no head noun, no lexicon: the list itself says it is a signer
    assert listed["حزب سوسیالیست کارگران افغانستان"] == "Party"
    assert "برلین" not in relations_of(doc, "signatory")


def test_a_body_alone_on_a_closing_line_is_the_statements_author(analyse):
    doc = analyse(STATEMENT)
    assert relations_of(doc, "author") == ["شورای همبستگی کارگران ایران"]
    authors = [r for r in doc.relations if r.kind == "author"]
    assert all(r.subject == (0, len(doc.text)) for r in authors)  # the whole text: the document itself


def test_each_message_of_a_collection_has_its_own_author_place_and_date(analyse):
    doc = analyse(COLLECTION)
    by_part: dict[tuple[int, int], dict[str, list[str]]] = {}
    for r in doc.relations:
        if r.kind in ("author", "locationCreated", "datePublished"):
            value = r.value if r.kind == "datePublished" else doc.text[r.object[0]:r.object[1]]
            by_part.setdefault(r.subject, {}).setdefault(r.kind, []).append(value)
    parts = [by_part[key] for key in sorted(by_part)]
    assert parts[0] == {"author": ["فرهاد کرمی"], "locationCreated": ["مشهد"], "datePublished": ["2021-06-02"]}
    assert parts[1] == {"author": ["مریم"]}
    assert parts[2] == {"author": ["نسرین صادقی"]}  # a message may open with its writer's name


def test_a_name_in_a_slogan_or_a_sentence_is_no_author(analyse):
    doc = analyse("درود بر کنگره\nزنده باد منصور حکمت\nحزب کمونیست کارگری ایران برای ما الگوست و ما از آن حمایت می‌کنیم\n")
    assert relations_of(doc, "author") == []


def test_the_sources_graph_holds_signatories_messages_and_publishers(sources_graph):
    graph = sources_graph
    signatories = {(doc, body) for doc, body in graph.subject_objects(gbo.SIGNATORY)}
    assert len({body for _, body in signatories}) >= 14  # the Council statement lists fifteen
    assert all((body, RDF.type, gbo.SCHEMA.Organization) in graph for _, body in signatories)
    messages = set(graph.subjects(RDF.type, gbo.MESSAGE_CLASS))
    assert len(messages) >= 10
    for message in messages:
        document = graph.value(message, gbo.IS_PART_OF)
        assert (document, gbo.HAS_PART, message) in graph
    places = {str(graph.value(place, gbo.RDFS.label)) for place in graph.objects(None, gbo.LOCATION_CREATED)}
    assert {"تهران", "قم"} <= places
    assert len(set(graph.objects(None, gbo.PUBLISHER))) >= 2
    for statement in graph.subjects(RDF.predicate, gbo.SIGNATORY):  # every signature has its sentence
        assert graph.value(statement, gbo.PROV.wasDerivedFrom) is not None


def test_the_line_under_a_closing_formula_is_the_writers_name_even_if_no_lexicon_knows_it(analyse):
    text = ("پیام به کنفرانس\nبرای شما آرزوی موفقیت داریم و در کنار شما هستیم.\nبا عشق و احترام\nدیاکو\n*****\n"
            "سلام\nاین کنفرانس را تبریک می‌گویم.\nبا احترام\nمی‌آییم\n")
    doc = analyse(text)
    assert relations_of(doc, "author") == ["دیاکو"]  # a verb under a formula is no name
    assert [m.text for m in doc.mentions if m.kind == "Person"] == ["دیاکو"]


def test_an_organ_signing_for_its_body_makes_the_body_the_author(analyse):
    doc = analyse("اطلاعیه درباره اعتصاب\nما از اعتصاب حمایت می‌کنیم.\nکمیته مرکزی حزب سوسیالیست افغانستان\n"
                  "۳ دی ۱۴۰۰\n")
    assert relations_of(doc, "author") == ["حزب سوسیالیست افغانستان"]
    assert [r.value for r in doc.relations if r.kind == "datePublished"] == ["2021-12-24"]
    # Not a signature: a sentence that names the body with other words.
    prose = analyse("اطلاعیه\nما همراه حزب سوسیالیست افغانستان هستیم\n")
    assert relations_of(prose, "author") == []
