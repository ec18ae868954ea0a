"""Assemble stage: documents and resolved entities → one RDF graph, in the shape of the graph contract.

Entities keep their IRIs from one build to the next: pass the previous build's graph as ``previous`` and
an entity that shares a name (label or alternative label) of the same kind with an entity there reuses its
IRI, even when new documents changed its canonical label.
"""

from __future__ import annotations

import re
from collections import Counter

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from graphbuild import ontology as gbo
from graphbuild.document import Document
from graphbuild.kinds import body_kinds
from graphbuild.resolve import Entity, Fact, Resolution, name_key

CONTEXT_CHARS = 32  # prefix and suffix kept in each quote selector
CATALOGUE_PROPERTIES = {"title": DCTERMS.title, "publisher": DCTERMS.publisher, "kind": gbo.SCHEMA.genre,
                        "author": DCTERMS.creator, "issue": gbo.ISSUE_NUMBER}


class IriRegistry:
    """Names of the previous build's entities, so that the same entity gets the same IRI again."""

    def __init__(self, previous: Graph | None = None) -> None:
        self._by_name: dict[tuple[str, str], URIRef] = {}
        self._used: set[URIRef] = set()
        if previous is None:
            return
        for cls, kind in gbo.CLASS_KIND.items():
            for subject in sorted(previous.subjects(RDF.type, cls)):
                for predicate in (RDFS.label, SKOS.altLabel):
                    for name in sorted(previous.objects(subject, predicate)):
                        self._by_name.setdefault((kind, name_key(str(name))), subject)

    def iri_for(self, entity: Entity) -> URIRef:
        for name in [entity.label, *entity.alt_labels]:
            iri = self._by_name.get((entity.kind, name_key(name)))
            if iri is not None and iri not in self._used:
                self._used.add(iri)
                return iri
        iri = gbo.entity_iri(entity.kind, entity.key)
        self._used.add(iri)
        return iri


def assemble(documents: list[Document], resolution: Resolution, previous: Graph | None = None) -> Graph:
    graph = gbo.new_graph()
    registry = IriRegistry(previous)
    iris = {key: registry.iri_for(entity) for key, entity in resolution.entities.items()}
    for key, entity in resolution.entities.items():
        _add_entity(graph, iris[key], entity, iris)
    bodies = _bodies_by_name(resolution)
    for doc in documents:
        _add_document(graph, doc, resolution, iris, bodies)
    _add_co_mentions(graph, co_mentions(documents, resolution), iris)
    by_identifier = {doc.identifier: doc for doc in documents}
    dated: set[str] = set()
    for fact in resolution.facts:
        doc = by_identifier[fact.document]
        if fact.part is not None:
            _add_document_fact(graph, fact, iris, doc)
        elif fact.kind == "memberOf":
            _add_membership(graph, fact, iris, doc)
        elif fact.kind == "date":
            if fact.subject not in dated:  # one dating per event: the first, in order
                dated.add(fact.subject)
                _add_stated(graph, iris[fact.subject], gbo.START_DATE, date_literal(fact.value), doc, fact)
                if fact.value_end:
                    _add_stated(graph, iris[fact.subject], gbo.END_DATE, date_literal(fact.value_end), doc, fact)
        else:  # a fact between two entities, stated with its relation's property (kinds.toml)
            _add_stated(graph, iris[fact.subject], gbo.relation_property(fact.kind), iris[fact.object], doc, fact)
    return graph


def _add_document_fact(graph: Graph, fact: Fact, iris: dict[str, URIRef], doc: Document) -> None:
    """A fact about the document itself, or about one message in it: signatories, authors, place and date."""
    subject = _part_iri(graph, doc, fact.part)
    if fact.kind == "datePublished":
        if subject == gbo.document_iri(doc.identifier) and "date" in doc.source.metadata:
            return  # the catalogue's date is the publisher's own word
        _add_stated(graph, subject, gbo.DATE_PUBLISHED, date_literal(fact.value_end or fact.value), doc, fact)
    elif fact.kind == "issueNumber":
        if "issue" not in doc.source.metadata:  # the catalogue's number is the publisher's own word
            _add_stated(graph, subject, gbo.ISSUE_NUMBER, Literal(fact.value), doc, fact)
    else:  # signatory, author, locationCreated: the document's relation to an entity
        _add_stated(graph, subject, gbo.relation_property(fact.kind), iris[fact.object], doc, fact)


