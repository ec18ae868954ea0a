"""Interactive HTML map of the entity graph: one self-contained page that opens offline from file://.

pyvis collects the vis-network node and edge records and supplies its bundled vis-network build; the page
itself comes from the project's own template (``templates/map.html`` with ``map.css`` and ``map.js`` inlined),
because pyvis's templates link Bootstrap (and, in some modes, vis-network) from CDNs and render tooltips as HTML.

The page is a small application: legend with counts, search, filters, a side panel with every mention of an
entity in its sentence, and a timeline of dated events. Everything it shows is in one JSON object built here
(:func:`map_data`) from the RDF graph, read through rdflib with the terms of :mod:`graphbuild.ontology`.

Safety: no text from a document reaches the page as markup. The data travels as JSON inside a script (with
``<``, ``>``, ``&``, U+2028 and U+2029 escaped), the script builds every element with ``textContent``, and the
title goes through Jinja's autoescaping.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
import math
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as package_files
from itertools import combinations
from pathlib import Path
from typing import BinaryIO

import igraph
import networkx as nx
import pyvis
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pyvis.network import Network
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from graphbuild import ontology
from graphbuild.document import Document, Kind
from graphbuild.export import ExportContext, exporter
from graphbuild.export.files import atomic_write
from graphbuild.export.network import local_name, to_networkx
from graphbuild.kinds import RelationSpec, kind_spec, kinds, relation_spec, relations
from graphbuild.lang.fa import captions
from graphbuild.ontology import relation_property

FONT_STACK = 'Vazirmatn, Tahoma, "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif'
VIS_VERSION = "9.1.2"  # the copy pyvis bundles; pinned so a pyvis upgrade cannot silently change the page


@dataclass(frozen=True)
class KindStyle:
    name_fa: str
    colour: str  # Okabe–Ito palette: distinguishable with the common colour-vision deficiencies
    shape: str  # a vis-network shape with the label below it, so every label reads the same way


def kind_style(kind: Kind) -> KindStyle:
    """A kind's look on the map: colour and shape from its spec (kinds.toml), its name from the captions."""
    spec = kind_spec(kind)
    return KindStyle(captions()["kinds"].get(kind, kind), spec.colour, spec.shape)


def kind_styles() -> dict[Kind, KindStyle]:
    return {kind: kind_style(kind) for kind in kinds()}


@dataclass(frozen=True)
class RelationStyle:
    name_fa: str  # read along the arrow: event —organizer→ party
    colour: str  # dark, so that every stated fact stands out from the pale co-mention edges


# The map draws an edge for every property linking two entities; the relations with a colour in kinds.toml
# are the ones it knows by name, in their order there, and then its own co-signature edges.
CO_SIGNED = "coSigned"  # not a property: two entities that signed (or wrote) the same document or message
CO_SIGNED_COLOUR = "#6C3483"


def relation_styles() -> dict[str, RelationStyle]:
    """By the local name of each relation's property (as the map's edges carry it)."""
    return _relation_styles(tuple(relation_spec(relation) for relation in relations()))


@lru_cache(maxsize=8)
def _relation_styles(declared: tuple[RelationSpec, ...]) -> dict[str, RelationStyle]:
    """Built once per set of declared relations, not for every edge of the map."""
    names = captions()["relations"]
    styles = {local_name(relation_property(spec.name)): RelationStyle(names.get(spec.name, ""), spec.colour)
              for spec in declared if spec.colour}
    styles[CO_SIGNED] = RelationStyle(names.get(CO_SIGNED, ""), CO_SIGNED_COLOUR)
    return styles


OTHER_FACT = RelationStyle("", "#37474F")  # any other fact property: its local name is its caption
CO_MENTION_COLOUR = "#B8B8B8"
# What an entity did for a document (or for one message in it): shown in the side panel.
WORK_ROLES: dict[URIRef, str] = {
    ontology.SIGNATORY: "signatory",
    ontology.AUTHOR: "author",
    ontology.PUBLISHER: "publisher",
    ontology.LOCATION_CREATED: "locationCreated",
}
SNIPPET_CHARS = 110  # at most this many characters of a sentence on each side of a mention
EVIDENCE_CHARS = 240  # a fact's sentence is cut to this length around its middle
LARGE_GRAPH = 400  # from this many nodes on, the layout trades polish for time (see vis_options)
SPRING_LENGTH = 120  # vis-network's resting edge length, in the units of the starting layout
LAYOUT_BUDGET_MS = 2500  # the page stops laying out after this long (since its script started) and freezes


