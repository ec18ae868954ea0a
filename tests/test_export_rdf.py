"""Exports beside Turtle (graphbuild.export.rdf): N-Triples, JSON-LD, TriG per document, GraphML and GEXF."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, SKOS, XSD

from graphbuild import ontology as gbo
from graphbuild.cli import main
from graphbuild.export import network, rdf
from graphbuild.export.rdf import (
    CONTEXT_PATH,
    ExportError,
    context_file_text,
    export,
    jsonld_context,
    partition,
    read_graph,
    to_dataset,
    write_ntriples,
)

FORMATS = ("nt", "jsonld", "trig", "graphml", "gexf")


def require(command: str, package: str) -> None:
    """Skip without a system program locally; on CI, where the test command installs it, fail."""
    if shutil.which(command) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{command} ({package}) is missing: the test command installs it")
        pytest.skip(f"{command} not installed ({package}; make test installs it)")


@pytest.fixture(scope="module")
def exported(sources_build, tmp_path_factory) -> dict[str, Path]:
    """The sources' graph exported in every format, through the Python API from the built Turtle file."""
    _, output = sources_build
    folder = tmp_path_factory.mktemp("exports")
    return {fmt: export(output / "graph.ttl", fmt, folder / f"graph.{fmt}") for fmt in FORMATS}


def rapper_count(path: Path, syntax: str) -> int:
    """How many triples (quads, for a dataset) rapper, the Raptor library's parser, reads in the file."""
    require("rapper", "raptor2-utils")
    run = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return int(re.search(r"returned (\d+) triples", run.stderr).group(1))


def oxigraph_lines(path: Path, syntax: ox.RdfFormat) -> set[str]:
    """The triples of a file as Oxigraph's parser (independent of rdflib) reads them, one N-Triples line each;
    the graph names of a dataset dropped."""
    triples = (quad.triple for quad in ox.parse(path=str(path), format=syntax))
    return set(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8").splitlines())


# ------------------------------------------------------------------------------------------------- N-Triples

def test_ntriples_hold_the_same_triples_for_rdflib_oxigraph_and_rapper(exported, sources_build, sources_graph):
    _, output = sources_build
    assert set(read_graph(exported["nt"])) == set(sources_graph)
    assert oxigraph_lines(exported["nt"], ox.RdfFormat.N_TRIPLES) == oxigraph_lines(output / "graph.ttl",
                                                                                     ox.RdfFormat.TURTLE)
    assert rapper_count(exported["nt"], "ntriples") == len(sources_graph)


class Recorder(io.RawIOBase):
    def __init__(self) -> None:
        self.writes: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.writes.append(bytes(data))
        return len(data)


def test_ntriples_are_written_a_triple_at_a_time(sources_graph):
    stream = Recorder()
    write_ntriples(sources_graph, stream)
    assert len(stream.writes) == len(sources_graph)
    assert all(chunk.endswith(b" .\n") and chunk.count(b"\n") == 1 for chunk in stream.writes)


def test_ntriples_escape_what_the_line_format_cannot_hold(tmp_path):
    graph = gbo.new_graph()
    quote = gbo.GBR["text-x-quote"]
    graph.add((quote, gbo.OA.exact, Literal('سطر\nدوم «نقل» "quoted" \\ end')))
    path = export(graph, "nt", tmp_path / "g.nt")
    assert path.read_text(encoding="utf-8").count("\n") == 1
    assert set(read_graph(path)) == set(graph)


# ------------------------------------------------------------------------------------------------- determinism

SMALL_TURTLE = """@prefix gb: <https://w3id.org/graphbuild/ontology#> .
@prefix gbr: <https://w3id.org/graphbuild/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
"""


def test_every_format_is_the_same_bytes_whatever_the_hash_seed(tmp_path):
    """rdflib's store gives triples in hash order; each writer must sort. Two processes with different hash
    seeds export the same graph, and the files must be equal."""
    lines = [SMALL_TURTLE]
    for i in range(40):
        lines.append(f'gbr:party-{i} a gb:Party, schema:Organization ; rdfs:label "حزب {i}"@fa ; '
                     f'gb:mentionCount {i} ; schema:memberOf gbr:party-{(i * 7) % 40} .')
    for j in range(8):  # documents, so that TriG has named graphs to put in order
        lines.append(f'gbr:document-{j} a gb:SourceDocument ; schema:mentions gbr:party-{j}, gbr:party-{j + 8} .')
    source = tmp_path / "graph.ttl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    script = ("import sys; from pathlib import Path; from graphbuild.export.rdf import export\n"
              f"for fmt in {FORMATS!r}: export(Path(sys.argv[1]), fmt, Path(sys.argv[2]) / ('graph.' + fmt))")
    runs = []
    for seed in ("1", "2"):
        folder = tmp_path / f"seed{seed}"
        runs.append(subprocess.Popen([sys.executable, "-c", script, str(source), str(folder)],
                                     env={**os.environ, "PYTHONHASHSEED": seed}, stderr=subprocess.PIPE))
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read().decode()
    for fmt in FORMATS:
        first, second = (tmp_path / f"seed{seed}" / f"graph.{fmt}" for seed in ("1", "2"))
        assert first.read_bytes() == second.read_bytes(), fmt


