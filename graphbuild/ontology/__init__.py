"""The one module that knows the ontology: namespaces, classes and properties, and how IRIs are minted.

Everything else imports names from here; no other module writes an IRI as a string. The OWL file beside it,
``graphbuild.ttl`` (the top-level ``ontology/`` links to it), declares the same terms, with labels and comments in Persian and English.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from graphbuild.document import Kind
from graphbuild.kinds import KindSpec, kind_spec, kinds, relation_spec
from graphbuild.ontology.terms import GB, OA, ORG, SCHEMA, SHAPES  # noqa: F401  (SHAPES: part of this API)

# The vocabularies' terms are closed classes (terms.py): a misspelt term fails where it is used.
# Resources the build mints are not terms: they stay on an open namespace.
GBR = Namespace("https://w3id.org/graphbuild/resource/")
ONTOLOGY_FILES = Path(__file__).resolve().parent  # graphbuild.ttl, shapes.ttl, context.jsonld

PREFIXES = {
    "gb": GB._NS, "gbr": GBR, "schema": SCHEMA._NS, "oa": OA._NS, "org": ORG._NS, "rdf": RDF, "rdfs": RDFS,
    "skos": SKOS, "dcterms": DCTERMS, "xsd": XSD, "owl": OWL, "prov": PROV,
}


@lru_cache(maxsize=None)
def term(name: str) -> URIRef:
    """The IRI of ``gb:Party``, ``schema:memberOf`` (a CURIE of :data:`PREFIXES`) or of a full IRI.

    The project's own vocabularies are closed: a misspelt term in kinds.toml fails here, at load."""
    prefix, _, local = name.partition(":")
    closed = _CLOSED.get(prefix)
    if closed is not None:
        return getattr(closed, local)
    if prefix in PREFIXES:
        return URIRef(f"{PREFIXES[prefix]}{local}")
    return URIRef(name)


_CLOSED = {"gb": GB, "schema": SCHEMA, "oa": OA, "org": ORG}


class _ByKind(Mapping):
    """A kind's terms, read from its spec (graphbuild.kinds) when asked, so a kind registered later is here."""

    def __init__(self, terms_of: Callable[[KindSpec], object]) -> None:
        self._terms_of = terms_of

    def __getitem__(self, kind: str):
        return self._terms_of(kind_spec(kind))

    def __iter__(self) -> Iterator[str]:
        return iter(kinds())

    def __len__(self) -> int:
        return len(kinds())


@lru_cache(maxsize=8)
def _kind_by_class(declared: tuple[KindSpec, ...]) -> dict[URIRef, str]:
    """Built once per set of declared kinds, not at every lookup (assembly asks for each entity)."""
    return {term(spec.class_term): spec.name for spec in declared}


class _ByClass(Mapping):
    """Kind by its class IRI: the inverse of :data:`KIND_CLASS`."""

    def _table(self) -> dict[URIRef, str]:
        return _kind_by_class(tuple(kind_spec(kind) for kind in kinds()))

    def __getitem__(self, cls: URIRef) -> str:
        return self._table()[cls]

    def __iter__(self) -> Iterator[URIRef]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(kinds())


KIND_CLASS: Mapping[str, URIRef] = _ByKind(lambda spec: term(spec.class_term))
# The schema.org classes the contract requires beside each kind, stated in the graph, not left to inference.
SCHEMA_CLASSES: Mapping[str, tuple[URIRef, ...]] = _ByKind(lambda spec: tuple(term(t) for t in spec.schema_terms))
CLASS_KIND: Mapping[URIRef, str] = _ByClass()


def relation_property(relation: str) -> URIRef:
    """The property a relation of graphbuild.kinds is stated with (``memberOf`` → ``schema:memberOf``)."""
    return term(relation_spec(relation).property_term)


