"""Check a graph against the SHACL shapes of the graph contract (``ontology/shapes.ttl``), with pyshacl.

Validation runs without inference (the contract asks that types be stated in the graph, not implied) and
with SHACL Core only, which keeps it affordable: about a tenth of the build's own time on large corpora
(figures in the README). :func:`validate` returns a :class:`ValidationReport` whose :meth:`summary`
groups the violations by shape and property, and lists the first few with their focus nodes.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, NamespaceManager
from rdflib.term import Node

from graphbuild.graph_file import GraphReadError, read_graph  # noqa: F401 - GraphReadError is part of this API
from graphbuild.ontology import ONTOLOGY_FILES, new_graph
from graphbuild.selectors import SelectorViolation, selector_violations

if TYPE_CHECKING:
    from graphbuild.document import Document

SHAPES_PATH = ONTOLOGY_FILES / "shapes.ttl"  # the top-level ontology/ links to it
LISTED = 10  # violations a summary lists one by one


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, in the data graph's terms."""

    focus: Node  # the node that breaks the rule
    path: Node | tuple[Node, ...] | None  # the property the rule is about (a sequence path as a tuple), if any
    value: Node | None  # the offending value, if any
    shape: Node  # the node shape the rule belongs to (gbsh:Entity, gbsh:Organizer…)
    component: URIRef  # which kind of rule: sh:MinCountConstraintComponent, sh:LessThanConstraintComponent…
    message: str
    severity: URIRef


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation | SelectorViolation] = field(default_factory=list)
    triples: int = 0  # size of the graph validated
    seconds: float = 0.0  # how long pyshacl took
    _names: NamespaceManager | None = field(default=None, repr=False, compare=False)
    _labels: dict[Node, str] = field(default_factory=dict, repr=False, compare=False)

    def name(self, node: Node | tuple[Node, ...] | None) -> str:
        """A node as a reader wants it: a prefixed name, and an entity's Persian label beside it."""
        if node is None:
            return "-"
        if isinstance(node, tuple):
            return "/".join(self.name(step) for step in node)
        if isinstance(node, Literal):
            return node.n3(self._names)
        text = node.n3(self._names) if self._names is not None else node.n3()
        label = self._labels.get(node)
        return f"{text} «{label}»" if label else text

    def counts(self) -> list[tuple[int, str, str, str]]:
        """(count, shape, property, message) for each distinct rule broken, the most broken first."""
        counter = Counter((self.name(v.shape), self.name(v.path), v.message) for v in self.violations)
        return sorted(((n, *key) for key, n in counter.items()), key=lambda row: (-row[0], row[1:]))

    def summary(self, limit: int = LISTED) -> str:
        if self.conforms:
            return f"the graph conforms to the shapes ({self.triples} triples checked in {self.seconds:.1f} s)"
        lines = [f"{len(self.violations)} violation(s) of the shapes in {self.triples} triples:"]
        lines += [f"  {count:>6} × {shape} {path}: {message}" for count, shape, path, message in self.counts()]
        lines.append(f"the first {min(limit, len(self.violations))}:")
        for violation in self.violations[:limit]:
            value = f" value {self.name(violation.value)}" if violation.value is not None else ""
            lines.append(f"  {self.name(violation.focus)} {self.name(violation.path)}{value}: {violation.message}")
        return "\n".join(lines)


def validate(graph_or_path: Graph | Path | str, shapes: Path = SHAPES_PATH,
             ontology: Graph | None = None, documents: Mapping[str, Document] | None = None) -> ValidationReport:
    """Validate a graph (or an RDF file, by its extension; Turtle if unknown) against the shapes.

    With ``ontology``, the data is checked as a store holding both would see it (its subclass axioms widen
    the shapes' targets), which is how users load it. With ``documents`` (the graph's documents by
    identifier, normalised: the build's own, or the source files read again) every text selector is also
    checked against its file (:mod:`graphbuild.selectors`), which the shapes cannot see: a selector that does
    not give back its text is a violation too."""
    graph = graph_or_path if isinstance(graph_or_path, Graph) else read_graph(Path(graph_or_path))
    shapes_graph = _shapes(shapes.resolve())
    started = time.perf_counter()
    conforms, results, _ = shacl_validate(graph, shacl_graph=shapes_graph, ont_graph=ontology, inference="none",
                                          advanced=False)
    # Only the report's own results: those of nested shapes (sh:node, sh:or) are details of these.
    violations = sorted((_violation(results, shapes_graph, node) for node in results.objects(None, SH.result)),
                        key=lambda v: (str(v.shape), str(v.path), str(v.focus), str(v.value)))
    if documents is not None:
        selector_problems = selector_violations(graph, documents)
        violations += selector_problems
        conforms = conforms and not selector_problems
    seconds = time.perf_counter() - started
    names = new_graph().namespace_manager
    for prefix, namespace in shapes_graph.namespaces():
        names.bind(prefix, namespace, override=False)
    labels = {v.focus: str(label) for v in violations if (label := graph.value(v.focus, RDFS.label)) is not None}
    return ValidationReport(bool(conforms), violations, len(graph), seconds, names, labels)


@lru_cache(maxsize=4)
def _shapes(path: Path) -> Graph:
    """The shapes graph, parsed once per process (every build validates)."""
    return read_graph(path)


def _violation(results: Graph, shapes: Graph, result: Node) -> Violation:
    source = results.value(result, SH.sourceShape)
    return Violation(
        focus=results.value(result, SH.focusNode),
        path=_path(results, results.value(result, SH.resultPath)),
        value=results.value(result, SH.value),
        shape=_node_shape(shapes, source),
        component=results.value(result, SH.sourceConstraintComponent),
        message=str(results.value(result, SH.resultMessage) or ""),
        severity=results.value(result, SH.resultSeverity),
    )


def _path(results: Graph, path: Node | None) -> Node | tuple[Node, ...] | None:
    """A predicate path as it is; a sequence path (an RDF list) as the tuple of its steps."""
    if isinstance(path, BNode) and (path, RDF.first, None) in results:
        return tuple(Collection(results, path))
    return path


def _node_shape(shapes: Graph, shape: Node) -> Node:
    """The named node shape a (blank) property shape belongs to; the shape itself if it is named."""
    if isinstance(shape, BNode):
        parent = shapes.value(None, SH.property, shape)
        if parent is not None:
            return parent
    return shape
