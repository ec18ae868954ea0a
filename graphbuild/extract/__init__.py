"""Extract stage: components that find mentions of entities in a normalised :class:`Document`.

Every extractor is a small component with one interface (:class:`Extractor`): given a document and the loaded
resources it returns the mentions it found, and nothing else. :func:`extract` runs them all and lets
:func:`graphbuild.extract.combine.combine` settle overlaps. A new kind of finding is a new module here,
added to :data:`DEFAULT_EXTRACTORS`.
"""

from __future__ import annotations

from typing import Protocol

from graphbuild.document import Document, Mention, Relation
from graphbuild.extract.affiliations import AffiliationExtractor, SignerAffiliationExtractor
from graphbuild.extract.bodies import BodyExtractor, QuotedBodyExtractor
from graphbuild.extract.combine import combine
from graphbuild.extract.document_facts import DocumentFactExtractor, SignatoryListExtractor, SignatureNameExtractor
from graphbuild.extract.event_facts import EventFactExtractor
from graphbuild.extract.events import EventExtractor, one_wave_per_month
from graphbuild.extract.known import KnownEntityExtractor
from graphbuild.extract.masthead import IssueNumberExtractor, MastheadExtractor
from graphbuild.extract.people import PersonExtractor
from graphbuild.extract.places import PlaceExtractor
from graphbuild.extract.statistical import RecogniserExtractor
from graphbuild.resources import Resources


class Extractor(Protocol):
    name: str

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]: ...


class RelationExtractor(Protocol):
    """Runs after the mentions are settled and finds facts between them."""

    name: str

    def __call__(self, doc: Document, resources: Resources) -> list[Relation]: ...


DEFAULT_EXTRACTORS: tuple[Extractor, ...] = (
    PlaceExtractor(),
    KnownEntityExtractor(),
    BodyExtractor(),
    QuotedBodyExtractor(),
    MastheadExtractor(),
    EventExtractor(),
    PersonExtractor(),
    SignatoryListExtractor(),
    SignatureNameExtractor(),
    RecogniserExtractor(),  # last in line, and last in precedence: see combine.py
)
DEFAULT_RELATION_EXTRACTORS: tuple[RelationExtractor, ...] = (
    AffiliationExtractor(),
    SignerAffiliationExtractor(),
    EventFactExtractor(),
    DocumentFactExtractor(),
    IssueNumberExtractor(),
)


def extract(doc: Document, resources: Resources, extractors: tuple[Extractor, ...] = DEFAULT_EXTRACTORS,
            relation_extractors: tuple[RelationExtractor, ...] = DEFAULT_RELATION_EXTRACTORS) -> Document:
    """Run every extractor over the document and return it with the combined mentions and relations."""
    found: list[Mention] = []
    for extractor in extractors:
        found.extend(extractor(doc, resources))
    doc = doc.with_mentions(one_wave_per_month(tuple(combine(found)), resources))
    relations: list[Relation] = []
    for relation_extractor in relation_extractors:
        relations.extend(relation_extractor(doc, resources))
    return doc.with_relations(relations)
