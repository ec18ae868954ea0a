"""A periodical's masthead: its title as an organisation and its issue number as the document's, on texts
written for these tests."""

from __future__ import annotations

import pytest
from rdflib import Literal

from graphbuild import ontology as gbo
from graphbuild.assemble import assemble
from graphbuild.document import SourceFile
from graphbuild.extract import extract
from graphbuild.normalise import normalise
from graphbuild.resolve import resolve


def organisations(doc) -> set[str]:
    return {m.text for m in doc.mentions if m.kind == "Organization"}


def issue_numbers(doc) -> list[str]:
    return [r.value for r in doc.relations if r.kind == "issueNumber"]


def test_a_title_and_a_number_on_the_first_line_are_a_periodical_and_its_issue(analyse):
    doc = analyse("کارگر امروز ۱۴۲\nقطعنامه درباره اعتصاب‌های نفت\nمتن قطعنامه.\n")
    assert "کارگر امروز" in organisations(doc)
    assert issue_numbers(doc) == ["142"]


@pytest.mark.parametrize("first_line", ["بیانیه ۱۲", "شماره ۴۵", "تهران ۱۴", "۱۲ تیر ۱۴۰۱", "مرداد ۱۴۰۱", "در این ۲"])
def test_other_headings_with_a_number_are_no_masthead(analyse, first_line):
    doc = analyse(f"{first_line}\nمتن اطلاعیه.\n")
    assert not issue_numbers(doc)
    assert not [m for m in doc.mentions if m.source == "masthead"]


def test_a_title_before_the_word_periodical_is_a_periodical(analyse):
    doc = analyse("ادامه از صفحه قبل\nسپیده (آلبا) نشریه ماهانه اتحاد سوسیالیستی\n")
    assert "سپیده (آلبا)" in organisations(doc)


def test_the_catalogues_issue_number_wins_and_the_texts_is_used_without_it(resources):
    def built(metadata: dict[str, str]):
        doc = extract(normalise(SourceFile("a.txt", "کارگر امروز ۱۴۲\nمتن\n", metadata), resources), resources)
        return assemble([doc], resolve([doc], resources))

    document = gbo.document_iri("a.txt")
    assert set(built({}).objects(document, gbo.ISSUE_NUMBER)) == {Literal("142")}
    assert set(built({"issue": "143"}).objects(document, gbo.ISSUE_NUMBER)) == {Literal("143")}
