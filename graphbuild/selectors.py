"""Check every text selector of a graph against the source files: a selector must give back the text it stands for.

Each mention, fact sentence and message of the graph is an ``oa:SpecificResource`` whose
``oa:TextPositionSelector`` (``oa:start``/``oa:end``, offsets into the file's text) and ``oa:TextQuoteSelector``
(``oa:exact``, with ``oa:prefix``/``oa:suffix``) point into its document. The shapes cannot see the file, so
this check reads it: the quote must be the file's characters at the position, the position must be that of a
mention, a fact's sentence or a message of the document (as the pipeline finds them in the file now), and
those characters must be what the normalised text holds there. The second half does not trust the character map that made the graph
(it is what it checks): it takes the normalised characters whose map falls inside the selector and compares
them with the file's characters under :func:`graphbuild.normalise.comparable`. A selector cut in the wrong
place («اعتصاب   19» for «اعتصاب ۱۹۹۸») holds other characters than the normalised text there, and fails.

In a line that the normaliser put back in reading order (PDF text in visual order) a selector covers the
least stretch of the file holding all of the mention's characters, in the file's order, and may hold the
words between two of its runs; there the check is that the stretch and the normalised characters standing
for it have the same characters (compared as sets, since their order differs).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH

from graphbuild import ontology as gbo
from graphbuild.document import Document
from graphbuild.normalise import comparable

SELECTOR_SHAPE = gbo.SHAPES.SourceText  # not a SHACL shape: the name the violations are grouped under
SELECTOR_CHECK = gbo.SHAPES.SourceTextCheck


@dataclass(frozen=True)
class TextTarget:
    """One oa:SpecificResource of a graph, with what its selectors say."""

    node: URIRef
    identifier: str | None  # dcterms:identifier of its oa:hasSource
    start: int | None
    end: int | None
    exact: str | None
    prefix: str | None
    suffix: str | None


class SourceIndex:
    """A normalised document, looked up by source offset: which normalised characters stand for a file stretch."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    @cached_property
    def expected(self) -> set[tuple[int, int]]:
        """The file stretches the graph may point at: those of the document's mentions, of the sentences that
        state its facts, and of the parts (messages) its own facts are about."""
        spans = {(mention.start, mention.end) for mention in self.doc.mentions}
        for relation in self.doc.relations:
            spans |= {relation.evidence, relation.subject}
        spans.add((0, len(self.doc.text)))
        return {self.doc.source_span(start, end) for start, end in spans if end > start}

    @cached_property
    def _by_offset(self) -> list[tuple[int, int]]:
        return sorted((offset, index) for index, offset in enumerate(self.doc.offsets[: len(self.doc.text)]))

    def standing_for(self, start: int, end: int) -> list[int]:
        """Indices of the normalised characters mapped into ``start:end`` of the file, in text order."""
        pairs = self._by_offset
        low, high = bisect_left(pairs, (start, -1)), bisect_left(pairs, (end, -1))
        return sorted(index for _, index in pairs[low:high])


def text_targets(graph: Graph) -> Iterator[TextTarget]:
    """Every text target of the graph, in a stable order."""
    for node in sorted(graph.subjects(RDF.type, gbo.OA.SpecificResource)):
        source = graph.value(node, gbo.OA.hasSource)
        identifier = graph.value(source, DCTERMS.identifier) if source is not None else None
        found: dict[str, object] = {}
        for selector in graph.objects(node, gbo.OA.hasSelector):
            for name in ("start", "end", "exact", "prefix", "suffix"):
                value = graph.value(selector, gbo.OA[name])
                if isinstance(value, Literal):
                    found[name] = value.toPython()
        yield TextTarget(node, None if identifier is None else str(identifier),
                         *(_as(found.get(name), int) for name in ("start", "end")),
                         *(_as(found.get(name), str) for name in ("exact", "prefix", "suffix")))


def _as(value: object, kind: type) -> object:
    if value is None:
        return None
    try:
        return kind(value)
    except (TypeError, ValueError):
        return None


