"""The entity network (graphbuild.export.network) and the interactive HTML map (graphbuild.export.html)."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from html import unescape

from rdflib import RDF, RDFS, Graph, Literal, URIRef, namespace
from rdflib.namespace import DCTERMS, SKOS

from graphbuild import ontology as gbo
from graphbuild.document import Document, SourceFile
from graphbuild.export.html import (
    LARGE_GRAPH,
    SNIPPET_CHARS,
    SPRING_LENGTH,
    fa_digits,
    map_data,
    render_html,
    script_json,
    starting_layout,
    vis_assets,
    vis_options,
    write_html,
)
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
    labels = {node["name"] for node in embedded_data(html)["nodes"]}
    assert nasty in labels  # escaped in the page, intact once parsed
    page_script = html.split("var data = ", 1)[1]
    assert ".innerHTML" not in page_script  # tooltips are built with textContent
    assert all("title" not in node and "label" not in node for node in embedded_data(html)["nodes"])


def test_script_json_escapes_what_a_script_element_cannot_hold():
    text = script_json({"a": "</script><!--&\u2028\u2029"})
    assert str(text) == '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029"}'
    assert json.loads(str(text)) == {"a": "</script><!--&\u2028\u2029"}


def test_nodes_styled_by_kind_and_sized_by_mentions():
    data = embedded_data(render_html(sample_graph()))
    nodes = {node["name"]: node for node in data["nodes"]}
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
    assert all(edge["arrows"] == "to" and edge["relationName"] and not edge["dashes"] for edge in facts)
    assert {edge["relationName"] for edge in facts} >= {"برگزارکننده", "عضوِ", "محل", "واقع در"}
    unknown = {edge["relationName"] for edge in facts if edge["relation"] == "parentOrganization"}
    assert unknown == {"parentOrganization"}  # a fact property the map has no name for shows its local name
    assert len({edge["color"]["color"] for edge in facts}) == 5  # one colour per relation
    assert all(edge["dashes"] and "label" not in edge and edge["width"] < facts[0]["width"] for edge in co)
    assert not {edge["color"]["color"] for edge in co} & {edge["color"]["color"] for edge in facts}
    assert {edge["sentences"] for edge in co} == {1, 5}


def test_legend_lists_kinds_and_relations_with_counts():
    html = render_html(sample_graph())
    legend = html.split('<aside id="legend">', 1)[1].split("</aside>", 1)[0]
    for kind, name, count in [("Party", "حزب", 1), ("Organization", "سازمان", 1), ("Person", "شخص", 1),
                              ("Place", "مکان", 2), ("Event", "رویداد", 1)]:
        pattern = (rf'<span class="name">{name}</span><span class="count" data-kind="{kind}" '
                   rf'data-count="{count}">{fa_digits(count)}</span>')
        assert re.search(pattern, legend), name
    for relation, count in [("memberOf", 1), ("organizer", 1), ("coMention", 2)]:
        assert f'data-relation="{relation}" data-count="{count}"' in legend, relation


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


# --- the page's data: mentions, document facts, evidence, dates --------------------------------------------

SENTENCES = ["جملهٔ اول دربارهٔ چیز دیگری است.", " امروز حزب نمونه در این جمله کنگره‌ای برگزار کرد و سپس بیانیه‌ای داد.",
             " جملهٔ سوم."]
TEXT = "".join(SENTENCES)
MENTION_START = TEXT.index("حزب نمونه")
MENTION_END = MENTION_START + len("حزب نمونه")


def add_quoted_annotation(graph: Graph, entity: URIRef, identifier: str, text: str, start: int, end: int) -> None:
    """An annotation as assemble.py writes it: a text target with position and quote selectors (32 characters
    of context)."""
    target = gbo.text_target_iri(identifier, start, end)
    position, quote = gbo.selector_iris(target)
    annotation = gbo.mention_iri(identifier, start, end, str(entity))
    graph.add((annotation, RDF.type, gbo.OA.Annotation))
    graph.add((annotation, gbo.OA.hasBody, entity))
    graph.add((annotation, gbo.OA.hasTarget, target))
    graph.add((target, gbo.OA.hasSource, gbo.document_iri(identifier)))
    for selector, values in ((position, {"start": start, "end": end}),
                             (quote, {"exact": text[start:end], "prefix": text[max(0, start - 32):start],
                                      "suffix": text[end:end + 32]})):
        graph.add((target, gbo.OA.hasSelector, selector))
        for key, value in values.items():
            graph.add((selector, gbo.OA[key], Literal(value)))


def document_of(text: str, identifier: str = "a.txt") -> Document:
    """A document as normalisation leaves it, with its text unchanged and split at the sentences above."""
    bounds, position = [], 0
    for sentence in SENTENCES if text == TEXT else [text]:
        bounds.append((position, position + len(sentence)))
        position += len(sentence)
    return Document(SourceFile(identifier, text), text, tuple(range(len(text) + 1)), sentences=tuple(bounds))


def party_node(data: dict) -> dict:
    return next(node for node in data["nodes"] if node["group"] == "Party")


def test_mentions_are_shown_in_their_sentence():
    graph = sample_graph()
    add_quoted_annotation(graph, PARTY, "a.txt", TEXT, MENTION_START, MENTION_END)
    with_documents = party_node(map_data(graph, [document_of(TEXT)]))["mentionList"]
    without = party_node(map_data(graph))["mentionList"]
    documents = map_data(graph)["documents"]
    assert [d["id"] for d in documents] == ["a.txt", "b.txt"]
    # [document index, start, before, the mention, after]; the sample's own annotation has no selectors
    assert with_documents[-1] == [0, MENTION_START, "امروز", "حزب نمونه",
                                  "در این جمله کنگره‌ای برگزار کرد و سپس بیانیه‌ای داد."]
    # From the graph alone: the 32 characters the quote selector keeps, cut where the previous sentence ends.
    assert without[-1][:4] == [0, MENTION_START, "امروز ", "حزب نمونه"]
    assert without[-1][4] == TEXT[MENTION_END:MENTION_END + 32].rstrip()


def test_a_long_sentence_is_cut_around_the_mention():
    words = " ".join(f"واژه{i}" for i in range(80))
    text = f"{words} حزب نمونه {words}."
    start = text.index("حزب نمونه")
    graph = sample_graph()
    add_quoted_annotation(graph, PARTY, "a.txt", text, start, start + len("حزب نمونه"))
    _, _, before, exact, after = party_node(map_data(graph, [document_of(text)]))["mentionList"][-1]
    assert exact == "حزب نمونه"
    assert before.startswith("… ") and after.endswith(" …")
    assert before.endswith("واژه79") and after.startswith("واژه0 ")
    assert SNIPPET_CHARS - 10 < len(before) <= SNIPPET_CHARS + 2 and len(after) <= SNIPPET_CHARS + 2


def test_signatories_and_co_authors_are_linked_and_listed():
    graph = sample_graph()
    document, other = gbo.document_iri("a.txt"), gbo.document_iri("b.txt")
    graph.add((document, gbo.SIGNATORY, PARTY))
    graph.add((document, gbo.SIGNATORY, ORGANISATION))
    graph.add((other, gbo.SIGNATORY, PERSON))  # signed something else: no co-signature with them
    message = gbo.message_iri("b.txt", 0, 10)
    graph.add((message, gbo.IS_PART_OF, other))
    graph.add((message, gbo.AUTHOR, PERSON))
    graph.add((message, gbo.AUTHOR, CITY))  # two writers of one message sign it together
    graph.add((document, gbo.LOCATION_CREATED, CITY))
    data = map_data(graph)
    names = {node["id"]: node["name"] for node in data["nodes"]}
    signed = {(frozenset((names[e["from"]], names[e["to"]])), tuple(e["works"]))
              for e in data["edges"] if e["relation"] == "coSigned"}
    party = "حزب کمونیست کارگری ایران"
    organisation = next(node["name"] for node in data["nodes"] if node["group"] == "Organization")
    # documents in identifier order: a.txt is 0, b.txt is 1
    assert signed == {(frozenset((party, organisation)), (0,)), (frozenset(("منصور حکمت", "تهران")), (1,))}
    works = {node["name"]: dict(node["works"]) for node in data["nodes"]}
    assert works[party] == {"signatory": [0]}
    assert works["منصور حکمت"] == {"author": [1], "signatory": [1]}
    assert works["تهران"] == {"author": [1], "locationCreated": [0]}


def test_facts_carry_the_sentences_that_state_them():
    graph = sample_graph()
    add_quoted_annotation(graph, PARTY, "a.txt", TEXT, 0, len(SENTENCES[0]))  # reuse: a stretch of text
    statement = gbo.statement_iri(EVENT, gbo.LOCATION, str(CITY), "a.txt", (0, len(SENTENCES[0])))
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, EVENT))
    graph.add((statement, RDF.predicate, gbo.LOCATION))
    graph.add((statement, RDF.object, CITY))
    graph.add((statement, gbo.PROV.wasDerivedFrom, gbo.text_target_iri("a.txt", 0, len(SENTENCES[0]))))
    membership = gbo.membership_iri(PERSON, PARTY, "")
    graph.add((membership, RDF.type, gbo.ORG.Membership))
    graph.add((membership, gbo.ORG.member, PERSON))
    graph.add((membership, gbo.ORG.organization, PARTY))
    graph.add((membership, gbo.PROV.wasDerivedFrom, gbo.text_target_iri("a.txt", 0, len(SENTENCES[0]))))
    evidence = {edge["relation"]: edge["evidence"] for edge in map_data(graph)["edges"] if edge["fact"]}
    assert evidence["location"] == evidence["memberOf"] == [SENTENCES[0]]
    assert evidence["organizer"] == []


def test_event_dates_keep_their_precision():
    graph = sample_graph()
    graph.remove((EVENT, gbo.START_DATE, None))
    graph.add((EVENT, gbo.START_DATE, Literal("2016-10", datatype=namespace.XSD.gYearMonth)))
    graph.add((EVENT, gbo.END_DATE, Literal("2016-10-30", datatype=namespace.XSD.date)))
    graph.add((CITY, gbo.START_DATE, Literal("not a date")))  # ignored rather than breaking the timeline
    nodes = {node["name"]: node for node in map_data(graph)["nodes"]}
    assert nodes["کنگره یازدهم"]["dates"] == {"start": "2016-10", "end": "2016-10-30"}
    assert "dates" not in nodes["تهران"]


def test_only_the_pages_own_scripts_may_run():
    """The page's Content-Security-Policy names its two scripts by hash: nothing else runs or loads."""
    html = render_html(sample_graph())
    policy = unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1))
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 2
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts}
    assert hashes == set(re.search(r"script-src ([^;]+);", policy).group(1).split())


