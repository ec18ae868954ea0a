from __future__ import annotations

import json

from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import DCTERMS, SKOS

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
