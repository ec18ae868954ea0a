"""The knowledge graph as a networkx graph of entities: the common ground for the HTML map, GraphML and GEXF.

Only entities become nodes; documents, mentions (annotations) and co-mention nodes are folded into node and
edge attributes. Nothing here knows about presentation.
"""

from __future__ import annotations

from typing import BinaryIO

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, split_uri

from graphbuild import ontology
from graphbuild.document import Kind
from graphbuild.export import ExportContext, exporter

CO_MENTION_RELATION = "coMention"
# Links between entities that are not stated facts: co-mention is drawn from the gb:CoMention nodes instead,
# which carry the sentence count.
_NOT_FACTS = frozenset({ontology.CO_MENTIONED_WITH})


def local_name(iri: URIRef) -> str:
    """The part of an IRI after its namespace (``https://schema.org/memberOf`` → ``memberOf``)."""
    try:
        return split_uri(iri)[1]
    except ValueError:  # no legal split point: keep the whole IRI rather than fail
        return str(iri)


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """One node per entity (id = IRI string), one edge per stated fact and per co-mention pair.

    Node attributes: ``kind``, ``label``, ``alt_labels``, ``mentions``, ``documents``. Edge attributes:
    ``relation`` (local name of the property, or ``coMention``), ``fact`` and, for co-mentions, ``weight``
    (sentences naming both). Edge keys are the relation, so a fact stated twice is one edge.
    """
    result = nx.MultiDiGraph()
    kinds = entity_kinds(graph)
    documents = _documents_by_entity(graph)
    for entity in sorted(kinds):
        result.add_node(str(entity), **_node_attributes(graph, entity, kinds[entity], documents.get(entity, [])))
    _add_facts(graph, result, kinds)
    _add_co_mentions(graph, result, kinds)
    return result


def entity_kinds(graph: Graph) -> dict[URIRef, Kind]:
    """Every entity with its kind. A resource typed with several kinds (should not happen) gets the first in
    ``KIND_CLASS`` order, so the answer does not depend on triple order."""
    kinds: dict[URIRef, Kind] = {}
    for kind, cls in reversed(list(ontology.KIND_CLASS.items())):
        for subject in graph.subjects(RDF.type, cls):
            if isinstance(subject, URIRef):
                kinds[subject] = kind
    return kinds


def _node_attributes(graph: Graph, entity: URIRef, kind: Kind, documents: list[str]) -> dict[str, object]:
    label = _preferred_label(graph, entity)
    alt_labels = sorted({str(alt) for alt in graph.objects(entity, SKOS.altLabel)} - {label})
    return {
        "kind": kind,
        "label": label,
        "alt_labels": alt_labels,
        "mentions": _int(graph.value(entity, ontology.MENTION_COUNT), default=0),
        "documents": documents,
    }


def _preferred_label(graph: Graph, entity: URIRef) -> str:
    """The Persian rdfs:label; failing that any label; failing that the IRI's local name, so no node is blank."""
    labels = [label for label in graph.objects(entity, RDFS.label) if str(label).strip()]
    labels.sort(key=lambda label: (_language(label) != "fa", str(label)))
    return str(labels[0]) if labels else local_name(entity)


def _language(term: object) -> str | None:
    return term.language if isinstance(term, Literal) else None


def _documents_by_entity(graph: Graph) -> dict[URIRef, list[str]]:
    found: dict[URIRef, set[str]] = {}
    for document in graph.subjects(RDF.type, ontology.DOCUMENT_CLASS):
        identifier = graph.value(document, DCTERMS.identifier)
        name = str(identifier) if identifier is not None else str(document)
        for entity in graph.objects(document, ontology.MENTIONS):
            if isinstance(entity, URIRef):
                found.setdefault(entity, set()).add(name)
    return {entity: sorted(names) for entity, names in found.items()}


