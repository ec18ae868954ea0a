"""SPARQL over a built graph, and the formats a result is printed in."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from tabulate import tabulate

from graphbuild.ontology import PREFIXES

FORMATS = ("table", "csv", "json")


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[object]]  # rdflib terms (or None for an unbound variable)
    boolean: bool | None = None  # the answer of an ASK query


def load_graph(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle" if path.suffix in (".ttl", ".turtle") else None)
    return graph


def run_query(graph: Graph | Path, sparql: str) -> QueryResult:
    """Run a SELECT or ASK query. The project's prefixes (gb:, schema:, oa:, skos:…) need no declaring."""
    if isinstance(graph, Path):
        graph = load_graph(graph)
    result = graph.query(sparql, initNs=PREFIXES)
    if result.type == "ASK":
        return QueryResult(["ask"], [[Literal(bool(result.askAnswer))]], boolean=bool(result.askAnswer))
    if result.type != "SELECT":
        raise ValueError("only SELECT and ASK queries print a table; use CONSTRUCT through the Python API")
    columns = [str(var) for var in result.vars]
    return QueryResult(columns, [list(row) for row in result])


def _cell(term: object) -> str:
    if term is None:
        return ""
    return str(term)


def _json_cell(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, Literal):
        cell: dict[str, str] = {"type": "literal", "value": str(term)}
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype:
            cell["datatype"] = str(term.datatype)
        return cell
    return {"type": "bnode", "value": str(term)}


def format_result(result: QueryResult, output_format: str = "table") -> str:
    """The result as an aligned text table, CSV, or SPARQL 1.1 Query Results JSON."""
    if output_format == "table":
        return tabulate([[_cell(c) for c in row] for row in result.rows], headers=result.columns,
                        tablefmt="simple", disable_numparse=True) + f"\n({len(result.rows)} rows)"
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[_cell(c) for c in row] for row in result.rows])
        return buffer.getvalue().rstrip("\n")
    if output_format == "json":
        if result.boolean is not None:
            return json.dumps({"head": {}, "boolean": result.boolean})
        bindings = [
            {column: _json_cell(term) for column, term in zip(result.columns, row) if term is not None}
            for row in result.rows
        ]
        return json.dumps({"head": {"vars": result.columns}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format {output_format!r}: choose one of {', '.join(FORMATS)}")
