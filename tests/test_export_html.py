"""The entity network (graphbuild.export.network) and the interactive HTML map (graphbuild.export.html)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graphbuild import ontology as gbo
from graphbuild.export.html import render_html, script_json, vis_assets, write_html
from graphbuild.export.network import to_networkx

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

PARTY = gbo.entity_iri("Party", "حزب نمونه")
PERSON = gbo.entity_iri("Person", "شخص نمونه")
CITY = gbo.entity_iri("Place", "تهران")
COUNTRY = gbo.entity_iri("Place", "ایران")
EVENT = gbo.entity_iri("Event", "کنگره نمونه")
ORGANISATION = gbo.entity_iri("Organization", "سازمان نمونه")


def add_entity(graph: Graph, iri: URIRef, kind: str, label: str | None, mentions: int, *alt: str) -> None:
    graph.add((iri, RDF.type, gbo.KIND_CLASS[kind]))
    for cls in gbo.SCHEMA_CLASSES[kind]:
        graph.add((iri, RDF.type, cls))
    if label is not None:
        graph.add((iri, RDFS.label, Literal(label, lang="fa")))
    for name in alt:
        graph.add((iri, SKOS.altLabel, Literal(name, lang="fa")))
    graph.add((iri, gbo.MENTION_COUNT, Literal(mentions)))


def add_document(graph: Graph, identifier: str, *mentioned: URIRef) -> None:
    document = gbo.document_iri(identifier)
    graph.add((document, RDF.type, gbo.DOCUMENT_CLASS))
    graph.add((document, RDF.type, gbo.SCHEMA.CreativeWork))
    graph.add((document, DCTERMS.identifier, Literal(identifier)))
    for entity in mentioned:
        graph.add((document, gbo.MENTIONS, entity))


def add_co_mention(graph: Graph, first: URIRef, second: URIRef, sentences: int) -> None:
    node = gbo.co_mention_iri(first, second)
    graph.add((node, RDF.type, gbo.CO_MENTION))
    graph.add((node, gbo.PARTICIPANT, first))
    graph.add((node, gbo.PARTICIPANT, second))
    graph.add((node, gbo.SENTENCE_COUNT, Literal(sentences)))
    # The direct links are in the graph too; the network must not turn them into edges of their own.
    graph.add((first, gbo.CO_MENTIONED_WITH, second))
    graph.add((second, gbo.CO_MENTIONED_WITH, first))


def add_annotation(graph: Graph, entity: URIRef, identifier: str) -> None:
    mention = gbo.mention_iri(identifier, 0, 5, str(entity))
    graph.add((mention, RDF.type, gbo.OA.Annotation))
    graph.add((mention, gbo.OA.hasBody, entity))
    graph.add((mention, gbo.OA.hasTarget, gbo.document_iri(identifier)))


def sample_graph(party_label: str = "حزب کمونیست کارگری ایران") -> Graph:
    graph = Graph()
    add_entity(graph, PARTY, "Party", party_label, 12, "حزب", "حککا")
    add_entity(graph, PERSON, "Person", "منصور حکمت", 3)
    add_entity(graph, CITY, "Place", "تهران", 2)
    add_entity(graph, COUNTRY, "Place", "ایران", 7, "کشور ایران")
    add_entity(graph, EVENT, "Event", "کنگره یازدهم", 4)
    add_entity(graph, ORGANISATION, "Organization", None, 1)  # no label: the node still gets a name
    graph.add((EVENT, gbo.ORGANIZER, PARTY))
    graph.add((EVENT, gbo.LOCATION, CITY))
    graph.add((PERSON, gbo.MEMBER_OF, PARTY))
    graph.add((CITY, gbo.CONTAINED_IN_PLACE, COUNTRY))
    graph.add((ORGANISATION, gbo.SCHEMA.parentOrganization, PARTY))  # a fact property the exporter doesn't know
    graph.add((EVENT, gbo.START_DATE, Literal("2020-01-01")))  # a literal: not an edge
    add_co_mention(graph, PARTY, COUNTRY, 5)
    add_co_mention(graph, PERSON, PARTY, 1)
    add_document(graph, "b.txt", PARTY, COUNTRY)
    add_document(graph, "a.txt", PARTY, PERSON, EVENT)
    add_annotation(graph, PARTY, "a.txt")
    gbo.bind_prefixes(graph)
    return graph


def embedded_data(html: str) -> dict:
    """The JSON the page's script starts from (one line: ``var data = {...};``)."""
    line = next(line for line in html.splitlines() if line.strip().startswith("var data = "))
    return json.loads(line.strip().removeprefix("var data = ").removesuffix(";"))