# ------------------------------------------------------------------------------------------------- JSON-LD

def test_jsonld_reads_back_as_the_same_graph(exported, sources_build, sources_graph):
    _, output = sources_build
    assert isomorphic(read_graph(exported["jsonld"]), sources_graph)
    assert oxigraph_lines(exported["jsonld"], ox.RdfFormat.JSON_LD) == oxigraph_lines(output / "graph.ttl",
                                                                                       ox.RdfFormat.TURTLE)


def test_jsonld_is_compacted_with_the_context(exported, sources_graph):
    document = json.loads(exported["jsonld"].read_text(encoding="utf-8"))
    context = document["@context"]
    assert context == json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    # A property with a key in the context is always written with that key: its data fit the key's definition.
    keyed = {definition["@id"] for definition in context.values() if isinstance(definition, dict)}
    for node in document["@graph"]:
        for key in node:
            assert key.startswith("@") or key in context or (":" in key and key not in keyed), key
            assert not key.startswith("http"), key
    by_id = {node["@id"]: node for node in document["@graph"]}
    for entity in sources_graph.subjects(RDF.type, gbo.KIND_CLASS["Party"]):
        node = by_id[compact(entity)]
        assert node["label"] == str(sources_graph.value(entity, RDFS.label))
    for document_iri in sources_graph.subjects(RDF.type, gbo.DOCUMENT_CLASS):
        node = by_id[compact(document_iri)]
        mentioned = node["mentions"] if isinstance(node["mentions"], list) else [node["mentions"]]
        assert {compact(m) for m in sources_graph.objects(document_iri, gbo.MENTIONS)} == set(mentioned)


def compact(iri: URIRef) -> str:
    """The JSON-LD form of a resource IRI under the context: gbr:…"""
    return f"gbr:{iri.removeprefix(str(gbo.GBR))}"


def test_the_context_file_is_the_one_the_code_makes():
    assert CONTEXT_PATH.read_text(encoding="utf-8") == context_file_text(), (
        "ontology/context.jsonld is stale: run "
        ".venv/bin/python -c 'from graphbuild.export.rdf import write_context; write_context()'")


def test_context_keys_expand_to_the_ontology_terms():
    """Each readable key names the property it stands for (memberOf → schema:memberOf), by the prefixes."""
    context = jsonld_context()
    graph = Graph().parse(data=json.dumps({"@context": context, "@id": "gbr:x", "memberOf": "gbr:y",
                                           "label": "نام", "start": "4", "mentions": ["gbr:a", "gbr:b"]}),
                          format="json-ld")
    x = gbo.GBR.x
    assert (x, gbo.MEMBER_OF, gbo.GBR.y) in graph
    assert (x, RDFS.label, Literal("نام", lang="fa")) in graph
    assert (x, gbo.OA.start, Literal("4", datatype=XSD.nonNegativeInteger)) in graph
    assert set(graph.objects(x, gbo.MENTIONS)) == {gbo.GBR.a, gbo.GBR.b}
    assert context["publisher"]["@id"] == "schema:publisher"  # the entity, not the catalogue's text


# ------------------------------------------------------------------------------------------------- TriG