def _part_iri(graph: Graph, doc: Document, part: tuple[int, int]) -> URIRef:
    """The document, when the part is its whole text; else a schema:Message that is part of it."""
    doc_iri = gbo.document_iri(doc.identifier)
    if part == (0, len(doc.text)):
        return doc_iri
    source_start, source_end = doc.source_span(*part)
    message = gbo.message_iri(doc.identifier, source_start, source_end)
    graph.add((message, RDF.type, gbo.MESSAGE_CLASS))
    graph.add((message, gbo.IS_PART_OF, doc_iri))
    graph.add((doc_iri, gbo.HAS_PART, message))
    graph.add((message, gbo.PROV.wasDerivedFrom, _add_text_target(graph, doc, *part)))
    return message


def _add_stated(graph: Graph, subject: URIRef, predicate: URIRef, value, doc: Document, fact: Fact) -> None:
    """A stated fact, and beside it an rdf:Statement that says which sentence states it (and any note)."""
    graph.add((subject, predicate, value))
    statement = gbo.statement_iri(subject, predicate, str(value), fact.document, fact.evidence)
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, subject))
    graph.add((statement, RDF.predicate, predicate))
    graph.add((statement, RDF.object, value))
    graph.add((statement, gbo.PROV.wasDerivedFrom, _add_text_target(graph, doc, *fact.evidence)))
    if fact.note:
        graph.add((statement, RDFS.comment, Literal(fact.note, lang="en")))


def _add_membership(graph: Graph, fact: Fact, iris: dict[str, URIRef], doc: Document) -> None:
    """schema:memberOf, and beside it a W3C ORG membership node with the role and the sentence that says so."""
    person, body = iris[fact.subject], iris[fact.object]
    graph.add((person, gbo.MEMBER_OF, body))
    membership = gbo.membership_iri(person, body, fact.role)
    graph.add((membership, RDF.type, gbo.ORG.Membership))
    graph.add((membership, gbo.ORG.member, person))
    graph.add((membership, gbo.ORG.organization, body))
    if fact.role:
        role = gbo.role_iri(fact.role)
        graph.add((membership, gbo.ORG.role, role))
        graph.add((role, RDF.type, gbo.ORG.Role))
        graph.add((role, RDFS.label, _fa(fact.role)))
    evidence = _add_text_target(graph, doc, *fact.evidence)
    graph.add((membership, gbo.PROV.wasDerivedFrom, evidence))


PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")


def _fa(text: str) -> Literal:
    return Literal(text, lang="fa")


def _add_entity(graph: Graph, iri: URIRef, entity: Entity, iris: dict[str, URIRef]) -> None:
    graph.add((iri, RDF.type, gbo.KIND_CLASS[entity.kind]))
    for schema_class in gbo.SCHEMA_CLASSES[entity.kind]:
        graph.add((iri, RDF.type, schema_class))
    graph.add((iri, RDFS.label, _fa(entity.label)))
    for alt in entity.alt_labels:
        if PERSIAN_LETTER.search(alt):  # «London» in an address is no Persian name; its mention keeps it
            graph.add((iri, SKOS.altLabel, _fa(alt)))
    graph.add((iri, gbo.MENTION_COUNT, Literal(len(entity.mentions))))
    facts = entity.facts
    if organiser := facts.get("organizer"):
        if organiser in iris:
            graph.add((iri, gbo.ORGANIZER, iris[organiser]))
    if ordinal := facts.get("ordinal"):
        graph.add((iri, gbo.ORDINAL, Literal(int(ordinal))))
    if code := facts.get("place_code"):
        graph.add((iri, gbo.PLACE_CODE, Literal(code)))
    if container := facts.get("contained_in"):
        graph.add((iri, gbo.CONTAINED_IN_PLACE, iris[container]))


def _add_document(graph: Graph, doc: Document, resolution: Resolution, iris: dict[str, URIRef],
                  bodies: dict[str, str]) -> None:
    doc_iri = gbo.document_iri(doc.identifier)
    graph.add((doc_iri, RDF.type, gbo.SCHEMA.CreativeWork))
    graph.add((doc_iri, RDF.type, gbo.DOCUMENT_CLASS))
    graph.add((doc_iri, DCTERMS.identifier, Literal(doc.identifier)))
    for field, value in sorted(doc.source.metadata.items()):
        if field == "publisher" and (publisher := bodies.get(name_key(value))):
            graph.add((doc_iri, gbo.PUBLISHER, iris[publisher]))
        if field == "date":
            graph.add((doc_iri, gbo.DATE_PUBLISHED, date_literal(value)))
        elif field in CATALOGUE_PROPERTIES:
            # Titles and names are Persian; a kind («leaflet») or an issue number is in no particular language.
            graph.add((doc_iri, CATALOGUE_PROPERTIES[field], Literal(value) if field in ("issue", "kind") else _fa(value)))
    for mention in doc.mentions:
        entity = resolution.entity_of(doc.identifier, mention)
        graph.add((doc_iri, gbo.MENTIONS, iris[entity.key]))
        _add_annotation(graph, doc, doc_iri, mention.start, mention.end, iris[entity.key], entity.key)