# --- network -----------------------------------------------------------------------------------------------


def test_one_node_per_entity_with_attributes():
    network = to_networkx(sample_graph())
    assert set(network) == {str(iri) for iri in (PARTY, PERSON, CITY, COUNTRY, EVENT, ORGANISATION)}
    assert network.nodes[str(PARTY)] == {
        "kind": "Party", "label": "حزب کمونیست کارگری ایران", "alt_labels": ["حزب", "حککا"], "mentions": 12,
        "documents": ["a.txt", "b.txt"],
    }
    assert network.nodes[str(CITY)]["documents"] == []
    assert network.nodes[str(ORGANISATION)]["label"]  # falls back to the IRI's local name


def test_stated_facts_are_labelled_edges():
    network = to_networkx(sample_graph())
    facts = {(u, v, d["relation"]) for u, v, d in network.edges(data=True) if d["fact"]}
    assert facts == {
        (str(EVENT), str(PARTY), "organizer"),
        (str(EVENT), str(CITY), "location"),
        (str(PERSON), str(PARTY), "memberOf"),
        (str(CITY), str(COUNTRY), "containedInPlace"),
        (str(ORGANISATION), str(PARTY), "parentOrganization"),
    }


def test_co_mentions_come_from_the_co_mention_nodes():
    network = to_networkx(sample_graph())
    co = [(u, v, d) for u, v, d in network.edges(data=True) if not d["fact"]]
    assert len(co) == 2  # not four more from the two-way gb:coMentionedWith links
    weights = {frozenset((u, v)): d["weight"] for u, v, d in co}
    assert weights == {frozenset((str(PARTY), str(COUNTRY))): 5, frozenset((str(PERSON), str(PARTY))): 1}
    assert all(d["relation"] == "coMention" for _, _, d in co)


def test_documents_and_annotations_are_not_nodes():
    network = to_networkx(sample_graph())
    assert all("/document/" not in node and "/mention/" not in node for node in network)


# --- html --------------------------------------------------------------------------------------------------


def test_page_is_utf8_persian_and_self_contained(tmp_path):
    path = tmp_path / "graph.html"
    write_html(sample_graph(), path, title="نقشه")
    raw = path.read_bytes()
    html = raw.decode("utf-8")
    assert '<meta charset="utf-8">' in html
    assert '<html lang="fa" dir="rtl">' in html
    assert "<title>نقشه</title>" in html
    assert "Vazirmatn, Tahoma" in html
    assert "vis.Network" in html and "vis-network" in html  # the library itself is inline
    assert list(tmp_path.iterdir()) == [path]  # atomic write leaves no temporary file


def test_no_external_resources():
    html = render_html(sample_graph())
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", html, re.IGNORECASE)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.IGNORECASE)
    assert "@import" not in html
    assert "<link" not in html.lower()
    assert not re.search(r"bootstrap|cdnjs|jsdelivr|unpkg|googleapis", html, re.IGNORECASE)
    assert "w3id.org" not in html  # nodes carry short ids, not IRIs


def test_document_text_is_never_markup():
    nasty = f"{XSS_SCRIPT} {XSS_IMG} </script><!-- \u2028\u2029 & 'q' \"qq\""
    graph = sample_graph(party_label=nasty)
    graph.add((PERSON, SKOS.altLabel, Literal(XSS_IMG, lang="fa")))
    graph.add((gbo.document_iri("a.txt"), DCTERMS.identifier, Literal(XSS_SCRIPT)))
    html = render_html(graph, title=XSS_SCRIPT)
    assert XSS_SCRIPT not in html and XSS_IMG not in html
    assert "\u2028" not in html and "\u2029" not in html
    own = html.replace(vis_assets()[1], "")  # vis-network's code mentions "<script>" in a string of its own
    assert own.lower().count("<script") == own.lower().count("</script") == 2  # the library and the map
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    labels = {node["label"] for node in embedded_data(html)["nodes"]}
    assert nasty in labels  # escaped in the page, intact once parsed
    page_script = html.split("var data = ", 1)[1]
    assert ".innerHTML" not in page_script  # tooltips are built with textContent
    assert all("title" not in node for node in embedded_data(html)["nodes"])  # no HTML tooltip strings


