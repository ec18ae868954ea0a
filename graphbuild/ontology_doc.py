"""The ontology's human-readable page, ``docs/ontology.md``, generated from ``ontology/graphbuild.ttl``.

Every class, property and individual the TTL declares, with its labels and comments in English and
Persian, its domain and range (or, for other vocabularies' terms, what graphbuild uses it on), and its
mappings. Regenerate after editing the TTL (a test fails while the page is out of date):

    .venv/bin/python -m graphbuild.ontology_doc
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS
from rdflib.term import Node

from graphbuild.export.files import atomic_write
from graphbuild.ontology import GB, KIND_CLASS, ONTOLOGY_FILES, SCHEMA

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_PATH = ONTOLOGY_FILES / "graphbuild.ttl"  # shown as ontology/…: the top-level folder links to it
SHAPES_PATH = ONTOLOGY_FILES / "shapes.ttl"
PAGE_PATH = ROOT / "docs" / "ontology.md"

CLASS_TYPES = (OWL.Class, RDFS.Class)
PROPERTY_TYPES = {OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "datatype property",
                  OWL.AnnotationProperty: "annotation property", RDF.Property: "property"}
CHARACTERISTICS = {OWL.FunctionalProperty: "functional", OWL.SymmetricProperty: "symmetric"}
# Mapping properties, in the order the page lists them, with how a sentence names them.
MAPPINGS = [(RDFS.subClassOf, "Subclass of"), (OWL.equivalentClass, "Equivalent to"),
            (RDFS.subPropertyOf, "Subproperty of"), (OWL.equivalentProperty, "Equivalent to"),
            (OWL.inverseOf, "Inverse of"), (SKOS.closeMatch, "Close match")]


def render(ontology: Graph | Path = ONTOLOGY_PATH) -> str:
    """The Markdown page for an ontology graph (or its Turtle file)."""
    graph = ontology if isinstance(ontology, Graph) else _read(ontology)
    page = _Page(graph)
    return page.text()


def write(ontology_path: Path = ONTOLOGY_PATH, page_path: Path = PAGE_PATH) -> Path:
    """Render the page and write it (atomically) to ``page_path``."""
    atomic_write(page_path, render(ontology_path).encode("utf-8"))
    return page_path


def _read(path: Path) -> Graph:
    graph = Graph(bind_namespaces="none")  # only the file's own prefixes, so names read as the file writes them
    graph.parse(path, format="turtle")
    return graph


class _Page:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.classes = self._typed(CLASS_TYPES)
        self.properties = self._typed(PROPERTY_TYPES)
        described = set(self.classes) | set(self.properties) | set(graph.subjects(RDF.type, OWL.Ontology))
        self.individuals = sorted((s for s in set(graph.subjects(RDFS.label, None))
                                   if isinstance(s, URIRef) and s not in described), key=self.name)

    def _typed(self, types: Iterable[URIRef]) -> list[URIRef]:
        found = {s for t in types for s in self.graph.subjects(RDF.type, t) if isinstance(s, URIRef)}
        return sorted(found, key=self.name)

    def name(self, node: Node) -> str:
        if isinstance(node, URIRef):
            try:
                prefix, _, local = self.graph.namespace_manager.compute_qname(node, generate=False)
                return f"{prefix}:{local}"
            except (KeyError, ValueError):
                return f"<{node}>"
        return str(node)

    def code(self, nodes: Iterable[Node]) -> str:
        return ", ".join(f"`{self.name(n)}`" for n in sorted(nodes, key=self.name))

    def literal(self, subject: Node, predicate: URIRef, language: str) -> str:
        values = sorted(str(o) for o in self.graph.objects(subject, predicate)
                        if isinstance(o, Literal) and o.language == language)
        return " ".join(values)

    def text(self) -> str:
        ontology = next(self.graph.subjects(RDF.type, OWL.Ontology))
        kinds = [c for c in KIND_CLASS.values() if c in self.classes]
        own_classes = [c for c in self.classes if c in GB and c not in kinds]
        other_classes = [c for c in self.classes if c not in GB]
        lines = [
            "# The graphbuild ontology",
            "",
            (f"<!-- Generated from ontology/{ONTOLOGY_PATH.name} by `python -m graphbuild.ontology_doc`: "
             "edit the Turtle, not this page. -->"),
            "",
            (f"**{self.literal(ontology, RDFS.label, 'en')}** · {self.literal(ontology, RDFS.label, 'fa')} · "
             f"version {self.graph.value(ontology, OWL.versionInfo)} · namespace `{GB}` (`gb:`). "
             f"The Turtle is {_file_link(ONTOLOGY_PATH)}; the SHACL shapes every build is checked against are "
             f"{_file_link(SHAPES_PATH)} (`graphbuild validate`)."),
            "",
            self.literal(ontology, RDFS.comment, "en"),
            "",
            _persian(self.literal(ontology, RDFS.comment, "fa")),
            "",
            ("Terms of other vocabularies are described as graphbuild uses them. *Domain → range* is "
             "`rdfs:domain` / `rdfs:range` where the ontology states them (the project's own properties only), "
             "else `schema:domainIncludes` / `schema:rangeIncludes`, which say where graphbuild uses a term "
             "and entail nothing."),
            "",
            "| prefix | namespace |",
            "|---|---|",
            *[f"| `{prefix}:` | <{namespace}> |" for prefix, namespace in sorted(self.graph.namespaces())],
            "",
            "## The five kinds of entity",
            "",
            *self._disjointness(),
            *self._entries(kinds, self._class_facts),
            "## The project's other classes",
            "",
            *self._entries(own_classes, self._class_facts),
            "## Classes of other vocabularies",
            "",
            *self._entries(other_classes, self._class_facts),
            "## The project's properties",
            "",
            *self._entries([p for p in self.properties if p in GB], self._property_facts),
            "## Properties of other vocabularies",
            "",
            *self._entries([p for p in self.properties if p not in GB], self._property_facts),
        ]
        if self.individuals:
            lines += ["## Individuals", "", *self._entries(self.individuals, self._individual_facts)]
        return "\n".join(lines).rstrip("\n") + "\n"

    def _disjointness(self) -> list[str]:
        lines = []
        for axiom in self.graph.subjects(RDF.type, OWL.AllDisjointClasses):
            members = list(Collection(self.graph, self.graph.value(axiom, OWL.members)))
            named = ", ".join(f"`{self.name(m)}`" for m in members)
            lines += [f"Pairwise disjoint (`owl:AllDisjointClasses`): {named} — an entity has exactly one kind.", ""]
        return lines

    def _entries(self, terms: list[URIRef], facts) -> list[str]:
        lines: list[str] = []
        for term in terms:
            english, persian = self.literal(term, RDFS.label, "en"), self.literal(term, RDFS.label, "fa")
            lines += [f"### `{self.name(term)}` · {english} · {persian}", ""]
            if comment := self.literal(term, RDFS.comment, "en"):
                lines += [comment, ""]
            if comment := self.literal(term, RDFS.comment, "fa"):
                lines += [_persian(comment), ""]
            if sentences := [s for s in facts(term) if s]:
                lines += [" ".join(sentences), ""]
        return lines

    def _mappings(self, term: URIRef) -> list[str]:
        sentences = []
        for predicate, wording in MAPPINGS:
            targets = [o for o in self.graph.objects(term, predicate) if not isinstance(o, BNode)]
            if targets:
                sentences.append(f"{wording} {self.code(targets)}.")
        if source := self.graph.value(term, RDFS.isDefinedBy):
            sentences.append(f"Defined by <{source}>.")
        return sentences

    def _class_facts(self, term: URIRef) -> list[str]:
        return self._mappings(term)

    def _property_facts(self, term: URIRef) -> list[str]:
        types = set(self.graph.objects(term, RDF.type))
        kind = next((name for t, name in PROPERTY_TYPES.items() if t in types), "property")
        traits = [name for t, name in CHARACTERISTICS.items() if t in types]
        sentences = [f"*{', '.join([kind, *traits])}*."]
        sentences += self._ends(term)
        return sentences + self._mappings(term)

    def _ends(self, term: URIRef) -> list[str]:
        """Domain → range: rdfs:domain and rdfs:range where stated, else what schema:*Includes name."""
        domains = set(self.graph.objects(term, RDFS.domain)) or set(self.graph.objects(term, SCHEMA.domainIncludes))
        ranges = set(self.graph.objects(term, RDFS.range)) or set(self.graph.objects(term, SCHEMA.rangeIncludes))
        if not domains and not ranges:
            return []
        return [f"Domain → range: {self.code(domains) or 'anything'} → {self.code(ranges) or 'anything'}."]

    def _individual_facts(self, term: URIRef) -> list[str]:
        return [f"An instance of {self.code(self.graph.objects(term, RDF.type))}.", *self._mappings(term)]


def _file_link(path: Path) -> str:
    """A link from docs/ to a file of the ontology folder."""
    return f"[`ontology/{path.name}`](../ontology/{path.name})"


def _persian(text: str) -> str:
    """A Persian paragraph, set right to left wherever the Markdown is shown."""
    return f'<p dir="rtl" lang="fa">{text}</p>'


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    page = write(Path(argv[0]) if argv else ONTOLOGY_PATH, Path(argv[1]) if len(argv) > 1 else PAGE_PATH)
    print(f"wrote {page}")


if __name__ == "__main__":
    main()
