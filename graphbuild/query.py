"""SPARQL over a built graph, and the formats a result is printed in.

Two engines answer the same queries: Oxigraph (pyoxigraph, the default: a compiled query engine over an
in-memory store, fast on large graphs) and rdflib (pure Python, kept selectable because the benchmarks
compare the two). Either way the result is a :class:`QueryResult` holding rdflib terms, so the printing
below, and everything that reads results, does not depend on the engine.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from tabulate import tabulate

from graphbuild.graph_file import GraphReadError, read_graph
from graphbuild.ontology import PREFIXES, bind_prefixes

FORMATS = ("table", "csv", "json")
ENGINES = ("oxigraph", "rdflib")
DEFAULT_ENGINE = "oxigraph"

# The prefixes every query may use without declaring them; a query's own PREFIX line wins over these.
_PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_XSD_STRING = ox.NamedNode(str(XSD.string))


class QueryError(ValueError):
    """A query the engine could not parse or run, or a graph file it could not read."""


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[object]]  # rdflib terms (or None for an unbound variable); triples for CONSTRUCT
    boolean: bool | None = None  # the answer of an ASK query
    turtle: str | None = None  # the graph a CONSTRUCT or DESCRIBE query made, as Turtle


def load_graph(path: Path) -> Graph:
    """The graph file in an rdflib Graph (the rdflib engine)."""
    try:
        return read_graph(path)
    except GraphReadError as error:
        raise QueryError(str(error)) from None


def load_store(path: Path) -> ox.Store:
    """The graph file in an in-memory Oxigraph store, by its bulk loader (the Oxigraph engine)."""
    store = ox.Store()
    file_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    try:
        store.bulk_load(path=path, format=file_format)
    except SyntaxError as error:
        raise QueryError(f"{path}: not valid {file_format.name}: {error}") from None
    return store


def load(path: Path, engine: str = DEFAULT_ENGINE) -> Graph | ox.Store:
    """The graph file loaded for ``engine`` ("oxigraph" or "rdflib")."""
    if engine == "oxigraph":
        return load_store(path)
    if engine == "rdflib":
        return load_graph(path)
    raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")


def run_query(graph: Graph | ox.Store | Path, sparql: str, engine: str = DEFAULT_ENGINE) -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query. The project's prefixes (gb:, schema:, oa:, skos:…)
    need no declaring. A loaded graph chooses its engine by its type; a path is loaded for ``engine``."""
    if isinstance(graph, Path):
        graph = load(graph, engine)
    if isinstance(graph, ox.Store):
        return _run_on_oxigraph(graph, sparql)
    return _run_on_rdflib(graph, sparql)


def _run_on_oxigraph(store: ox.Store, sparql: str) -> QueryResult:
    # Default prefixes go to the parser rather than being pasted above the query text, so a BASE line,
    # comments and the line numbers in a syntax error stay as the user wrote them.
    try:
        result = store.query(sparql, prefixes=_PREFIX_IRIS)
    except SyntaxError as error:
        raise QueryError(f"malformed SPARQL: {error}") from None
    try:  # solutions are computed as they are read, so evaluation errors come from here
        if isinstance(result, ox.QueryBoolean):
            return _ask_result(bool(result))
        if isinstance(result, ox.QueryTriples):
            triples = list(result)
            turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIX_IRIS).decode("utf-8")
            rows = [[_from_oxigraph(t.subject), _from_oxigraph(t.predicate), _from_oxigraph(t.object)]
                    for t in triples]
            return QueryResult(["subject", "predicate", "object"], rows, turtle=turtle)
        variables = result.variables
        rows = [[_from_oxigraph(solution[variable]) for variable in variables] for solution in result]
    except (OSError, RuntimeError) as error:
        raise QueryError(f"Oxigraph could not evaluate it: {error}") from None
    return QueryResult([variable.value for variable in variables], rows)


def _run_on_rdflib(graph: Graph, sparql: str) -> QueryResult:
    try:
        result = graph.query(sparql, initNs=PREFIXES)
        if result.type == "ASK":
            return _ask_result(bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            made = result.graph
            bind_prefixes(made)
            return QueryResult(["subject", "predicate", "object"], [list(t) for t in made],
                               turtle=made.serialize(format="turtle"))
        return QueryResult([str(var) for var in result.vars], [list(row) for row in result])
    except ParseException as error:
        raise QueryError(f"malformed SPARQL: {error}") from None
    except Exception as error:  # rdflib's evaluator raises many unrelated types (TypeError, KeyError, its own)
        raise QueryError(f"rdflib could not evaluate it: {error}") from None


def _ask_result(answer: bool) -> QueryResult:
    return QueryResult(["ask"], [[Literal(answer)]], boolean=answer)


def _from_oxigraph(term: object) -> object:
    """An Oxigraph term as the rdflib term the rdflib engine gives for it (plain strings untyped, as there)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return term  # an RDF-star quoted triple: rdflib has no term for it


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
    """The result as an aligned text table, CSV, or SPARQL 1.1 Query Results JSON. A CONSTRUCT or DESCRIBE
    result prints as Turtle in place of the table, and as its triples, one a row, in CSV."""
    if result.turtle is not None:
        if output_format == "table":
            return result.turtle.rstrip("\n")
        if output_format == "json":
            raise ValueError("a CONSTRUCT or DESCRIBE result prints as Turtle (--format table) or as CSV")
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
