"""Interactive HTML map (placeholder until the map module lands)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph


def write_html(graph: Graph, path: Path, title: str = "graphbuild") -> None:
    raise NotImplementedError
