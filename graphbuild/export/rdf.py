"""The graph in formats beside Turtle: N-Triples, JSON-LD, TriG, and (through :mod:`network`) GraphML and GEXF.

:func:`export` reads a graph file (or takes a loaded graph) and writes one format, atomically; it is what
``graphbuild export`` runs. Every format is deterministic: the same graph gives the same bytes, whatever
Python's hash seed (rdflib's store hands out triples in hash order, so each writer below sorts).

- **N-Triples** (``nt``): one triple a line, for line tools and bulk loaders. Streamed: memory holds one
  subject's triples at a time besides the graph itself.
- **JSON-LD** (``jsonld``): compacted with :func:`jsonld_context` (the project's prefixes and readable keys:
  ``label``, ``altLabel``, ``mentions``, ``memberOf`` …), which is also kept in ``ontology/context.jsonld``
  for other files to reference.
- **TriG** (``trig``): the same triples in one named graph per source document, by the rule below.

Partition rule (TriG). Each named graph is named by its document's IRI and holds what that document says:

1. everything said *about* a node that belongs to the document: the document itself, its messages, its text
   targets (``oa:hasSource`` the document) and their selectors, its mentions (``oa:hasTarget`` such a
   target), and the statement and membership nodes whose ``prov:wasDerivedFrom`` is such a target, with
   the roles those memberships hold;
2. a stated fact between entities (``schema:memberOf``, ``schema:location``, ``schema:startDate`` …) in
   every document whose ``rdf:Statement`` or ``org:Membership`` beside it is derived from that document;
3. the naming triples of an entity (``rdf:type``, ``rdfs:label``, ``skos:altLabel``, and ``gb:ordinal`` and
   ``schema:organizer``, which are read off an event's own name) in every document that mentions it.

A triple can so be in several documents' graphs. What no one document supports goes to the default graph:
co-mentions (their counts add up sentences across documents), ``gb:mentionCount``, the gazetteer's
``schema:containedInPlace`` and ``gb:placeCode``, places only the gazetteer names, and any triple of a shape
the rules do not know. So the union of all graphs is exactly the input graph.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD, NamespaceManager
from rdflib.plugins.serializers.jsonld import from_rdf
from rdflib.plugins.serializers.nt import NTSerializer
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.term import Node

from graphbuild import graph_file
from graphbuild import ontology as gbo
from graphbuild.export import ExportContext, exporter, get_exporter
from graphbuild.export.files import atomic_stream
from graphbuild.export.network import local_name

CONTEXT_PATH = gbo.ONTOLOGY_FILES / "context.jsonld"  # the top-level ontology/ links to it

Triple = tuple[Node, Node, Node]


class ExportError(ValueError):
    """A graph file that cannot be read, or a format that does not exist; the message names the file."""


# ---------------------------------------------------------------------------------------------------- reading

def read_graph(path: Path) -> Graph:
    """A graph file in any RDF syntax (see :func:`graphbuild.graph_file.read_graph`); a problem is an ExportError."""
    try:
        return graph_file.read_graph(path)
    except graph_file.GraphReadError as error:
        raise ExportError(str(error)) from None


# ---------------------------------------------------------------------------------------------------- ordering

def _term_order(term: Node) -> tuple[str, str, str, str]:
    """A total order over terms of every kind (rdflib's own comparison of literals can fail across datatypes)."""
    datatype = str(term.datatype or "") if isinstance(term, Literal) else ""
    language = (term.language or "") if isinstance(term, Literal) else ""
    return type(term).__name__, str(term), datatype, language


def sorted_triples(graph: Graph) -> Iterator[Triple]:
    """Every triple, subject by subject in sorted order; one subject's triples in memory at a time."""
    for subject in sorted(graph.subjects(unique=True), key=_term_order):
        yield from sorted(graph.triples((subject, None, None)),
                          key=lambda triple: (str(triple[1]), _term_order(triple[2])))


class _SortedView:
    """What rdflib's N-Triples serializer iterates over, in place of the graph: the graph's triples, sorted."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph

    def __iter__(self) -> Iterator[Triple]:
        return sorted_triples(self._graph)


# ---------------------------------------------------------------------------------------------------- N-Triples

@exporter("nt", suffix=".nt", description="N-Triples, sorted: for bulk loading into triple stores")
def write_ntriples(graph: Graph, stream: BinaryIO, context: ExportContext | None = None) -> None:
    """N-Triples, written a triple at a time. rdflib's serializer does stream (one write per triple) and escapes
    by the spec, but walks the store in hash order; it is handed a sorted view of the graph instead."""
    NTSerializer(_SortedView(graph)).serialize(stream)  # type: ignore[arg-type]  # it only iterates the store


# ---------------------------------------------------------------------------------------------------- JSON-LD

# Properties whose values are resources: their keys take IRIs as plain (compact) strings.
_LINKS = (
    gbo.MENTIONS, gbo.MEMBER_OF, gbo.ORGANIZER, gbo.LOCATION, gbo.CONTAINED_IN_PLACE, gbo.SIGNATORY, gbo.AUTHOR,
    gbo.LOCATION_CREATED, gbo.PUBLISHER, gbo.IS_PART_OF, gbo.HAS_PART, gbo.CO_MENTIONED_WITH, gbo.PARTICIPANT,
    gbo.OA.hasBody, gbo.OA.hasTarget, gbo.OA.hasSource, gbo.OA.hasSelector, gbo.OA.motivatedBy,
    PROV.wasDerivedFrom, gbo.ORG.member, gbo.ORG.organization, gbo.ORG.role, RDF.subject, RDF.predicate,
)
# Persian text (the contract tags names @fa): the key takes the bare string.
_PERSIAN = (RDFS.label, SKOS.altLabel, DCTERMS.title, DCTERMS.creator)
# Values of one fixed datatype: the key takes the bare lexical form.
_TYPED = ((gbo.OA.start, XSD.nonNegativeInteger), (gbo.OA.end, XSD.nonNegativeInteger))
# Anything else worth a short key; values keep their own datatype or language (dates vary in precision).
_PLAIN = (
    gbo.START_DATE, gbo.END_DATE, gbo.DATE_PUBLISHED, gbo.ISSUE_NUMBER, gbo.SCHEMA.genre, gbo.ORDINAL, gbo.PLACE_CODE,
    gbo.MENTION_COUNT, gbo.SENTENCE_COUNT, DCTERMS.identifier, gbo.OA.exact, gbo.OA.prefix, gbo.OA.suffix,
    RDFS.comment, RDF.object,
)


def jsonld_context() -> dict[str, object]:
    """The JSON-LD context: the project's prefixes, and a key (the local name) for each property above.

    When two properties share a local name, the first listed keeps the key (``publisher`` is
    ``schema:publisher``) and the other is written as a prefixed name (``dcterms:publisher``)."""
    context: dict[str, object] = {prefix: str(namespace) for prefix, namespace in sorted(gbo.PREFIXES.items())}
    definitions = ([(term, {"@type": "@id"}) for term in _LINKS]
                   + [(term, {"@language": "fa"}) for term in _PERSIAN]
                   + [(term, {"@type": _compact(datatype)}) for term, datatype in _TYPED]
                   + [(term, {}) for term in _PLAIN])
    for term, coercion in definitions:
        key = local_name(term)
        if key not in context:
            context[key] = {"@id": _compact(term), **coercion}
    return context


def _compact(term: URIRef) -> str:
    for prefix, namespace in gbo.PREFIXES.items():
        base = str(namespace)
        if term.startswith(base) and len(term) > len(base):
            return f"{prefix}:{term[len(base):]}"
    return str(term)


def to_jsonld(graph: Graph) -> dict[str, object]:
    """The graph as compacted JSON-LD (a ``@context`` and a ``@graph`` of nodes), sorted: nodes by ``@id``,
    each key's values by their JSON text. rdflib's converter does the compaction."""
    context = jsonld_context()
    document = from_rdf(graph, context_data=context)
    nodes = document.get("@graph", []) if "@graph" in document else [
        {key: value for key, value in document.items() if key != "@context"}]  # a one-node graph comes unwrapped
    for node in nodes:
        for value in node.values():
            if isinstance(value, list):  # the JSON-LD arrays rdflib writes are sets (lists come as {"@list": …})
                value.sort(key=_json_text)
    nodes = [dict(sorted(node.items())) for node in sorted(nodes, key=lambda node: str(node.get("@id", "")))]
    return {"@context": context, "@graph": nodes}


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


@exporter("jsonld", suffix=".jsonld", description="compacted JSON-LD, for JSON tools")
def write_jsonld(graph: Graph, stream: BinaryIO, context: ExportContext | None = None) -> None:
    """Compacted JSON-LD (not streamed: the compaction needs the whole graph)."""
    # Keys are not sorted here: the context reads best as written (prefixes, then terms); nodes' keys are sorted.
    text = json.dumps(to_jsonld(graph), ensure_ascii=False, indent=1)
    stream.write(text.encode("utf-8") + b"\n")


def write_context(path: Path = CONTEXT_PATH) -> None:
    """Write the context file that JSON-LD documents may reference (``ontology/context.jsonld``)."""
    with atomic_stream(path) as stream:
        stream.write(context_file_text().encode("utf-8"))


def context_file_text() -> str:
    return json.dumps({"@context": jsonld_context()}, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------------- TriG

# Triples of an entity that its name itself carries: true in every document that names it.
NAMING_PROPERTIES = frozenset({RDF.type, RDFS.label, SKOS.altLabel, gbo.ORDINAL, gbo.ORGANIZER})


def partition(graph: Graph) -> Iterator[tuple[Triple, frozenset[URIRef]]]:
    """Every triple with the documents whose named graphs hold it (empty: the default graph); see the module
    docstring for the rule."""
    owners = _document_owners(graph)
    mentioned_in: dict[Node, set[URIRef]] = {}
    for document, entity in graph.subject_objects(gbo.MENTIONS):
        if document in owners:
            mentioned_in.setdefault(entity, set()).update(owners[document])
    supported = _supported_facts(graph, owners)
    nobody: frozenset[URIRef] = frozenset()
    for triple in graph:
        subject, predicate, _ = triple
        if subject in owners:
            yield triple, frozenset(owners[subject])
            continue
        documents = set(supported.get(triple, ()))
        if predicate in NAMING_PROPERTIES:
            documents |= mentioned_in.get(subject, set())
        yield triple, frozenset(documents) if documents else nobody


def _document_owners(graph: Graph) -> dict[Node, set[URIRef]]:
    """Nodes that belong to documents (rule 1), each with its documents; in dependency order, targets first."""
    documents = graph.subjects(RDF.type, gbo.DOCUMENT_CLASS)
    owners: dict[Node, set[URIRef]] = {document: {document} for document in documents}

    def inherit(links: Iterator[tuple[Node, Node]], child_is_subject: bool) -> None:
        for subject, obj in list(links):
            child, parent = (subject, obj) if child_is_subject else (obj, subject)
            if parent in owners:
                owners.setdefault(child, set()).update(owners[parent])

    inherit(graph.subject_objects(gbo.OA.hasSource), child_is_subject=True)  # text target → document
    inherit(graph.subject_objects(gbo.IS_PART_OF), child_is_subject=True)  # message → document
    inherit(graph.subject_objects(gbo.OA.hasSelector), child_is_subject=False)  # target → its selectors
    inherit(graph.subject_objects(gbo.OA.hasTarget), child_is_subject=True)  # mention → target
    inherit(graph.subject_objects(PROV.wasDerivedFrom), child_is_subject=True)  # statement, membership → target
    inherit(graph.subject_objects(gbo.ORG.role), child_is_subject=False)  # membership → its role
    return owners


def _supported_facts(graph: Graph, owners: dict[Node, set[URIRef]]) -> dict[Triple, set[URIRef]]:
    """Stated facts with the documents their statement or membership node is derived from (rule 2)."""
    supported: dict[Triple, set[URIRef]] = {}
    # Found by their links rather than their rdf:type, so that an untyped statement still counts.
    for statement, subject in graph.subject_objects(RDF.subject):
        fact = (subject, graph.value(statement, RDF.predicate), graph.value(statement, RDF.object))
        if None not in fact and statement in owners:
            supported.setdefault(fact, set()).update(owners[statement])  # type: ignore[arg-type]
    for membership, member in graph.subject_objects(gbo.ORG.member):
        fact = (member, gbo.MEMBER_OF, graph.value(membership, gbo.ORG.organization))
        if None not in fact and membership in owners:
            supported.setdefault(fact, set()).update(owners[membership])  # type: ignore[arg-type]
    return supported


def to_dataset(graph: Graph) -> Dataset:
    """The graph as a dataset: one named graph per document (named by the document's IRI), the rest in the
    default graph."""
    dataset = Dataset()
    # Only the project's prefixes: rdflib's many default bindings would all be declared in the output.
    dataset.namespace_manager = NamespaceManager(dataset, bind_namespaces="none")
    gbo.bind_prefixes(dataset)
    named: dict[URIRef, Graph] = {}
    for triple, documents in partition(graph):
        if not documents:
            dataset.add(triple)
        for document in documents:
            if document not in named:
                named[document] = dataset.graph(document)
            named[document].add(triple)
    return dataset


@exporter("trig", suffix=".trig", description="TriG, a named graph per document")
def write_trig(graph: Graph, stream: BinaryIO, context: ExportContext | None = None) -> None:
    """TriG with one named graph per document. rdflib's serializer orders subjects within a graph, but takes
    the graphs in hash order; they are put in order here: the default graph first, then by document IRI."""
    dataset = to_dataset(graph)
    serializer = TrigSerializer(dataset)
    default = dataset.default_graph.identifier
    unique = {context.identifier: context for context in serializer.contexts if len(context)}
    serializer.contexts = sorted(unique.values(), key=lambda context: (context.identifier != default,
                                                                        str(context.identifier)))
    serializer.serialize(stream, encoding="utf-8")


# ---------------------------------------------------------------------------------------------------- dispatch

def export(graph: Graph | Path, file_format: str, destination: Path | None = None) -> Path | None:
    """Write ``graph`` (a loaded graph, or a graph file to read) in ``file_format`` to ``destination``, atomically.

    Without a destination the file goes beside the graph file, with the format's extension
    (``output/graph.ttl`` → ``output/graph.nt``). ``Path("-")`` writes to standard output. Returns the path
    written (None for standard output)."""
    try:
        spec = get_exporter(file_format)
    except KeyError as error:
        raise ExportError(error.args[0]) from None
    if destination is None:
        if not isinstance(graph, Path):
            raise ExportError("a graph given in memory needs a destination file")
        destination = graph.with_suffix(spec.suffix)
    loaded = read_graph(graph) if isinstance(graph, Path) else graph
    if str(destination) == "-":
        spec.write(loaded, sys.stdout.buffer, ExportContext())
        sys.stdout.buffer.flush()
        return None
    with atomic_stream(destination) as stream:
        spec.write(loaded, stream, ExportContext())
    return destination