def write_html(graph: Graph, path: Path, title: str = "graphbuild", documents: Iterable[Document] = ()) -> None:
    """Write the map as one UTF-8 HTML file with everything inline; same graph, same bytes."""
    atomic_write(path, render_html(graph, title, documents).encode("utf-8"))


def render_html(graph: Graph, title: str = "graphbuild", documents: Iterable[Document] = ()) -> str:
    """The map of ``graph``. With the build's ``documents``, each mention is shown in its whole sentence (as the
    extractor split it); without them, in the 32 characters on each side that the graph's quote selectors keep."""
    data = map_data(graph, documents)
    css, vis_js = vis_assets()
    app_js = _app_script(data)
    counts = {kind: 0 for kind in kinds()}
    for node in data["nodes"]:
        counts[node["group"]] += 1
    return _template().render(
        title=title,
        font_stack=Markup(FONT_STACK),  # a constant; escaping its quotes would break the CSS
        node_count=len(data["nodes"]),
        vis_css=Markup(css),
        vis_js=Markup(vis_js),
        app_js=app_js,
        script_hashes=Markup(" ".join(_csp_hash(script) for script in (vis_js, app_js))),  # base64: no markup
        page_css=Markup(_page_asset("map.css")),
        legend=[_legend_item(kind, counts[kind]) for kind in kinds()],
        relations=_relation_legend(data["edges"]),
        facts=sum(1 for edge in data["edges"] if edge["fact"]),
        co_mentions=sum(1 for edge in data["edges"] if not edge["fact"]),
        documents=data["documents"],
        dated=sum(1 for node in data["nodes"] if node.get("dates")),
    )


def _app_script(data: dict) -> Markup:
    """The page's own script: the globals pyvis pages have, the data on a line of its own, then map.js."""
    return Markup("\n// Globals, as on pyvis pages, so the map can be scripted from the console or a test harness.\n"
                  "var nodes, edges, network;\n"
                  f"var data = {script_json(data)};\n"
                  f"{_page_asset('map.js')}\n")


