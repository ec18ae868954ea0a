from __future__ import annotations

import json

from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import DCTERMS, SKOS, XSD

from graphbuild import ontology as gbo
from graphbuild.cli import main
from graphbuild.evaluate import evaluate

from .conftest import ROOT


def tiny_graph() -> Graph:
    graph = Graph()
    doc = gbo.document_iri("a.txt")
    graph.add((doc, RDF.type, gbo.DOCUMENT_CLASS))
    graph.add((doc, DCTERMS.identifier, Literal("a.txt")))
    for key, kind, label, alts in [
        ("1", "Party", "حزب کمونیست کارگری ایران", ["حزب کمونیست کارگری"]),
        ("2", "Party", "حزب ساختگی", []),  # a false find
        ("3", "Place", "تهران", []),
        ("4", "Person", "بهروز مهرآبادی عضو", []),  # relaxed only: too long
    ]:
        entity = gbo.entity_iri(kind, key)
        graph.add((entity, RDF.type, gbo.KIND_CLASS[kind]))
        graph.add((entity, RDFS.label, Literal(label, lang="fa")))
        for alt in alts:
            graph.add((entity, SKOS.altLabel, Literal(alt, lang="fa")))
        graph.add((doc, gbo.MENTIONS, entity))
    return graph


def write_gold(folder) -> None:
    folder.mkdir()
    entities = [
        {"kind": "Party", "name": "حزب کمونیست کارگری ایران", "forms": ["حزب کمونست کارگری"]},
        {"kind": "Place", "name": "تهران", "forms": ["تهران"]},
        {"kind": "Place", "name": "اهواز", "forms": ["اهواز"]},
        {"kind": "Person", "name": "بهروز مهرآبادی", "forms": ["بهروز مهرآبادی"]},
    ]
    (folder / "a.json").write_text(json.dumps({"document": "a.txt", "entities": entities}), encoding="utf-8")


def test_strict_and_relaxed_scores_per_kind(tmp_path):
    write_gold(tmp_path / "gold")
    result = evaluate(tiny_graph(), tmp_path / "gold")
    party, place, person = result.strict["Party"], result.strict["Place"], result.strict["Person"]
    assert (party.precision, party.recall) == (0.5, 1.0)
    assert (place.precision, place.recall) == (1.0, 0.5)
    assert (person.precision, person.recall) == (0.0, 0.0)
    assert (result.relaxed["Person"].precision, result.relaxed["Person"].recall) == (1.0, 1.0)
    assert ("a.txt", "Place", "اهواز") in result.misses
    assert ("a.txt", "Party", "حزب ساختگی") in result.false_finds


