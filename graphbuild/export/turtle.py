"""Turtle export, written atomically: a failed write leaves the previous file as it was."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graphbuild.export.files import atomic_write


def write_turtle(graph: Graph, path: Path) -> None:
    """Serialise the graph as Turtle (UTF-8). rdflib sorts subjects, predicates and objects: same graph,
    same bytes."""
    atomic_write(path, graph.serialize(format="turtle", encoding="utf-8"))