def _add_facts(graph: Graph, result: nx.MultiDiGraph, kinds: dict[URIRef, Kind]) -> None:
    """Any property linking two entities is a stated fact, so new fact properties show up without code changes."""
    for subject in sorted(kinds):
        links = {(str(p), local_name(p), str(o)) for p, o in graph.predicate_objects(subject)
                 if o in kinds and p not in _NOT_FACTS}
        for _, relation, obj in sorted(links):
            result.add_edge(str(subject), obj, key=relation, relation=relation, fact=True)


def _add_co_mentions(graph: Graph, result: nx.MultiDiGraph, kinds: dict[URIRef, Kind]) -> None:
    """One edge per gb:CoMention node, directed from the smaller IRI to the larger (co-mention has no direction;
    a fixed order keeps the output reproducible)."""
    for node in sorted(graph.subjects(RDF.type, ontology.CO_MENTION), key=str):
        participants = sorted(str(p) for p in graph.objects(node, ontology.PARTICIPANT) if p in kinds)
        if len(participants) != 2:  # malformed or self co-mention: nothing sensible to draw
            continue
        weight = _int(graph.value(node, ontology.SENTENCE_COUNT), default=1)
        first, second = participants
        if result.has_edge(first, second, key=CO_MENTION_RELATION):  # duplicate node for the same pair: add up
            weight += result.edges[first, second, CO_MENTION_RELATION]["weight"]
        result.add_edge(first, second, key=CO_MENTION_RELATION, relation=CO_MENTION_RELATION, fact=False, weight=weight)


def _int(value: object, default: int) -> int:
    if isinstance(value, Literal):
        try:
            return int(value.toPython())
        except (TypeError, ValueError):
            return default
    return default


# GraphML and GEXF (for Gephi) take only scalar attribute values: lists are joined with this separator.
LIST_SEPARATOR = " | "


def to_gephi(graph: Graph) -> nx.MultiDiGraph:
    """:func:`to_networkx` with attributes GraphML and GEXF can hold: strings, integers and booleans only.

    Node attributes: ``label``, ``kind``, ``mentions``, ``documents`` (joined), ``document_count``,
    ``alt_labels`` (joined). Edge attributes: ``relation`` (also the edge ``label``), ``stated`` (a stated fact,
    or a co-mention when false) and ``weight`` (1 for a fact, the number of sentences for a co-mention)."""
    entities = to_networkx(graph)
    result = nx.MultiDiGraph()
    for node, attributes in entities.nodes(data=True):
        result.add_node(node, label=attributes["label"], kind=attributes["kind"], mentions=attributes["mentions"],
                        documents=LIST_SEPARATOR.join(attributes["documents"]),
                        document_count=len(attributes["documents"]),
                        alt_labels=LIST_SEPARATOR.join(attributes["alt_labels"]))
    # Edge keys become GraphML edge ids, which Gephi wants unique: a running number, not the relation.
    for index, (source, target, attributes) in enumerate(entities.edges(data=True)):
        result.add_edge(source, target, key=f"e{index}", label=attributes["relation"],
                        relation=attributes["relation"], stated=bool(attributes["fact"]),
                        weight=int(attributes.get("weight", 1)))
    return result


@exporter("graphml", suffix=".graphml", description="the entity network as GraphML, for Gephi, yEd, Cytoscape")
def write_graphml(graph: Graph, stream: BinaryIO, context: ExportContext | None = None) -> None:
    """The entity network as GraphML (UTF-8), for Gephi, yEd, Cytoscape and igraph."""
    nx.write_graphml(to_gephi(graph), stream, encoding="utf-8", named_key_ids=True)


@exporter("gexf", suffix=".gexf", description="the entity network as GEXF 1.2, Gephi's own format")
def write_gexf(graph: Graph, stream: BinaryIO, context: ExportContext | None = None) -> None:
    """The entity network as GEXF 1.2 (UTF-8), Gephi's own format."""
    # networkx's write_gexf stamps today's date into <meta>; its writer class is used directly to leave the
    # date out, so that the same graph gives the same file on any day.
    writer = GEXFWriter(encoding="utf-8", version="1.2draft")
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(to_gephi(graph))
    writer.write(stream)