def test_script_json_escapes_what_a_script_element_cannot_hold():
    text = script_json({"a": "</script><!--&\u2028\u2029"})
    assert str(text) == '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029"}'
    assert json.loads(str(text)) == {"a": "</script><!--&\u2028\u2029"}


def test_nodes_styled_by_kind_and_sized_by_mentions():
    data = embedded_data(render_html(sample_graph()))
    nodes = {node["label"]: node for node in data["nodes"]}
    assert len(nodes) == 6
    party, place = nodes["حزب کمونیست کارگری ایران"], nodes["ایران"]
    assert party["group"] == "Party" and place["group"] == "Place"
    assert data["options"]["groups"]["Party"]["shape"] != data["options"]["groups"]["Place"]["shape"]
    assert data["options"]["groups"]["Party"]["color"] != data["options"]["groups"]["Place"]["color"]
    assert party["value"] > place["value"] > nodes["تهران"]["value"]
    assert party["altLabels"] == ["حزب", "حککا"] and party["mentions"] == 12 and party["kindName"] == "حزب"


def test_facts_and_co_mentions_drawn_differently():
    data = embedded_data(render_html(sample_graph()))
    facts = [edge for edge in data["edges"] if edge["fact"]]
    co = [edge for edge in data["edges"] if not edge["fact"]]
    assert len(facts) == 5 and len(co) == 2
    assert all(edge["arrows"] == "to" and edge["label"] and not edge["dashes"] for edge in facts)
    assert {edge["label"] for edge in facts} >= {"برگزارکننده", "عضوِ"}
    assert all(edge["dashes"] and "label" not in edge and edge["width"] < facts[0]["width"] for edge in co)
    assert {edge["sentences"] for edge in co} == {1, 5}


def test_legend_lists_kinds_with_counts():
    html = render_html(sample_graph())
    legend = html.split('<aside id="legend">', 1)[1].split("</aside>", 1)[0]
    for name, count in [("حزب", "۱"), ("سازمان", "۱"), ("شخص", "۱"), ("مکان", "۲"), ("رویداد", "۱")]:
        assert re.search(rf"<span>{name}</span><span class=\"count\">{count}</span>", legend), name


def test_page_keeps_globals_and_freezes_after_layout():
    html = render_html(sample_graph())
    assert "var nodes, edges, network;" in html
    assert "nodes = new vis.DataSet(" in html and "edges = new vis.DataSet(" in html
    assert "network = new vis.Network(" in html
    assert 'network.once("stabilizationIterationsDone"' in html and "physics: false" in html


def test_output_is_deterministic(tmp_path):
    write_html(sample_graph(), tmp_path / "one.html")
    # The same triples added in another order must give the same bytes.
    shuffled = Graph()
    for triple in sorted(sample_graph(), key=lambda t: str(t[::-1]), reverse=True):
        shuffled.add(triple)
    write_html(shuffled, tmp_path / "two.html")
    assert (tmp_path / "one.html").read_bytes() == (tmp_path / "two.html").read_bytes()


def test_empty_graph_renders():
    data = embedded_data(render_html(Graph()))
    assert data["nodes"] == [] and data["edges"] == []


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs a headless chromium")
def test_page_runs_in_a_browser(tmp_path):
    """The script runs offline without error: vis draws its canvas and layout finishes (the status hides)."""
    path = tmp_path / "graph.html"
    write_html(sample_graph(), path)
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", "--dump-dom",
               path.as_uri()]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
    assert "vis-network" in dom and "<canvas" in dom
    assert '<div id="status" hidden="">' in dom