# Documents
DOCUMENT_CLASS = GB.SourceDocument  # a subclass of schema:CreativeWork
# Facts
ORGANIZER = SCHEMA.organizer
LOCATION = SCHEMA.location
START_DATE = SCHEMA.startDate
END_DATE = SCHEMA.endDate
MEMBER_OF = SCHEMA.memberOf
CONTAINED_IN_PLACE = SCHEMA.containedInPlace
MENTIONS = SCHEMA.mentions
# A document's own facts: who signed it, who wrote it and where, who published it, when, which issue.
SIGNATORY = GB.signatory  # document → Party, Organization or Person that signed it (a schema:contributor)
AUTHOR = SCHEMA.author  # document → Person or body that wrote it
LOCATION_CREATED = SCHEMA.locationCreated  # document → Place it was written in
PUBLISHER = SCHEMA.publisher  # document → Party or Organization that published it
DATE_PUBLISHED = SCHEMA.datePublished  # typed like event dates
ISSUE_NUMBER = SCHEMA.issueNumber  # of a periodical
MESSAGE_CLASS = SCHEMA.Message  # one signed message within a document that collects several
IS_PART_OF = SCHEMA.isPartOf  # message → document
HAS_PART = SCHEMA.hasPart  # document → message
# Extra facts of the project's own
ORDINAL = GB.ordinal
PLACE_CODE = GB.placeCode
MENTION_COUNT = GB.mentionCount
# Co-mention: entities named in the same sentence. Not a stated fact, so kept in terms of its own.
CO_MENTIONED_WITH = GB.coMentionedWith
CO_MENTION = GB.CoMention
PARTICIPANT = GB.participant
SENTENCE_COUNT = GB.sentenceCount


# Local names are flat («party-…», not «party/…»): a Turtle prefixed name may not hold '/', and IRIs that
# fit a prefix serialise an order of magnitude faster in rdflib.


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def entity_iri(kind: Kind, key: str) -> URIRef:
    """A new entity's IRI, from its kind and the resolution key it was first minted with."""
    return GBR[f"{kind.lower()}-{_digest(kind, key)}"]


def document_iri(identifier: str) -> URIRef:
    return GBR[f"document-{_digest('document', identifier)}"]


def mention_iri(identifier: str, start: int, end: int, entity_key: str) -> URIRef:
    return GBR[f"mention-{_digest('mention', identifier, str(start), str(end), entity_key)}"]


def text_target_iri(identifier: str, start: int, end: int) -> URIRef:
    """A stretch of a source file (start and end are source offsets); shared by every use of that stretch."""
    return GBR[f"text-{_digest('text', identifier, str(start), str(end))}"]


def selector_iris(target: URIRef) -> tuple[URIRef, URIRef]:
    """The position and quote selectors of a text target."""
    return URIRef(f"{target}-position"), URIRef(f"{target}-quote")


def message_iri(identifier: str, start: int, end: int) -> URIRef:
    """One message of a collection: the stretch of the source file between its separator lines."""
    return GBR[f"message-{_digest('message', identifier, str(start), str(end))}"]


def membership_iri(person: URIRef, body: URIRef, role: str) -> URIRef:
    return GBR[f"membership-{_digest('membership', str(person), str(body), role)}"]


def statement_iri(subject: URIRef, predicate: URIRef, value: str, identifier: str, evidence: tuple[int, int]) -> URIRef:
    return GBR[f"statement-{_digest('statement', str(subject), str(predicate), value, identifier, str(evidence))}"]


def role_iri(role: str) -> URIRef:
    return GBR[f"role-{_digest('role', role)}"]


def co_mention_iri(first: URIRef, second: URIRef) -> URIRef:
    return GBR[f"comention-{_digest('comention', str(first), str(second))}"]


def new_graph():
    """An empty graph with the project's prefixes only: rdflib's many default bindings slow serialising."""
    from rdflib import Graph

    graph = Graph(bind_namespaces="none")
    bind_prefixes(graph)
    return graph


def bind_prefixes(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