def _csp_hash(script: str) -> str:
    """A Content-Security-Policy source naming one inline script by its SHA-256."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def map_data(graph: Graph, documents: Iterable[Document] = ()) -> dict:
    """Everything the page shows, as one JSON-ready object: vis-network records (with short ids n0, e0, … in
    sorted order, so the page is reproducible and carries no IRIs), the documents, and per node its mentions,
    dates and what it did for documents."""
    entities = to_networkx(graph)
    ids = {iri: f"n{index}" for index, iri in enumerate(sorted(entities))}
    docs = _Documents(graph)
    snippets = Snippets(documents)
    _add_co_signatures(graph, entities, docs)
    evidence = _fact_evidence(graph)
    network = build_network(entities, ids, evidence)
    nodes, edges = _sorted_records(network)
    for node, (x, y) in zip(nodes, starting_layout(entities)):
        node["x"], node["y"] = x, y
    mentions = _mentions(graph, docs, snippets)
    for node, iri in zip(nodes, sorted(entities)):
        node["name"] = node.pop("label")  # drawn by the page's own label layer, not by vis (see map.js)
        node["docs"] = sorted({docs.index[name] for name in entities.nodes[iri]["documents"]})
        node["mentionList"] = mentions.get(URIRef(iri), [])
        node["works"] = sorted(docs.works_by_entity.get(URIRef(iri), {}).items())
        dates = _dates(graph, URIRef(iri))
        if dates:
            node["dates"] = dates
    return {
        "nodes": nodes,
        "edges": edges,
        "documents": docs.records,
        "options": vis_options(len(nodes)),
        "layoutBudgetMs": LAYOUT_BUDGET_MS,
        "kinds": {kind: {"name": style.name_fa, "colour": style.colour, "shape": style.shape}
                  for kind, style in kind_styles().items()},
        "texts": captions()["texts"],  # the script holds no Persian literals of its own
    }


def starting_layout(entities: nx.MultiDiGraph, seed: int = 7) -> list[tuple[int, int]]:
    """Where each node (in sorted order) starts, so that the browser only has to polish the layout.

    igraph's Fruchterman–Reingold runs in C with a grid for large graphs: 0.2 s for 2000 nodes here, where
    vis-network needs hundreds of iterations of tens of milliseconds each to untangle its own random start, and
    networkx's spring layout took 39 s (numpy, on a busy machine). Coordinates are scaled so that the median
    edge is as long as vis's springs, and rounded, so that the same graph gives the same page."""
    order = sorted(entities)
    index = {iri: i for i, iri in enumerate(order)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in entities.edges() if u != v})
    if not order:
        return []
    graph = igraph.Graph(n=len(order), edges=pairs)
    # igraph draws from Python's random module by default: a seeded generator of its own for this layout, and
    # the default back afterwards.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        coords = graph.layout_fruchterman_reingold(niter=500, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in pairs)
    scale = SPRING_LENGTH / lengths[len(lengths) // 2] if lengths and lengths[len(lengths) // 2] > 0 else 50.0
    return [(round(x * scale), round(y * scale)) for x, y in coords]


def build_network(entities: nx.MultiDiGraph, ids: dict[str, str] | None = None,
                  evidence: dict[tuple[str, str, str], list[str]] | None = None) -> Network:
    """The pyvis network of the entity graph: nodes styled by kind, facts and co-mentions drawn apart."""
    network = Network(directed=True, cdn_resources="in_line")
    ids = ids or {iri: f"n{index}" for index, iri in enumerate(sorted(entities))}
    evidence = evidence or {}
    for iri in sorted(entities):
        _add_node(network, ids[iri], entities.nodes[iri])
    ordered = sorted(entities.edges(keys=True, data=True), key=lambda e: (not e[3]["fact"], e[2], e[0], e[1]))
    for index, (source, target, _, attributes) in enumerate(ordered):
        _add_edge(network, f"e{index}", ids[source], ids[target], attributes,
                  evidence.get((source, attributes["relation"], target), []))
    return network


def _add_node(network: Network, node_id: str, entity: dict) -> None:
    style = kind_style(entity["kind"])
    network.add_node(
        node_id,
        label=entity["label"],
        shape=style.shape,
        group=entity["kind"],  # colour and shape come from the kind's group in the options
        # vis scales size linearly in value; the square root keeps one much-mentioned entity from dwarfing the rest
        value=round(math.sqrt(max(entity["mentions"], 1)), 4),
        kindName=style.name_fa,
        altLabels=entity["alt_labels"],
        mentions=entity["mentions"],
    )


def _add_edge(network: Network, edge_id: str, source: str, target: str, attributes: dict,
              evidence: list[str]) -> None:
    relation = attributes["relation"]
    if attributes["fact"]:
        style = relation_styles().get(relation, OTHER_FACT)
        symmetric = relation == CO_SIGNED
        # No label drawn by default: edge captions pile up on a dense map. The page shows the captions of the
        # selected node's facts; the colour says which relation it is (see the legend).
        # A document signed by many draws a clique of co-signatures: thinner and translucent, so that it does
        # not hide the facts around it.
        network.add_edge(source, target, id=edge_id, relation=relation, fact=True,
                         relationName=style.name_fa or relation, evidence=evidence,
                         works=attributes.get("works", []),
                         arrows={"to": {"enabled": False}} if symmetric else "to", dashes=False,
                         width=1.4 if symmetric else 2.2,
                         color={"color": style.colour, "highlight": "#000000", "hover": "#000000",
                                "opacity": 0.65 if symmetric else 1.0}, length=200)
        return
    weight = max(attributes.get("weight", 1), 1)
    # Co-mentions stay thinner than facts (0.8–1.8 px) whatever the count: they are context, not claims.
    network.add_edge(source, target, id=edge_id, relation=relation, fact=False, sentences=weight,
                     arrows={"to": {"enabled": False}}, dashes=[4, 4],
                     width=round(0.8 + min(math.log2(weight), 3) / 3, 2),
                     color={"color": CO_MENTION_COLOUR, "highlight": "#606060", "hover": "#606060",
                            "opacity": 0.8}, length=220)


def _sorted_records(network: Network) -> tuple[list[dict], list[dict]]:
    nodes, edges, *_ = network.get_network_data()
    return sorted(nodes, key=lambda n: int(n["id"][1:])), sorted(edges, key=lambda e: int(e["id"][1:]))


def vis_options(node_count: int = 0) -> dict:
    """vis-network options. A fixed random seed makes the initial layout, like the file, reproducible.

    The page lays the graph out once and then turns physics off. On large graphs the layout is cut short:
    vis's Kamada–Kawai start (improvedLayout) clusters and re-lays hundreds of nodes, and forceAtlas2 with
    overlap avoidance costs a few milliseconds an iteration; Barnes–Hut with fewer iterations is the fast path.
    """
    large = node_count >= LARGE_GRAPH
    if large:
        physics = {
            "solver": "barnesHut",
            # theta 1 (coarser Barnes–Hut cells than vis's 0.5) makes an iteration about four times cheaper
            "barnesHut": {"theta": 1.0, "gravitationalConstant": -6000, "centralGravity": 0.35,
                          "springLength": SPRING_LENGTH, "springConstant": 0.04, "damping": 0.4, "avoidOverlap": 0},
            "stabilization": {"enabled": True, "iterations": 10, "updateInterval": 5, "fit": True},
            "minVelocity": 2,
        }
    else:
        physics = {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -120, "centralGravity": 0.025, "springLength": SPRING_LENGTH,
                                 "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 1},
            "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 25, "fit": True},
            "minVelocity": 1,
        }
    return {
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "groups": {kind: _group(style) for kind, style in kind_styles().items()},
        "nodes": {
            "scaling": {"min": 10, "max": 34},
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
        },
        "edges": {
            "font": {"face": FONT_STACK, "size": 15, "align": "horizontal", "color": "#263238",
                     "strokeWidth": 4, "strokeColor": "#ffffff"},
            "smooth": {"enabled": not large, "type": "continuous", "roundness": 0.3},
            "selectionWidth": 1.5,
        },
        "physics": physics,
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
    }


def _group(style: KindStyle) -> dict:
    return {
        "shape": style.shape,
        "color": {"background": style.colour, "border": _darker(style.colour),
                  "highlight": {"background": style.colour, "border": "#000000"},
                  "hover": {"background": style.colour, "border": "#000000"}},
    }


def _darker(colour: str, factor: float = 0.7) -> str:
    channels = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * factor):02X}" for c in channels)