def _bodies_by_name(resolution: Resolution) -> dict[str, str]:
    """Parties and organisations by every name they go by (label or other name): name key → entity key."""
    bodies: dict[str, str] = {}
    for entity in resolution.entities.values():
        if entity.kind in body_kinds():
            for name in [entity.label, *entity.alt_labels]:
                bodies.setdefault(name_key(name), entity.key)
    return bodies


def co_mentions(documents: list[Document], resolution: Resolution) -> Counter:
    """How many sentences name each pair of entities together, across all documents."""
    pairs: Counter = Counter()
    for doc in documents:
        for start, end in doc.sentences:
            keys = sorted({resolution.entity_of(doc.identifier, m).key for m in doc.mentions
                           if start <= m.start and m.end <= end})
            pairs.update((a, b) for i, a in enumerate(keys) for b in keys[i + 1 :])
    return pairs


def _add_co_mentions(graph: Graph, pairs: Counter, iris: dict[str, URIRef]) -> None:
    """Co-mention edges, kept apart from stated facts: a direct symmetric link and a node with the count."""
    for (a, b), count in sorted(pairs.items()):
        first, second = sorted((iris[a], iris[b]))
        graph.add((first, gbo.CO_MENTIONED_WITH, second))
        graph.add((second, gbo.CO_MENTIONED_WITH, first))
        node = gbo.co_mention_iri(first, second)
        graph.add((node, RDF.type, gbo.CO_MENTION))
        graph.add((node, gbo.PARTICIPANT, first))
        graph.add((node, gbo.PARTICIPANT, second))
        graph.add((node, gbo.SENTENCE_COUNT, Literal(count)))


def _add_annotation(graph: Graph, doc: Document, doc_iri: URIRef, start: int, end: int, entity_iri: URIRef,
                    entity_key: str) -> None:
    """A W3C Web Annotation tying the entity to the exact characters of the source file."""
    source_start, source_end = doc.source_span(start, end)
    annotation = gbo.mention_iri(doc.identifier, source_start, source_end, entity_key)
    graph.add((annotation, RDF.type, gbo.OA.Annotation))
    graph.add((annotation, gbo.OA.motivatedBy, gbo.OA.identifying))
    graph.add((annotation, gbo.OA.hasBody, entity_iri))
    graph.add((annotation, gbo.OA.hasTarget, _add_text_target(graph, doc, start, end, doc_iri)))


def _add_text_target(graph: Graph, doc: Document, start: int, end: int, doc_iri: URIRef | None = None) -> URIRef:
    """A stretch of a source file as an oa:SpecificResource with position and quote selectors."""
    doc_iri = doc_iri or gbo.document_iri(doc.identifier)
    source_start, source_end = doc.source_span(start, end)
    text = doc.source.text
    target = gbo.text_target_iri(doc.identifier, source_start, source_end)
    position, quote = gbo.selector_iris(target)
    graph.add((target, RDF.type, gbo.OA.SpecificResource))
    graph.add((target, gbo.OA.hasSource, doc_iri))
    graph.add((target, gbo.OA.hasSelector, position))
    graph.add((target, gbo.OA.hasSelector, quote))
    graph.add((position, RDF.type, gbo.OA.TextPositionSelector))
    graph.add((position, gbo.OA.start, Literal(source_start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, gbo.OA.end, Literal(source_end, datatype=XSD.nonNegativeInteger)))
    graph.add((quote, RDF.type, gbo.OA.TextQuoteSelector))
    graph.add((quote, gbo.OA.exact, Literal(text[source_start:source_end])))
    graph.add((quote, gbo.OA.prefix, Literal(text[max(0, source_start - CONTEXT_CHARS) : source_start])))
    graph.add((quote, gbo.OA.suffix, Literal(text[source_end : source_end + CONTEXT_CHARS])))
    return target


def date_literal(value: str) -> Literal:
    """A catalogue date typed as precisely as it is written (YYYY, YYYY-MM or YYYY-MM-DD)."""
    parts = value.split("-")
    if len(parts) == 3:
        return Literal(value, datatype=XSD.date)
    if len(parts) == 2:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.gYear)
