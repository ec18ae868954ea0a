"""Export stage: the registry of exporters, which ``build``, ``export`` and the command line all read.

An exporter is a function ``write(graph, stream, context)`` that writes the whole graph to a binary stream,
registered with :func:`exporter` under a format name with its file suffix. ``build`` writes the formats of
:data:`BUILD_FORMATS`; ``graphbuild export --format NAME`` offers every registered one. A third party adds
one with the decorator in its own module, or through the entry point group ``graphbuild_exporters``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

import catalogue

if TYPE_CHECKING:
    from rdflib import Graph

    from graphbuild.document import Document

registry = catalogue.create("graphbuild", "exporters", entry_points=True)

BUILD_FORMATS = ("turtle", "html")  # what `graphbuild build` writes: output/graph.ttl and output/graph.html


@dataclass(frozen=True)
class ExportContext:
    """What an exporter may use beside the graph: the build's documents (the map shows whole sentences from
    them) and the map's title. Exporting a graph file has no documents."""

    documents: Iterable[Document] = field(default=())
    title: str = "graphbuild"


Writer = Callable[["Graph", BinaryIO, ExportContext], None]


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str  # with its dot: ".ttl"
    description: str
    write: Writer


def exporter(name: str, *, suffix: str, description: str) -> Callable[[Writer], Writer]:
    """Register ``write(graph, stream, context)`` as the exporter of format ``name``."""

    def register(write: Writer) -> Writer:
        registry.register(name, func=Exporter(name, suffix, description, write))
        return write

    return register


def exporters() -> dict[str, Exporter]:
    """Every registered exporter by format name, the package's own first registered."""
    _register_built_ins()
    return dict(sorted(registry.get_all().items()))


def get_exporter(name: str) -> Exporter:
    found = exporters().get(name)
    if found is None:
        raise KeyError(f"unknown export format {name!r}: choose one of {', '.join(exporters())}")
    return found


def _register_built_ins() -> None:
    from graphbuild.export import html, network, rdf, turtle  # noqa: F401  (importing them registers them)
