"""The Turtle read by real RDF systems besides rdflib: Oxigraph, rapper and Apache Jena's RIOT."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from graphbuild.pipeline import build

from .conftest import ROOT
from .systems import (
    RiotReport,
    oxigraph_ntriples,
    oxigraph_store,
    rapper_count,
    rapper_ntriples,
    require,
    riot_classpath,
    riot_ntriples,
    riot_validate,
)

# Text that is hard to write as Turtle, each within a few characters of a name the extractor finds, so
# that it ends up in the quote selectors' exact/prefix/suffix literals.
AWKWARD_TEXT = (
    'بیانیه «حزب کمونیست کارگری ایران» دربارهٔ "آزادی" و \\ و \\n و <تگ> و a > b < c.\n'
    "\u200fاین جمله با نشانهٔ راست‌به‌چپ آغاز می‌شود و از تهران 🙂 سخن می‌گوید.\u200f\n"
    "سازمان فدائیان (اقلیت) \"\"\" '''قول''' در \u202bاستکهلم\u202c ✊🏽\r\n"
    "پایان متن با شکلک 🌹 و نیم‌فاصله‌ها.\n"
)
AWKWARD_CATALOGUE = (
    "file,title,publisher,date,kind,issue\n"
    '"awkward ""quoted"" name.txt","عنوان با ""نقل"" و \\ و <> 🙂\u200c",حزب کمونیست کارگری ایران,2019-05-01,statement,3\n'
)
# What the awkward graph must hold somewhere in its literals, or the test would not test the escaping.
AWKWARD_CHARACTERS = {"double quote": '"', "three quotes": '"""', "single quotes": "'''", "backslash": "\\",
                      "newline": "\n", "carriage return": "\r", "less than": "<", "greater than": ">",
                      "right-to-left mark": "\u200f", "right-to-left embedding": "\u202b",
                      "zero-width non-joiner": "\u200c", "emoji": "🙂", "emoji with skin tone": "✊🏽"}


@pytest.fixture(scope="module")
def riot(tmp_path_factory) -> str:
    return riot_classpath(tmp_path_factory.mktemp("riot"))


@pytest.fixture(scope="module")
def sources_riot(sources_build, riot) -> RiotReport:
    return riot_validate(riot, sources_build[1] / "graph.ttl")


@pytest.fixture(scope="module")
def awkward_turtle(tmp_path_factory) -> Path:
    sources = tmp_path_factory.mktemp("awkward-sources")
    (sources / 'awkward "quoted" name.txt').write_text(AWKWARD_TEXT, encoding="utf-8", newline="")
    (sources / "catalogue.csv").write_text(AWKWARD_CATALOGUE, encoding="utf-8")
    output = tmp_path_factory.mktemp("awkward-output")
    build(sources, output, report=lambda message: None)
    return output / "graph.ttl"


def read_turtle(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def read_ntriples(text: str) -> set:
    graph = Graph()
    graph.parse(data=text, format="nt")
    return set(graph)


def test_the_sources_graph_has_the_same_triple_count_in_rdflib_oxigraph_rapper_and_riot(sources_build, sources_graph,
                                                                                        sources_riot):
    turtle = sources_build[1] / "graph.ttl"
    counts = {"rdflib": len(sources_graph), "oxigraph": len(oxigraph_store(turtle)),
              "rapper": rapper_count(turtle), "riot": sources_riot.triples}
    assert len(set(counts.values())) == 1, counts


def test_riot_validates_the_sources_graph_with_no_warnings_or_errors(sources_riot):
    assert sources_riot.warnings == [] and sources_riot.errors == [], sources_riot.warnings + sources_riot.errors


def test_riot_reports_what_is_wrong_in_bad_turtle(riot, tmp_path):
    """The check above can fail: RIOT through this classpath does see bad dates and bad IRIs."""
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://example.org/a> <http://example.org/date> "2020-13-45"^^<http://www.w3.org/2001/XMLSchema#date> ;\n'
                   '  <http://example.org/link> <http://example.org/a b> .\n', encoding="utf-8")
    report = riot_validate(riot, bad)
    assert any("2020-13-45" in line for line in report.warnings)
    assert any("IRI" in line for line in report.errors)


def test_awkward_text_reaches_the_graph(awkward_turtle):
    literals = [str(o) for o in read_turtle(awkward_turtle).objects() if isinstance(o, Literal)]
    missing = [name for name, text in AWKWARD_CHARACTERS.items() if not any(text in value for value in literals)]
    assert missing == []


def test_awkward_text_is_read_the_same_by_rdflib_oxigraph_rapper_and_riot(awkward_turtle, riot):
    expected = set(read_turtle(awkward_turtle))
    read_by = {"oxigraph": read_ntriples(oxigraph_ntriples(awkward_turtle)),
               "rapper": read_ntriples(rapper_ntriples(awkward_turtle)),
               "riot": read_ntriples(riot_ntriples(riot, awkward_turtle))}
    for system, triples in read_by.items():
        assert triples == expected, (system, sorted(map(str, triples ^ expected))[:10])
    report = riot_validate(riot, awkward_turtle)
    assert (report.triples, report.warnings, report.errors) == (len(expected), [], [])


def free_ports(count: int) -> list[int]:
    """Ports free on loopback, all different (each held open until all are chosen)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


def test_virtuoso_loads_the_sources_graph_and_answers_every_example_query_as_oxigraph_does(sources_build):
    """scripts/virtuoso_check.py as the README runs it: exit status 0 only if Virtuoso loaded every triple
    and returned, for every query, as many rows as Oxigraph (about 12 s, most of it Virtuoso's start)."""
    require("virtuoso-t", "virtuoso-opensource-7-bin")
    sql_port, http_port = free_ports(2)
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "virtuoso_check.py"),
                          str(sources_build[1] / "graph.ttl"), "--sql-port", str(sql_port),
                          "--http-port", str(http_port)], capture_output=True, text=True, timeout=300,
                         check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    for query in sorted((ROOT / "queries").glob("*.rq")):
        assert query.name in run.stdout
