"""The document's dates, found once as a layer that later components read (the events and their facts).

A day and month without a year («روز ۸ تیر») is read against the document's own date: the catalogue's, or
a dateline on its first lines."""

from __future__ import annotations

from graphbuild.components import component
from graphbuild.document import Document
from graphbuild.extract.dates import DateMention, document_reference_date, find_dates
from graphbuild.resources import Resources

LAYER = "dates"


@component("dates", reads=("text",), adds=(LAYER,))
def make_date_scan(resources: Resources):
    def scan(doc: Document) -> Document:
        reference = document_reference_date(doc.source.metadata.get("date"), doc.text)
        return doc.with_layer(LAYER, tuple(find_dates(doc.text, reference=reference)))

    return scan


def document_dates(doc: Document) -> tuple[DateMention, ...]:
    """The dates the ``dates`` component found in the document (none if it did not run)."""
    return doc.layer(LAYER)
