"""The one module that knows the ontology: namespaces, classes and properties, and how IRIs are minted.

Everything else imports names from here; no other module writes an IRI as a string. The OWL file beside it,
``graphbuild.ttl`` (the top-level ``ontology/`` links to it), declares the same terms, with labels and comments in Persian and English.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from graphbuild.document import Kind
from graphbuild.ontology.terms import GB, OA, ORG, SCHEMA, SHAPES  # noqa: F401  (SHAPES: part of this API)

# The vocabularies' terms are closed classes (terms.py): a misspelt term fails where it is used.
# Resources the build mints are not terms: they stay on an open namespace.
GBR = Namespace("https://w3id.org/graphbuild/resource/")
ONTOLOGY_FILES = Path(__file__).resolve().parent  # graphbuild.ttl, shapes.ttl, context.jsonld

PREFIXES = {
    "gb": GB._NS, "gbr": GBR, "schema": SCHEMA._NS, "oa": OA._NS, "org": ORG._NS, "rdf": RDF, "rdfs": RDFS,
    "skos": SKOS, "dcterms": DCTERMS, "xsd": XSD, "owl": OWL, "prov": PROV,
}

KIND_CLASS: dict[Kind, URIRef] = {
    "Party": GB.Party,
    "Organization": GB.Organization,
    "Person": GB.Person,
    "Place": GB.Place,
    "Event": GB.Event,
}
# The schema.org classes the contract requires beside each kind, stated in the graph, not left to inference.
SCHEMA_CLASSES: dict[Kind, tuple[URIRef, ...]] = {
    "Party": (SCHEMA.PoliticalParty, SCHEMA.Organization),
    "Organization": (SCHEMA.Organization,),
    "Person": (SCHEMA.Person,),
    "Place": (SCHEMA.Place,),
    "Event": (SCHEMA.Event,),
}
CLASS_KIND: dict[URIRef, Kind] = {cls: kind for kind, cls in KIND_CLASS.items()}

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
