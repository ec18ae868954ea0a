"""Turtle, the build's main output (``output/graph.ttl``), written by rdflib's serialiser."""

from __future__ import annotations

from typing import BinaryIO

from rdflib import Graph

from graphbuild.export import ExportContext, exporter


@exporter("turtle", suffix=".ttl", description="Turtle, the build's graph file")
def write_turtle(graph: Graph, stream: BinaryIO, context: ExportContext | None = None) -> None:
    graph.serialize(stream, format="turtle", encoding="utf-8")