def selector_problem(target: TextTarget, index: SourceIndex) -> str | None:
    """What is wrong with one target's selectors against its document, or None if they hold."""
    text = index.doc.source.text
    start, end, exact = target.start, target.end, target.exact
    if start is None or end is None or exact is None:
        return "no position (oa:start, oa:end) or no quote (oa:exact) to check"
    if not 0 <= start < end <= len(text):
        return f"position {start}–{end} is not a stretch of the file ({len(text)} characters)"
    if exact != text[start:end]:
        return f"oa:exact «{exact}» is not the file's text at {start}–{end}, «{text[start:end]}»"
    if target.prefix is not None and not text[:start].endswith(target.prefix):
        return f"oa:prefix «{target.prefix}» is not what comes before {start} in the file"
    if target.suffix is not None and not text[end:].startswith(target.suffix):
        return f"oa:suffix «{target.suffix}» is not what follows {end} in the file"
    if (start, end) not in index.expected:
        return (f"oa:exact «{exact}» at {start}–{end} is no mention, fact sentence or message of the document "
                "as the sources give it now (a graph of other files, or offsets the file's text does not bear)")
    standing = index.standing_for(start, end)
    if not standing:
        return f"no character of the normalised text stands for «{exact}» at {start}–{end}"
    normalised = "".join(index.doc.text[i] for i in standing)
    in_order = standing == list(range(standing[0], standing[-1] + 1)) and _increasing(index.doc, standing)
    if in_order:
        holds = comparable(exact) == comparable(normalised)
    else:  # a line put back in reading order: same characters, in another order
        holds = set(comparable(exact)) == set(comparable(normalised))
    if not holds:
        return f"oa:exact «{exact}» at {start}–{end} stands for «{normalised}» in the normalised text"
    return None


def _increasing(doc: Document, indices: list[int]) -> bool:
    offsets = [doc.offsets[i] for i in indices]
    return all(a <= b for a, b in zip(offsets, offsets[1:], strict=False))


@dataclass(frozen=True)
class SelectorViolation:
    """A selector that does not give back its text; shaped like :class:`graphbuild.validate.Violation`."""

    focus: URIRef
    message: str
    path: URIRef = gbo.OA.hasSelector
    value: Literal | None = None
    shape: URIRef = SELECTOR_SHAPE
    component: URIRef = SELECTOR_CHECK
    severity: URIRef = SH.Violation


def selector_violations(graph: Graph, documents: Mapping[str, Document]) -> list[SelectorViolation]:
    """Every text target of ``graph`` whose selectors do not give back its text in ``documents`` (by identifier)."""
    indexes = {identifier: SourceIndex(doc) for identifier, doc in documents.items()}
    violations = []
    for target in text_targets(graph):
        index = indexes.get(target.identifier or "")
        if index is None:
            problem = f"its document {target.identifier!r} is not among the source files"
        else:
            problem = selector_problem(target, index)
        if problem:
            value = Literal(target.exact) if target.exact is not None else None
            violations.append(SelectorViolation(target.node, f"{target.identifier}: {problem}", value=value))
    return violations


def processed_sources(sources: Path) -> tuple[dict[str, Document], list[str]]:
    """The documents under ``sources`` read, normalised and extracted as a build does, by identifier, and a line
    for each file that could not be used."""
    from graphbuild.lang.fa import load as load_resources
    from graphbuild.pipeline import default_pipeline, process_documents
    from graphbuild.read import ReadError, read_sources

    found = list(read_sources(sources))
    problems = [str(item) for item in found if isinstance(item, ReadError)]
    readable = [item for item in found if not isinstance(item, ReadError)]
    documents, failures = process_documents(readable, default_pipeline(load_resources()))
    return {doc.identifier: doc for doc in documents}, problems + failures


def document_problems(doc: Document) -> list[str]:
    """The selectors a graph would hold for one processed document (its mentions, fact sentences and parts),
    checked against it as :func:`selector_violations` checks a graph's: for tests and the offsets fuzzer."""
    index = SourceIndex(doc)
    problems = []
    text = doc.source.text
    for start, end in sorted(index.expected):
        target = TextTarget(URIRef(f"urn:span:{start}-{end}"), doc.identifier, start, end, text[start:end], None, None)
        if problem := selector_problem(target, index):
            problems.append(problem)
    return problems
