"""Extract stage: the components that find mentions and facts in a normalised :class:`Document`.

Each extractor is a small class registered as a pipeline component (:mod:`graphbuild.components`): a
mention finder adds what it found to the ``candidates`` layer, ``combine`` settles them into the document's
mentions, and relation finders then add the facts between them. Which run, in which order, is the language
package's ``pipeline.toml``. A new kind of finding is a new module here with its decorator, and a line in
that file.
"""

from __future__ import annotations

from graphbuild.document import Document

# Importing the modules registers their components.
from graphbuild.extract import (  # noqa: F401
    affiliations,
    bodies,
    combine,
    document_dates,
    document_facts,
    event_facts,
    events,
    known,
    masthead,
    own_names,
    people,
    places,
    statistical,
)
from graphbuild.resources import Resources


def extract(doc: Document, resources: Resources) -> Document:
    """Every component of the language package's pipeline over a normalised document (for scripts and tests
    that normalise a document themselves; a build runs :class:`graphbuild.components.Pipeline` directly)."""
    from graphbuild.pipeline import default_pipeline  # late: the pipeline module imports this package

    return default_pipeline(resources).run(doc)