def test_large_graphs_get_the_fast_layout():
    small, large = vis_options(100), vis_options(LARGE_GRAPH)
    assert small["physics"]["solver"] == "forceAtlas2Based"
    assert large["physics"]["solver"] == "barnesHut" and large["physics"]["barnesHut"]["theta"] > 0.5
    assert large["physics"]["stabilization"]["iterations"] < small["physics"]["stabilization"]["iterations"]
    assert not large["layout"]["improvedLayout"]


def test_the_build_shows_mentions_in_whole_sentences(sources_build):
    """graphbuild build passes its documents to the map: snippets reach beyond the 32 characters of context."""
    _, output = sources_build
    data = embedded_data((output / "graph.html").read_text(encoding="utf-8"))
    contexts = [len(before) + len(after) for node in data["nodes"] for _, _, before, _, after in node["mentionList"]]
    assert contexts and max(contexts) > 2 * 32


def test_the_starting_layout_is_reproducible_and_has_spring_long_edges():
    graph = sample_graph()
    entities = to_networkx(graph)
    first, second = starting_layout(entities), starting_layout(entities)
    assert first == second and len(first) == len(entities)
    assert len(set(first)) == len(first)  # no two nodes start on the same spot
    index = {iri: i for i, iri in enumerate(sorted(entities))}
    lengths = sorted(math.dist(first[index[u]], first[index[v]]) for u, v in entities.edges() if u != v)
    assert abs(lengths[len(lengths) // 2] - SPRING_LENGTH) <= 2  # rounding moves each end by half a unit at most
    nodes = map_data(graph)["nodes"]
    assert [(node["x"], node["y"]) for node in nodes] == first