def test_trig_union_is_the_turtle_graph_and_each_document_has_its_graph(exported, sources_build, sources_graph):
    dataset = Dataset()
    dataset.parse(exported["trig"], format="trig")
    assert {(s, p, o) for s, p, o, _ in dataset.quads()} == set(sources_graph)
    documents = set(sources_graph.subjects(RDF.type, gbo.DOCUMENT_CLASS))
    named = {graph.identifier for graph in dataset.graphs() if len(graph)} - {dataset.default_graph.identifier}
    assert named == documents
    for document in documents:
        graph = dataset.graph(document)
        assert (document, RDF.type, gbo.DOCUMENT_CLASS) in graph
        assert (document, DCTERMS.identifier, sources_graph.value(document, DCTERMS.identifier)) in graph
    _, output = sources_build
    assert oxigraph_lines(exported["trig"], ox.RdfFormat.TRIG) == oxigraph_lines(output / "graph.ttl",
                                                                                 ox.RdfFormat.TURTLE)
    assert rapper_count(exported["trig"], "trig") == len(list(dataset.quads()))


PROVENANCE = """
SELECT ?s ?p ?o ?document WHERE {
  ?statement a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
             prov:wasDerivedFrom/oa:hasSource ?document .
}"""
MENTIONS = """
SELECT ?document ?entity ?label WHERE {
  ?annotation oa:hasBody ?entity ; oa:hasTarget/oa:hasSource ?document .
  ?entity rdfs:label ?label .
}"""


def test_trig_puts_facts_and_names_where_the_provenance_says(sources_graph):
    """Checked against SPARQL over the Turtle graph, a different path from the exporter's own walk."""
    dataset = to_dataset(sources_graph)
    facts = list(sources_graph.query(PROVENANCE, initNs=gbo.PREFIXES))
    assert facts, "the sources state facts"
    for s, p, o, document in facts:
        assert (s, p, o) in dataset.graph(document), (s, p, o, document)
    for document, entity, label in sources_graph.query(MENTIONS, initNs=gbo.PREFIXES):
        graph = dataset.graph(document)
        assert (entity, RDFS.label, label) in graph and (document, gbo.MENTIONS, entity) in graph


# Hand-made graph: documents A and B, a party named in both, a person in A who A says is its member, an event
# in B that B places in a city, a co-mention, and gazetteer containment.
A, B = gbo.document_iri("a.txt"), gbo.document_iri("b.txt")
PARTY = gbo.entity_iri("Party", "حزب")
PERSON = gbo.entity_iri("Person", "شخص")
EVENT = gbo.entity_iri("Event", "کنگره")
CITY = gbo.entity_iri("Place", "تهران")
COUNTRY = gbo.entity_iri("Place", "ایران")


def hand_made_graph() -> Graph:
    graph = gbo.new_graph()
    for document, identifier in ((A, "a.txt"), (B, "b.txt")):
        graph.add((document, RDF.type, gbo.DOCUMENT_CLASS))
        graph.add((document, DCTERMS.identifier, Literal(identifier)))
    for entity, kind, label, documents in ((PARTY, "Party", "حزب", (A, B)), (PERSON, "Person", "شخص", (A,)),
                                           (EVENT, "Event", "کنگره", (B,)), (CITY, "Place", "تهران", (B,)),
                                           (COUNTRY, "Place", "ایران", ())):
        graph.add((entity, RDF.type, gbo.KIND_CLASS[kind]))
        graph.add((entity, RDFS.label, Literal(label, lang="fa")))
        graph.add((entity, gbo.MENTION_COUNT, Literal(len(documents))))
        for number, document in enumerate(documents):
            graph.add((document, gbo.MENTIONS, entity))
            annotation = gbo.mention_iri(str(document), number, number + 1, label)
            graph.add((annotation, gbo.OA.hasBody, entity))
            graph.add((annotation, gbo.OA.hasTarget, text_target(graph, document, number)))
    graph.add((PARTY, SKOS.altLabel, Literal("حزبِ ما", lang="fa")))
    graph.add((CITY, gbo.CONTAINED_IN_PLACE, COUNTRY))
    graph.add((COUNTRY, gbo.PLACE_CODE, Literal("IR")))
    # A says the person is a member, with a role
    graph.add((PERSON, gbo.MEMBER_OF, PARTY))
    membership = gbo.membership_iri(PERSON, PARTY, "عضو")
    role = gbo.role_iri("عضو")
    graph.add((membership, RDF.type, gbo.ORG.Membership))
    graph.add((membership, gbo.ORG.member, PERSON))
    graph.add((membership, gbo.ORG.organization, PARTY))
    graph.add((membership, gbo.ORG.role, role))
    graph.add((role, RDFS.label, Literal("عضو", lang="fa")))
    graph.add((membership, PROV.wasDerivedFrom, text_target(graph, A, 10)))
    # B places the event in the city, and is signed by the party in a message of its own
    graph.add((EVENT, gbo.LOCATION, CITY))
    statement = gbo.statement_iri(EVENT, gbo.LOCATION, str(CITY), "b.txt", (20, 30))
    for predicate, value in ((RDF.type, RDF.Statement), (RDF.subject, EVENT), (RDF.predicate, gbo.LOCATION),
                             (RDF.object, CITY), (PROV.wasDerivedFrom, text_target(graph, B, 20))):
        graph.add((statement, predicate, value))
    message = gbo.message_iri("b.txt", 40, 90)
    graph.add((message, gbo.IS_PART_OF, B))
    graph.add((B, gbo.HAS_PART, message))
    graph.add((message, gbo.SIGNATORY, PARTY))
    # co-mention of party and person, across documents
    node = gbo.co_mention_iri(PARTY, PERSON)
    graph.add((node, RDF.type, gbo.CO_MENTION))
    graph.add((node, gbo.PARTICIPANT, PARTY))
    graph.add((node, gbo.PARTICIPANT, PERSON))
    graph.add((node, gbo.SENTENCE_COUNT, Literal(2)))
    graph.add((PARTY, gbo.CO_MENTIONED_WITH, PERSON))
    return graph