def test_every_gold_form_is_found_verbatim_in_its_source():
    for path in sorted((ROOT / "tests" / "gold").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = (ROOT / "sources" / data["document"]).read_text(encoding="utf-8-sig")
        for entity in data["entities"]:
            for form in entity.get("forms", []):
                assert form in text, f"{path.name}: {form!r} is not in {data['document']}"


def test_evaluate_command_on_the_sources(sources_build):
    _, output = sources_build
    result = CliRunner().invoke(main, ["evaluate", str(output / "graph.ttl"), "--gold",
                                       str(ROOT / "tests" / "gold"), "--misses"])
    assert result.exit_code == 0
    assert "5 documents with gold annotations" in result.output and "relaxed" in result.output


def test_facts_are_scored_against_the_gold(sources_graph):
    result = evaluate(sources_graph, ROOT / "tests" / "gold")
    affiliation = result.facts["affiliation"]
    assert affiliation.gold == 20 and affiliation.predicted >= 6 and affiliation.precision >= 0.85
    start = result.facts["event start"]
    assert start.gold >= 8 and start.true_gold >= 3
    assert "affiliation" in result.table()


def _dated_event_graph(dates_by_document: dict[str, str]) -> Graph:
    """One event met in several documents, each stating its own start date with an rdf:Statement."""
    graph = Graph()
    event = gbo.entity_iri("Event", "revolution")
    graph.add((event, RDF.type, gbo.KIND_CLASS["Event"]))
    graph.add((event, RDFS.label, Literal("انقلاب بهمن ۱۳۵۷", lang="fa")))
    for identifier, value in dates_by_document.items():
        doc = gbo.document_iri(identifier)
        graph.add((doc, RDF.type, gbo.DOCUMENT_CLASS))
        graph.add((doc, DCTERMS.identifier, Literal(identifier)))
        graph.add((doc, gbo.MENTIONS, event))
        date = Literal(value, datatype=XSD.gYearMonth if len(value) == 7 else XSD.gYear)
        graph.add((event, gbo.START_DATE, date))
        statement = gbo.statement_iri(event, gbo.START_DATE, value, identifier, (0, 1))
        target = gbo.text_target_iri(identifier, 0, 1)
        graph.add((statement, RDF.subject, event))
        graph.add((statement, RDF.predicate, gbo.START_DATE))
        graph.add((statement, RDF.object, date))
        graph.add((statement, gbo.PROV.wasDerivedFrom, target))
        graph.add((target, gbo.OA.hasSource, doc))
    return graph


def _gold_event(folder, identifier: str, start: str) -> None:
    entity = {"kind": "Event", "name": "انقلاب بهمن ۱۳۵۷", "forms": [], "start": start}
    (folder / f"{identifier}.json").write_text(json.dumps({"document": identifier, "entities": [entity]}),
                                               encoding="utf-8")


def test_an_event_date_is_scored_at_the_gold_precision_and_from_its_own_document(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    _gold_event(gold, "a.txt", "1979")      # the gold says the year: the graph's month is right at that precision
    _gold_event(gold, "b.txt", "1979-02")   # the gold says the month: the graph's bare year is not enough
    _gold_event(gold, "c.txt", "1978")      # document c states 1978; document a's 1979-02 must not be taken
    graph = _dated_event_graph({"a.txt": "1979-02", "b.txt": "1979", "c.txt": "1978"})
    start = evaluate(graph, gold).facts["event start"]
    assert (start.gold, start.predicted, start.true_gold) == (3, 3, 2)


def _realtexts_graph() -> Graph:
    """A document typed as the graph contract has it (schema:CreativeWork), with invented names."""
    graph = tiny_graph()
    doc = gbo.document_iri("a.txt")
    graph.add((doc, RDF.type, gbo.SCHEMA.CreativeWork))
    person, party = gbo.entity_iri("Person", "4"), gbo.entity_iri("Party", "1")
    graph.add((person, gbo.MEMBER_OF, party))
    event = gbo.entity_iri("Event", "5")
    graph.add((event, RDF.type, gbo.KIND_CLASS["Event"]))
    graph.add((event, RDFS.label, Literal("کنگره سوم حزب ساختگی", lang="fa")))
    graph.add((event, gbo.START_DATE, Literal("2001-05", datatype=XSD.gYearMonth)))
    graph.add((doc, gbo.MENTIONS, event))
    return graph


def _write_realtexts_gold(folder) -> None:
    folder.mkdir(exist_ok=True)
    gold = {"id": "a", "entities": [
        {"type": "Party", "name": "حزب کمونیست کارگری ایران", "aliases": [], "also": []},
        {"type": "Ignore", "name": "حزب ساختگی", "aliases": [], "also": []},  # the false find: no blame
        {"type": "Place", "name": "تهران", "aliases": [], "also": []},
        {"type": "Place", "name": "اهواز", "aliases": [], "also": []},
        {"type": "Person", "name": "بهروز مهرآبادی", "aliases": [], "also": []},
        {"type": "Event", "name": "کنگره سوم حزب ساختگی", "aliases": [], "also": []},
        {"type": "Event", "name": "کنگره چهارم حزب ساختگی", "aliases": [], "also": []},
    ], "events": [
        {"name": "کنگره سوم حزب ساختگی", "date": "2001", "place": None, "organizer": None},
        {"name": "کنگره چهارم حزب ساختگی", "date": "2004-02", "place": None, "organizer": None},
    ], "affiliations": [
        {"person": "بهروز مهرآبادی", "org": "حزب کمونیست کارگری ایران", "role": None},
        {"person": "بهروز مهرآبادی", "org": "تهران", "role": None},
    ]}
    (folder / "a.json").write_text(json.dumps(gold), encoding="utf-8")


def test_realtexts_gold_is_scored_by_its_own_rules(tmp_path):
    _write_realtexts_gold(tmp_path / "gold")
    real = evaluate(_realtexts_graph(), tmp_path / "gold").realtexts
    figures = real.as_dict()
    assert figures["strict"]["Person"]["tp"] == 0 and figures["relaxed"]["Person"]["tp"] == 1
    assert figures["relaxed"]["Party"] == {"tp": 1, "pred": 1, "gold": 1, "P": 1.0, "R": 1.0, "F1": 1.0}
    assert figures["relaxed"]["Place"]["R"] == 0.5
    assert figures["event_dates"] == {"correct": 1, "gold_dated_events": 2, "accuracy": 0.5}
    assert figures["affiliations"] == {"tp": 1, "pred": 1, "gold": 2, "P": 1.0, "R": 0.5, "F1": 0.667}
    assert ("a.txt", "Place", "اهواز") in real.misses
    assert ("a.txt", "event date", "کنگره چهارم حزب ساختگی", "2004-02", "") in real.fact_misses
    assert ("a.txt", "affiliation", "بهروز مهرآبادی", "تهران", "") in real.fact_misses
    assert real.miss_counts()["Event"] == 1


def test_a_folder_of_both_gold_formats_scores_each_file_by_its_own(tmp_path):
    write_gold(tmp_path / "gold")
    (tmp_path / "gold" / "a.json").rename(tmp_path / "gold" / "project.json")
    _write_realtexts_gold(tmp_path / "gold")
    result = CliRunner().invoke(main, ["evaluate", str(_write_graph(_realtexts_graph(), tmp_path)),
                                       str(tmp_path / "gold"), "--misses"])
    assert result.exit_code == 0, result.output
    assert "2 documents with gold annotations" in result.output
    assert "realtexts gold (1 documents" in result.output and "dated events dated right  1/2" in result.output
    assert "misses: Party 0, Organization 0, Person 0, Place 1, Event 1" in result.output


def _write_graph(graph: Graph, folder) -> str:
    path = folder / "graph.ttl"
    graph.serialize(path, format="turtle")
    return str(path)


def test_an_empty_gold_folder_is_refused(tmp_path):
    (tmp_path / "gold").mkdir()
    result = CliRunner().invoke(main, ["evaluate", _write_graph(tiny_graph(), tmp_path), str(tmp_path / "gold")])
    assert result.exit_code == 2 and "no gold files" in result.output and "1.000" not in result.output


def test_broken_turtle_is_told_without_a_traceback(tmp_path):
    write_gold(tmp_path / "gold")
    broken = tmp_path / "graph.ttl"
    broken.write_text("@prefix x: <http://example.org/> .\nx:a x:b ", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(broken), "--gold", str(tmp_path / "gold")])
    assert result.exit_code == 2 and f"{broken}: not a readable RDF graph" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_a_gold_file_of_neither_format_is_named(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "odd.json").write_text(json.dumps({"entities": []}), encoding="utf-8")
    (tmp_path / "gold" / "torn.json").write_text("{", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", _write_graph(tiny_graph(), tmp_path), str(tmp_path / "gold")])
    assert result.exit_code == 2 and "odd.json: neither gold format" in result.output
    (tmp_path / "gold" / "odd.json").unlink()
    result = CliRunner().invoke(main, ["evaluate", _write_graph(tiny_graph(), tmp_path), str(tmp_path / "gold")])
    assert result.exit_code == 2 and "torn.json: not a readable JSON gold file" in result.output
