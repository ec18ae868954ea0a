"""Every selector the graph holds gives back its text from the file: the character map and its checks."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.cli import main
from graphbuild.document import SourceFile
from graphbuild.normalise import _align, comparable, normalise
from graphbuild.query import run_query
from graphbuild.selectors import document_problems

ROOT = Path(__file__).resolve().parent.parent
STRIKE = "اعتصاب   1998 در تهران ادامه یافت.\n"  # Latin digits after a run of spaces


def _fuzzer():
    spec = importlib.util.spec_from_file_location("fuzz_offsets", ROOT / "scripts" / "fuzz_offsets.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_digits_after_a_run_of_spaces_keep_their_offsets(analyse):
    doc = analyse(STRIKE)
    event = next(m for m in doc.mentions if m.kind == "Event")
    assert doc.text[event.start:event.end] == "اعتصاب ۱۹۹۸"
    assert doc.source_text(event.start, event.end) == "اعتصاب   1998"
    assert document_problems(doc) == []


def test_the_alignment_pairs_only_characters_that_fold_alike():
    # «ټڒ۲» → «تر ۲»: the «ر» is the «ڒ», the space hazm put in stands for the letter before it
    assert _align("ټڒ۲", "تر ۲") == [0, 1, 1, 2]
    assert _align("اعتصاب\t\t1998", "اعتصاب ۱۹۹۸") == [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11]
    assert _align("   ڪ۴", "ک ۴") == [3, 3, 4]  # the letter, not a space, stands for «ک»
    assert _align("ﷲ و ...", "الله و …") == [0, 0, 0, 0, 1, 2, 3, 4]


def test_comparable_folds_what_hazm_folds_and_nothing_else():
    assert comparable("حزب كمونيست  1398") == comparable("حزب کمونیست ۱۳۹۸") == comparable("حزب\u200cکمونیست۱۳۹۸")
    assert comparable("اعتصاب   19") != comparable("اعتصاب ۱۹۹۸")


def test_a_wrong_map_is_caught(analyse):
    doc = analyse(STRIKE)
    event = next(m for m in doc.mentions if m.kind == "Event")
    # the map the edit-distance alignment made: the year's digits paired with the dropped spaces
    wrong = list(doc.offsets)
    wrong[event.start + 7 : event.end] = range(7, 11)
    problems = document_problems(replace(doc, offsets=tuple(wrong)))
    assert any("اعتصاب   19" in problem for problem in problems)


# Texts of the shapes that broke: words, runs of spaces and tabs, digits of three scripts, half-spaces,
# bidirectional marks and rare Arabic letters that hazm folds into Persian ones.
PIECES = st.one_of(
    st.sampled_from(["حزب", "کمونیست", "ایران", "تهران", "اعتصاب", "کارگران", "در", "سال", "بهمن", "می", "ها"]),
    st.text(alphabet="0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", min_size=1, max_size=4),
    st.sampled_from([" ", "  ", "   ", "\t", " \t", "\n", "\r\n", "\u00a0"]),
    st.sampled_from(["\u200c", "\u200e", "\u200f", "\u202b", "\u202c", "\u2067", "\u2069", "\u064e", "ـ"]),
    st.text(alphabet="ټڒڪيكۀەۓٹڤڭ", min_size=1, max_size=3),
    st.sampled_from(list(".،:؛«»()\"-") + ["..."]),
)


@settings(max_examples=250, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=14).map("".join))
def test_every_selector_gives_back_its_text(analyse, text):
    if text.strip():
        assert document_problems(analyse(text)) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=20).map("".join))
def test_the_map_pairs_every_letter_with_the_same_letter(resources, text):
    doc = normalise(SourceFile("x.txt", text), resources)
    for index, char in enumerate(doc.text):
        source_char = text[doc.offsets[index]]
        if comparable(char) and comparable(source_char) and comparable(char) not in "ل":
            assert comparable(char) == comparable(source_char), (index, char, source_char)


def test_the_fuzzer_finds_no_violation(pipeline):
    result = _fuzzer().fuzz(seconds=30, seed=1, pipeline=pipeline)
    assert result.examples > 500
    assert not result.crashes and not result.violations, result.summary()


def test_a_graph_with_a_wrong_selector_does_not_validate(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").write_text(STRIKE, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(sources), "-o", str(tmp_path / "out")]).exit_code == 0
    graph = tmp_path / "out" / "graph.ttl"
    good = runner.invoke(main, ["validate", str(graph), "--sources", str(sources)])
    assert good.exit_code == 0, good.output
    exacts = {str(row[0]) for row in run_query(graph, "SELECT ?e WHERE {?q oa:exact ?e}").rows}
    assert "اعتصاب   1998" in exacts
    # the graph the old map wrote: the event's selector two characters short
    turtle = graph.read_text(encoding="utf-8")
    broken = turtle.replace('"اعتصاب   1998"', '"اعتصاب   19"').replace(
        '"13"^^xsd:nonNegativeInteger', '"11"^^xsd:nonNegativeInteger')
    assert broken != turtle
    graph.write_text(broken, encoding="utf-8")
    bad = runner.invoke(main, ["validate", str(graph), "--sources", str(sources)])
    assert bad.exit_code == 1 and "اعتصاب   19" in bad.output
    (sources / "a.txt").write_text("اعتصاب " + STRIKE, encoding="utf-8")  # the file changed under the graph
    assert runner.invoke(main, ["validate", str(graph), "--sources", str(sources)]).exit_code == 1
