"""Reading a graph file back: the one reader that ``query``, ``validate``, ``export``, ``evaluate`` and the
next build's IRI registry share, so that every command takes the same files and names the same problems."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.util import guess_format

from graphbuild.ontology import new_graph


class GraphReadError(ValueError):
    """A graph file that is missing or cannot be parsed; the message names the file."""


def read_graph(path: Path) -> Graph:
    """A graph file in any RDF syntax rdflib knows by its extension (Turtle when unknown); a dataset (TriG,
    N-Quads) is read as the union of its graphs."""
    if not path.is_file():
        raise GraphReadError(f"{path}: no such file")
    syntax = guess_format(str(path)) or "turtle"
    graph = new_graph()
    try:
        if syntax in ("trig", "nquads"):
            dataset = Dataset()
            dataset.parse(path, format=syntax)
            for subject, predicate, obj, _ in dataset.quads():
                graph.add((subject, predicate, obj))
        else:
            graph.parse(path, format=syntax)
    except Exception as error:  # noqa: BLE001 - rdflib raises many unrelated types for bad syntax: say what it said
        raise GraphReadError(f"{path}: not a readable RDF graph ({syntax}): {error}") from None
    return graph