def text_target(graph: Graph, document: URIRef, start: int) -> URIRef:
    target = gbo.text_target_iri(str(document), start, start + 1)
    position, quote = gbo.selector_iris(target)
    graph.add((target, gbo.OA.hasSource, document))
    graph.add((target, gbo.OA.hasSelector, position))
    graph.add((target, gbo.OA.hasSelector, quote))
    graph.add((position, gbo.OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    graph.add((quote, gbo.OA.exact, Literal("x")))
    return target


def test_partition_rule_on_a_hand_made_graph():
    graph = hand_made_graph()
    where = {triple: documents for triple, documents in partition(graph)}
    assert set(where) == set(graph)
    # names of an entity: in every document that mentions it; counts across documents: shared
    assert where[(PARTY, RDFS.label, Literal("حزب", lang="fa"))] == {A, B}
    assert where[(PARTY, SKOS.altLabel, Literal("حزبِ ما", lang="fa"))] == {A, B}
    assert where[(PARTY, RDF.type, gbo.KIND_CLASS["Party"])] == {A, B}
    assert where[(PERSON, RDFS.label, Literal("شخص", lang="fa"))] == {A}
    assert where[(PARTY, gbo.MENTION_COUNT, Literal(2))] == set()
    # stated facts: where their evidence is
    assert where[(PERSON, gbo.MEMBER_OF, PARTY)] == {A}
    assert where[(EVENT, gbo.LOCATION, CITY)] == {B}
    membership = gbo.membership_iri(PERSON, PARTY, "عضو")
    assert where[(membership, gbo.ORG.member, PERSON)] == {A}
    assert where[(gbo.role_iri("عضو"), RDFS.label, Literal("عضو", lang="fa"))] == {A}
    # the document's own nodes: mentions, targets, selectors, messages and what they say
    target = gbo.text_target_iri(str(B), 20, 21)
    position, _ = gbo.selector_iris(target)
    assert where[(position, gbo.OA.start, Literal(20, datatype=XSD.nonNegativeInteger))] == {B}
    assert where[(gbo.message_iri("b.txt", 40, 90), gbo.SIGNATORY, PARTY)] == {B}
    assert where[(B, gbo.MENTIONS, PARTY)] == {B}
    # what no one document says: co-mentions, the gazetteer, places no text names
    assert where[(PARTY, gbo.CO_MENTIONED_WITH, PERSON)] == set()
    assert where[(gbo.co_mention_iri(PARTY, PERSON), gbo.SENTENCE_COUNT, Literal(2))] == set()
    assert where[(CITY, gbo.CONTAINED_IN_PLACE, COUNTRY)] == set()
    assert where[(COUNTRY, RDFS.label, Literal("ایران", lang="fa"))] == set()


# ------------------------------------------------------------------------------------------------- GraphML, GEXF

@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_gephi_files_read_back_with_the_same_network(exported, sources_graph, fmt, reader):
    expected = network.to_networkx(sources_graph)
    found = reader(exported[fmt])
    assert (found.number_of_nodes(), found.number_of_edges()) == (expected.number_of_nodes(),
                                                                   expected.number_of_edges())
    for node, attributes in expected.nodes(data=True):
        assert found.nodes[node]["label"] == attributes["label"]
        assert found.nodes[node]["kind"] == attributes["kind"]
        assert int(found.nodes[node]["mentions"]) == attributes["mentions"]
        assert found.nodes[node]["documents"] == network.LIST_SEPARATOR.join(attributes["documents"])

    def edge_summary(graph, stated_key):
        return sorted((u, v, data["relation"], bool(data[stated_key]), int(data.get("weight", 1)))
                      for u, v, data in graph.edges(data=True))
    assert edge_summary(found, "stated") == edge_summary(expected, "fact")
    assert {data["relation"] for *_, data in found.edges(data=True)} >= {"coMention", "memberOf"}


def test_gephi_attributes_are_scalars_even_for_bare_entities(tmp_path):
    """An entity with no label, no documents and no other names still writes: no None, no lists."""
    graph = gbo.new_graph()
    graph.add((PERSON, RDF.type, gbo.KIND_CLASS["Person"]))
    graph.add((PARTY, RDF.type, gbo.KIND_CLASS["Party"]))
    graph.add((PERSON, gbo.MEMBER_OF, PARTY))
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        found = reader(export(graph, fmt, tmp_path / f"g.{fmt}"))
        assert found.number_of_nodes() == 2 and found.number_of_edges() == 1
        assert found.nodes[str(PERSON)]["documents"] == "" and found.nodes[str(PERSON)]["alt_labels"] == ""
    gephi = network.to_gephi(graph)
    values = [v for _, data in gephi.nodes(data=True) for v in data.values()]
    values += [v for *_, data in gephi.edges(data=True) for v in data.values()]
    assert all(isinstance(value, (str, int, bool)) for value in values)


# ------------------------------------------------------------------------------------------------- files, CLI

def test_a_bad_graph_file_is_named(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("@prefix gb: <https://w3id.org/graphbuild/ontology#> .\ngb:a gb:b", encoding="utf-8")
    with pytest.raises(ExportError, match=re.escape(str(bad))):
        export(bad, "nt")
    result = CliRunner().invoke(main, ["export", str(bad), "--format", "jsonld"])
    assert result.exit_code == 1 and str(bad) in result.output and "turtle" in result.output
    assert not (tmp_path / "broken.jsonld").exists()
    with pytest.raises(ExportError, match="nowhere.ttl"):
        export(tmp_path / "nowhere.ttl", "nt")


def test_a_failed_export_leaves_the_earlier_file_whole(tmp_path, monkeypatch):
    graph = hand_made_graph()
    path = export(graph, "nt", tmp_path / "graph.nt")
    before = path.read_bytes()

    def half_then_fail(graph, stream, context=None):
        stream.write(b"<a> <b> <c> .\n")
        raise RuntimeError("disk full")

    from graphbuild.export import get_exporter

    failing = dataclasses.replace(get_exporter("nt"), write=half_then_fail)
    monkeypatch.setattr(rdf, "get_exporter", lambda name: failing)
    with pytest.raises(RuntimeError):
        export(graph, "nt", path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


def test_cli_writes_beside_the_graph_or_to_standard_output(sources_build, tmp_path, sources_graph):
    _, output = sources_build
    graph = tmp_path / "graph.ttl"
    shutil.copy(output / "graph.ttl", graph)
    result = CliRunner().invoke(main, ["export", str(graph), "--format", "trig"])
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / 'graph.trig'}" in result.output
    result = CliRunner().invoke(main, ["export", str(graph), "--format", "nt", "-o", "-"])
    assert result.exit_code == 0
    lines = result.stdout_bytes.decode("utf-8").splitlines()
    assert len(lines) == len(sources_graph) and not (tmp_path / "graph.nt").exists()


def test_a_trig_file_reads_back_as_its_union(tmp_path):
    graph = hand_made_graph()
    trig = export(graph, "trig", tmp_path / "graph.trig")
    assert set(read_graph(trig)) == set(graph)
    assert set(read_graph(export(trig, "nt"))) == set(graph)