def _legend_item(kind: Kind, count: int) -> dict:
    style = kind_style(kind)
    return {"kind": kind, "name_fa": style.name_fa, "colour": style.colour, "border": _darker(style.colour),
            "shape": style.shape, "count": count}


def _relation_legend(edges: list[dict]) -> list[dict]:
    """The fact relations present in the map, known ones first in their fixed order, with their counts."""
    counts: dict[str, int] = defaultdict(int)
    for edge in edges:
        if edge["fact"]:
            counts[edge["relation"]] += 1
    styles = relation_styles()
    order = list(styles)
    ranked = sorted(counts, key=lambda r: (order.index(r) if r in order else len(order), r))
    return [{"relation": relation, "name_fa": styles.get(relation, OTHER_FACT).name_fa or relation,
             "colour": styles.get(relation, OTHER_FACT).colour, "count": counts[relation]}
            for relation in ranked]


# --- documents, mentions, dates, evidence ----------------------------------------------------------------


class _Documents:
    """The source documents, in identifier order, and the works (documents and their messages) each entity
    signed, wrote, published or was the place of writing of."""

    def __init__(self, graph: Graph):
        found = {}
        for document in graph.subjects(RDF.type, ontology.DOCUMENT_CLASS):
            identifier = graph.value(document, DCTERMS.identifier)
            found[document] = str(identifier) if identifier is not None else local_name(document)
        order = sorted(found, key=lambda d: found[d])
        self.index: dict[str, int] = {found[d]: i for i, d in enumerate(order)}
        self.by_iri: dict[URIRef, int] = {d: i for i, d in enumerate(order)}
        self.records = [self._record(graph, d, found[d]) for d in order]
        self.works_by_entity = self._works(graph)

    @staticmethod
    def _record(graph: Graph, document: URIRef, identifier: str) -> dict:
        record = {"id": identifier}
        title = _first_text(graph, document, DCTERMS.title)
        if title:
            record["title"] = title
        published = _first_text(graph, document, ontology.DATE_PUBLISHED)
        if published:
            record["date"] = published
        return record

    def document_of(self, graph: Graph, work: URIRef) -> int | None:
        if work in self.by_iri:
            return self.by_iri[work]
        parents = sorted(p for p in graph.objects(work, ontology.IS_PART_OF) if p in self.by_iri)
        return self.by_iri[parents[0]] if parents else None

    def _works(self, graph: Graph) -> dict[URIRef, dict[str, list[int]]]:
        """entity → role → indices of documents (a message counts as the document it is part of)."""
        works: dict[URIRef, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for predicate, role in WORK_ROLES.items():
            for work, entity in graph.subject_objects(predicate):
                document = self.document_of(graph, work)
                if document is not None and isinstance(entity, URIRef):
                    works[entity][role].add(document)
        return {entity: {role: sorted(found) for role, found in roles.items()} for entity, roles in works.items()}


def _add_co_signatures(graph: Graph, entities: nx.MultiDiGraph, docs: _Documents) -> None:
    """An edge between every two entities that signed (or wrote) the same document or message: the map's
    picture of the stated gb:signatory and schema:author facts, whose subjects are not nodes of the map."""
    signers: dict[URIRef, set[str]] = defaultdict(set)
    for predicate in (ontology.SIGNATORY, ontology.AUTHOR):
        for work, entity in graph.subject_objects(predicate):
            if str(entity) in entities:
                signers[work].add(str(entity))
    shared: dict[tuple[str, str], set[int]] = defaultdict(set)
    for work, names in signers.items():
        document = docs.document_of(graph, work)
        for first, second in combinations(sorted(names), 2):
            shared[first, second].update([] if document is None else [document])
    for (first, second), documents in sorted(shared.items()):
        entities.add_edge(first, second, key=CO_SIGNED, relation=CO_SIGNED, fact=True, works=sorted(documents))


class Snippets:
    """Where a mention is shown: the sentence around it, cut to :data:`SNIPPET_CHARS` on each side.

    With the build's documents, sentences are the ones the extractor used (mapped back to the source file);
    otherwise the quote selector's 32 characters on each side, cut at the nearest sentence end."""

    _SENTENCE_END = re.compile(r"[.!?؟\n]")

    def __init__(self, documents: Iterable[Document] = ()):
        self._texts: dict[str, str] = {}
        self._sentences: dict[str, list[tuple[int, int]]] = {}
        for doc in documents:
            self._texts[doc.identifier] = doc.source.text
            self._sentences[doc.identifier] = sorted(doc.source_span(s, e) for s, e in doc.sentences if e > s)

    def around(self, identifier: str, start: int, end: int, prefix: str, exact: str, suffix: str) -> list[str]:
        """[text before, the mention, text after]."""
        text = self._texts.get(identifier)
        if text is not None and text[start:end] == exact:
            sentence_start, sentence_end = self._sentence(identifier, start, end, len(text))
            return [_cut_left(text[sentence_start:start]), exact, _cut_right(text[end:sentence_end])]
        before = self._SENTENCE_END.split(prefix)[-1]
        after = self._SENTENCE_END.split(suffix)[0]
        return [before.lstrip(), exact, after.rstrip()]

    def _sentence(self, identifier: str, start: int, end: int, length: int) -> tuple[int, int]:
        sentences = self._sentences.get(identifier, [])
        at = bisect.bisect_right(sentences, (start, math.inf)) - 1
        if at >= 0 and sentences[at][0] <= start and end <= sentences[at][1]:
            return sentences[at]
        return max(0, start - SNIPPET_CHARS), min(length, end + SNIPPET_CHARS)


def _cut_left(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[-SNIPPET_CHARS:]
    return "… " + cut.split(" ", 1)[-1] if " " in cut else "… " + cut


def _cut_right(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS]
    return cut.rsplit(" ", 1)[0] + " …" if " " in cut else cut + " …"


def _mentions(graph: Graph, docs: _Documents, snippets: Snippets) -> dict[URIRef, list[list]]:
    """entity → [document index, start offset, text before, mention, text after], in document order."""
    found: dict[URIRef, set[tuple]] = defaultdict(set)
    oa = ontology.OA
    for annotation in graph.subjects(RDF.type, oa.Annotation):
        entity = graph.value(annotation, oa.hasBody)
        target = graph.value(annotation, oa.hasTarget)
        if entity is None or target is None:
            continue
        source = graph.value(target, oa.hasSource) or target
        if source not in docs.by_iri:
            continue
        quote = _selector(graph, target)
        document = docs.by_iri[source]
        snippet = snippets.around(docs.records[document]["id"], quote["start"], quote["end"], quote["prefix"],
                                  quote["exact"], quote["suffix"])
        found[entity].add((document, quote["start"], *snippet))
    return {entity: [list(item) for item in sorted(items)] for entity, items in found.items()}


def _selector(graph: Graph, target: URIRef) -> dict:
    """The position and quote of a text target (empty values where the graph has none)."""
    oa = ontology.OA
    quote = {"start": 0, "end": 0, "exact": "", "prefix": "", "suffix": ""}
    for selector in graph.objects(target, oa.hasSelector):
        for key in ("start", "end"):
            value = graph.value(selector, oa[key])
            if value is not None:
                quote[key] = int(value)
        for key in ("exact", "prefix", "suffix"):
            value = graph.value(selector, oa[key])
            if value is not None:
                quote[key] = str(value)
    return quote


def _fact_evidence(graph: Graph) -> dict[tuple[str, str, str], list[str]]:
    """(subject, relation, object) → the sentences that state it, from rdf:Statement and org:Membership nodes."""
    evidence: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        subject, predicate = graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate)
        obj = graph.value(statement, RDF.object)
        for source in graph.objects(statement, ontology.PROV.wasDerivedFrom):
            if subject is not None and predicate is not None and isinstance(obj, URIRef):
                evidence[str(subject), local_name(predicate), str(obj)].add(_sentence_text(graph, source))
    for membership in graph.subjects(RDF.type, ontology.ORG.Membership):
        member, body = graph.value(membership, ontology.ORG.member), graph.value(membership, ontology.ORG.organization)
        for source in graph.objects(membership, ontology.PROV.wasDerivedFrom):
            if member is not None and body is not None:
                evidence[str(member), local_name(ontology.MEMBER_OF), str(body)].add(_sentence_text(graph, source))
    return {key: sorted(text for text in texts if text) for key, texts in evidence.items()}


def _sentence_text(graph: Graph, target: URIRef) -> str:
    text = " ".join(_selector(graph, target)["exact"].split())
    if len(text) <= EVIDENCE_CHARS:
        return text
    half = EVIDENCE_CHARS // 2
    return f"{text[:half].rsplit(' ', 1)[0]} … {text[-half:].split(' ', 1)[-1]}"


def _dates(graph: Graph, entity: URIRef) -> dict[str, str]:
    """ISO start and end (xsd:date, gYearMonth or gYear lexical forms) of an event."""
    dates = {}
    for key, predicate in (("start", ontology.START_DATE), ("end", ontology.END_DATE)):
        value = _first_text(graph, entity, predicate)
        if value and re.fullmatch(r"-?\d{4}(-\d{2}(-\d{2})?)?", value):
            dates[key] = value
    return dates


def _first_text(graph: Graph, subject: URIRef, predicate: URIRef) -> str | None:
    """The smallest literal value (so the choice does not depend on triple order), preferring Persian ones."""
    values = [v for v in graph.objects(subject, predicate) if isinstance(v, Literal) and str(v).strip()]
    values.sort(key=lambda v: (v.language not in (None, "fa"), str(v)))
    return str(values[0]) if values else None


_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: object) -> Markup:
    """JSON that is safe inside a <script> element: no ``</script>``, ``<!--`` or line-separator surprises.

    The replaced characters can occur only inside JSON strings, where the escapes mean the same thing."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return Markup(text)


_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def fa_digits(value: object) -> str:
    return str(value).translate(_PERSIAN_DIGITS)


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's CSS and JS from pyvis's bundled copy, checked to be safe to inline in <style>/<script>."""
    library = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    css = (library / "vis-network.css").read_text(encoding="utf-8")
    js = (library / "vis-network.min.js").read_text(encoding="utf-8")
    _check_inlinable(css, js, f"pyvis's vis-network {VIS_VERSION}")
    return css, js


@lru_cache(maxsize=None)
def _page_asset(name: str) -> str:
    """The page's own stylesheet or script, inlined verbatim (not through Jinja, so braces need no escaping)."""
    text = package_files.files("graphbuild.export").joinpath("templates", name).read_text(encoding="utf-8")
    _check_inlinable(text if name.endswith(".css") else "", text if name.endswith(".js") else "", name)
    return text


def _check_inlinable(css: str, js: str, what: str) -> None:
    if "</style" in css.lower() or "</script" in js.lower() or "<!--" in js:
        raise RuntimeError(f"{what} cannot be inlined safely")


@lru_cache(maxsize=1)
def _template():
    environment = Environment(loader=PackageLoader("graphbuild.export", "templates"), autoescape=True,
                              undefined=StrictUndefined, keep_trailing_newline=True)
    environment.filters["fa_digits"] = fa_digits
    return environment.get_template("map.html")


@exporter("html", suffix=".html", description="the interactive map, offline in any browser")
def write_map(graph: Graph, stream: BinaryIO, context: ExportContext | None = None) -> None:
    context = context or ExportContext()
    stream.write(render_html(graph, title=context.title, documents=context.documents).encode("utf-8"))
