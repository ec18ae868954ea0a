"""The vocabularies the graph uses, as closed term classes (rdflib's ``DefinedNamespace``).

A misspelt term (``GB.Partyy``) raises ``AttributeError`` at the line that uses it instead of minting a new IRI
that no query would find. Each class lists only the terms graphbuild writes or checks; adding a term here is
part of adding it to ``graphbuild.ttl`` (a test checks that both agree). Resources the build mints
(``gbr:party-…``) are not terms and stay on an open :class:`~rdflib.Namespace` in :mod:`graphbuild.ontology`.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class GB(DefinedNamespace):
    """graphbuild's own terms (``graphbuild.ttl``)."""

    _NS = Namespace("https://w3id.org/graphbuild/ontology#")
    _fail = True

    Party: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Event: URIRef
    SourceDocument: URIRef
    CoMention: URIRef
    coMentionedWith: URIRef
    mentionCount: URIRef
    ordinal: URIRef
    participant: URIRef
    placeCode: URIRef
    sentenceCount: URIRef
    signatory: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms the graph uses, by their https IRIs (rdflib's bundled ``SDO`` predates
    ``schema:PoliticalParty``)."""

    _NS = Namespace("https://schema.org/")
    _fail = True

    CreativeWork: URIRef
    Event: URIRef
    Message: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    PoliticalParty: URIRef
    about: URIRef
    author: URIRef
    containedInPlace: URIRef
    contributor: URIRef
    datePublished: URIRef
    domainIncludes: URIRef
    endDate: URIRef
    genre: URIRef
    hasPart: URIRef
    isPartOf: URIRef
    issueNumber: URIRef
    location: URIRef
    locationCreated: URIRef
    memberOf: URIRef
    mentions: URIRef
    organizer: URIRef
    parentOrganization: URIRef
    publisher: URIRef
    rangeIncludes: URIRef
    startDate: URIRef


class OA(DefinedNamespace):
    """The Web Annotation terms of mentions and their selectors."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    Motivation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    end: URIRef
    exact: URIRef
    hasBody: URIRef
    hasSelector: URIRef
    hasSource: URIRef
    hasTarget: URIRef
    identifying: URIRef
    motivatedBy: URIRef
    prefix: URIRef
    start: URIRef
    suffix: URIRef


class ORG(DefinedNamespace):
    """The W3C Organization Ontology terms of memberships and roles."""

    _NS = Namespace("http://www.w3.org/ns/org#")
    _fail = True

    FormalOrganization: URIRef
    Membership: URIRef
    Organization: URIRef
    Role: URIRef
    member: URIRef
    memberOf: URIRef
    organization: URIRef
    role: URIRef


class SHAPES(DefinedNamespace):
    """The SHACL shapes of the graph contract (``shapes.ttl``); not a prefix of the built graph."""

    _NS = Namespace("https://w3id.org/graphbuild/shapes#")
    _fail = True

    Agent: URIRef
    Annotation: URIRef
    Author: URIRef
    Body: URIRef
    CoMention: URIRef
    ContainedInPlace: URIRef
    CreativeWork: URIRef
    DatePublished: URIRef
    DateValue: URIRef
    Document: URIRef
    EndDate: URIRef
    Entity: URIRef
    Event: URIRef
    HasPart: URIRef
    IssueNumber: URIRef
    Location: URIRef
    LocationCreated: URIRef
    MemberOf: URIRef
    Membership: URIRef
    Mentions: URIRef
    Message: URIRef
    Ordinal: URIRef
    Organization: URIRef
    OrganizationKind: URIRef
    Organizer: URIRef
    Party: URIRef
    Person: URIRef
    Place: URIRef
    PlaceCode: URIRef
    Publisher: URIRef
    Role: URIRef
    Signatory: URIRef
    SourceText: URIRef  # not a SHACL shape: the selector check's violations (graphbuild.selectors)
    SourceTextCheck: URIRef
    StartDate: URIRef
    Statement: URIRef
    TextPosition: URIRef
    TextStretch: URIRef
    Work: URIRef


NAMESPACES = (GB, SCHEMA, OA, ORG, SHAPES)
