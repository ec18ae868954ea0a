"""The example queries in queries/ on the sources' graph, through the CLI, and the query engines themselves.

Each example query has a check of its own on what it answers, worked out from the graph or the source files
by another route than the query's, so that a query that returns the wrong rows fails, not only an empty one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from graphbuild import ontology
from graphbuild.cli import main
from graphbuild.query import ENGINES, QueryError, format_result, load_store, run_query

from .conftest import ROOT, SOURCES

QUERY_DIR = ROOT / "queries"
QUERIES = sorted(QUERY_DIR.glob("*.rq"))
SEPARATORS = re.compile(r"، |, ")  # of the GROUP_CONCAT columns, whose order SPARQL leaves open


def query_text(name: str) -> str:
    return (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")


def cli_rows(graph: Path, name: str, *options: str) -> list[dict[str, str]]:
    """The rows `graphbuild query GRAPH --file queries/NAME.rq --format json` prints, as column → text."""
    result = CliRunner().invoke(main, ["query", str(graph), "--file", str(QUERY_DIR / f"{name}.rq"),
                                       "--format", "json", *options])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.output)["results"]["bindings"]
    return [{column: cell["value"] for column, cell in row.items()} for row in bindings]


def comparable(result) -> list[tuple]:
    """Rows as sortable tuples of text, with concatenated lists sorted."""
    def cell(term):
        if term is None:
            return ""
        return "|".join(sorted(SEPARATORS.split(str(term))))
    return sorted(tuple(cell(term) for term in row) for row in result.rows)


@pytest.fixture(scope="module")
def graph_file(sources_build) -> Path:
    return sources_build[1] / "graph.ttl"


@pytest.fixture(scope="module")
def sources_store(graph_file):
    return load_store(graph_file)


def labels_of(graph: Graph, iri) -> set[str]:
    return {str(label) for label in graph.objects(iri, ontology.RDFS.label)}


# --- every query, through the CLI and both engines ---------------------------------------------------------

def test_there_are_at_least_eight_example_queries():
    assert len(QUERIES) >= 8


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_example_query_answers_through_the_cli(graph_file, path):
    rows = cli_rows(graph_file, path.stem)
    assert rows, f"{path.name} returned no rows"


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_example_query_says_what_it_asks_and_declares_its_prefixes(path):
    """A header comment, and PREFIX lines of its own (the project's IRIs), so that it runs unchanged on any
    SPARQL endpoint, where the project's prefixes are not predeclared."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ")
    prepareQuery(text)  # no initNs: an undeclared prefix is a parse error
    declared = dict(re.findall(r"^PREFIX\s+(\w*):\s*<([^>]*)>", text, flags=re.MULTILINE))
    assert declared
    assert {prefix: str(ontology.PREFIXES[prefix]) for prefix in declared} == declared


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_both_engines_give_the_same_rows(sources_store, sources_graph, path):
    text = path.read_text(encoding="utf-8")
    on_oxigraph, on_rdflib = run_query(sources_store, text), run_query(sources_graph, text)
    assert on_oxigraph.columns == on_rdflib.columns
    assert comparable(on_oxigraph) == comparable(on_rdflib)


# --- what each query answers ---------------------------------------------------------------------------------

def test_people_by_party_names_the_central_committee_member(graph_file):
    rows = cli_rows(graph_file, "people-by-party")
    assert {"person": "بهروز مهرآبادی", "organisation": "حزب کمونیست کارگری ایران", "role": "عضو کمیته مرکزی"} in [
        {key: row.get(key) for key in ("person", "organisation", "role")} for row in rows]


def test_events_and_organisers_names_the_congress_and_its_party(graph_file):
    rows = cli_rows(graph_file, "events-and-organisers")
    organisers = {row["event"]: row.get("organiser") for row in rows}
    assert organisers["کنگره یازدهم حزب کمونیست کارگری ایران"] == "حزب کمونیست کارگری ایران"


def test_parties_per_document_lists_each_documents_parties(graph_file, sources_graph):
    rows = {row["document"]: set(SEPARATORS.split(row["parties"])) for row in cli_rows(graph_file, "parties-per-document")}
    for document in sources_graph.subjects(ontology.RDF.type, ontology.DOCUMENT_CLASS):
        identifier = str(sources_graph.value(document, ontology.DCTERMS.identifier))
        parties = {label for entity in sources_graph.objects(document, ontology.MENTIONS)
                   if (entity, ontology.RDF.type, ontology.GB.Party) in sources_graph
                   for label in labels_of(sources_graph, entity)}
        assert rows.get(identifier, set()) == parties, identifier
    assert "حزب کمونیست کارگری ایران" in rows["wpi-31st-plenum-party-resolution.txt"]


def test_mentions_give_offsets_into_the_file_and_the_exact_text_there(graph_file):
    rows = cli_rows(graph_file, "mentions-of-an-entity")
    assert {"حزب کمونیست کارگری ایران", "حزب کمونست کارگری"} <= {row["exact"] for row in rows}
    for row in rows:
        text = (SOURCES / row["document"]).read_text(encoding="utf-8-sig")
        assert text[int(row["start"]):int(row["end"])] == row["exact"]


def test_events_by_date_and_place_orders_by_date_and_climbs_the_place_tree(graph_file):
    rows = cli_rows(graph_file, "events-by-date-and-place")
    dated = [row["start"] for row in rows if "start" in row]
    assert dated == sorted(dated) and len(dated) >= 5
    assert all("start" in row or "place" in row for row in rows)
    meeting = next(row for row in rows if row["event"] == "نشست چهارم نیروهای چپ و کمونیست")
    assert (meeting["start"], meeting["end"], meeting["place"]) == ("2016-10-28", "2016-10-30", "استکهلم")
    assert "سوئد" in SEPARATORS.split(meeting["within"])


def test_events_in_a_country_include_those_in_its_cities(sources_store):
    """The recipe in the query's header: the meeting in Stockholm is found by asking for Sweden."""
    text = query_text("events-by-date-and-place").replace(
        "FILTER (BOUND(?start) || BOUND(?place))",
        '?e schema:location/schema:containedInPlace* ?region . ?region rdfs:label "سوئد"@fa .')
    events = {str(row[2]) for row in run_query(sources_store, text).rows}
    assert events == {"نشست چهارم نیروهای چپ و کمونیست"}


def test_co_signatories_are_the_pairs_that_signed_one_text(graph_file, sources_graph):
    rows = cli_rows(graph_file, "co-signatories")
    signed_together: Counter = Counter()
    for text in set(sources_graph.subjects(ontology.SIGNATORY, None)):
        names = sorted({label for signer in sources_graph.objects(text, ontology.SIGNATORY)
                        for label in labels_of(sources_graph, signer)})
        for i, first in enumerate(names):
            for second in names[i + 1:]:
                signed_together[first, second] += 1
    assert signed_together, "no gb:signatory in the sources' graph"
    assert {(row["signatory"], row["cosignatory"]): int(row["together"]) for row in rows} == dict(signed_together)


def test_most_mentioned_per_document_is_the_top_count(graph_file, sources_graph):
    """Counted again in Python from the annotations: body, target, the target's source document."""
    counts: Counter = Counter()
    for annotation, entity in sources_graph.subject_objects(ontology.OA.hasBody):
        target = sources_graph.value(annotation, ontology.OA.hasTarget)
        document = sources_graph.value(sources_graph.value(target, ontology.OA.hasSource), ontology.DCTERMS.identifier)
        kind = ontology.CLASS_KIND[next(c for c in sources_graph.objects(entity, ontology.RDF.type)
                                        if c in ontology.CLASS_KIND)]
        counts[str(document), kind, str(sources_graph.value(entity, ontology.RDFS.label))] += 1
    top: dict[tuple[str, str], int] = {}
    for (document, kind, _), count in counts.items():
        top[document, kind] = max(count, top.get((document, kind), 0))
    rows = cli_rows(graph_file, "most-mentioned-per-document")
    assert {(row["document"], row["kind"]): int(row["mentions"]) for row in rows} == top
    for row in rows:
        for name in SEPARATORS.split(row["most_mentioned"]):
            assert counts[row["document"], row["kind"], name] == int(row["mentions"])
    party = next(row for row in rows if (row["document"], row["kind"]) == ("wpi-11th-congress-messages.txt", "Party"))
    assert party["most_mentioned"] == "حزب کمونیست کارگری ایران"


def test_places_by_province_groups_iranian_cities_under_their_province(graph_file):
    rows = {row["province"]: row for row in cli_rows(graph_file, "places-by-province")}
    assert "اهواز" in SEPARATORS.split(rows["خوزستان"]["cities"])
    assert all(re.fullmatch(r"IR-\d\d", row["code"]) for row in rows.values())
    assert int(rows["خوزستان"]["mentions"]) >= len(SEPARATORS.split(rows["خوزستان"]["cities"]))


def test_provenance_of_facts_quotes_the_sentence_at_its_offsets(graph_file):
    rows = cli_rows(graph_file, "provenance-of-facts")
    for row in rows:
        text = (SOURCES / row["document"]).read_text(encoding="utf-8-sig")
        assert text[int(row["start"]):int(row["end"])] == row["sentence"]
    by_fact = {(row["subject"], row["property"], row["value"]): row["sentence"] for row in rows}
    assert "2016" in by_fact["نشست چهارم نیروهای چپ و کمونیست", "startDate", "2016-10-28"]
    memberships = [sentence for (subject, prop, _), sentence in by_fact.items()
                   if (subject, prop) == ("بهروز مهرآبادی", "memberOf")]
    assert memberships and {row["property"] for row in rows} >= {"memberOf", "startDate", "location"}


def test_signed_messages_give_authors_places_in_file_order(graph_file):
    rows = cli_rows(graph_file, "signed-messages")
    messages = [row for row in rows if row["document"] == "wpi-11th-congress-messages.txt"]
    offsets = [int(row["offset"]) for row in messages]
    assert offsets == sorted(offsets) and len(messages) >= 5
    text = (SOURCES / "wpi-11th-congress-messages.txt").read_text(encoding="utf-8-sig")
    for row in messages:  # the place a message was written in is named in it, after its start
        if "place" in row:
            assert row["place"] in text[int(row["offset"]):]
    places = {row.get("place") for row in messages}
    assert "تهران" in places


# --- the engines -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_the_projects_prefixes_are_predeclared_and_a_querys_own_win(graph_file, engine):
    graph = load_store(graph_file) if engine == "oxigraph" else Graph().parse(graph_file)
    assert run_query(graph, "ASK { ?p a gb:Party ; rdfs:label ?l }").boolean is True
    assert run_query(graph, "PREFIX gb: <http://example.org/>\nASK { ?p a gb:Party }").boolean is False


def test_base_and_comments_before_the_query_are_left_alone(sources_store):
    text = "# parties\nBASE <http://example.org/>\nSELECT ?p WHERE { ?p a gb:Party ; <#nothing> ?x }"
    assert run_query(sources_store, text).rows == []


def test_a_syntax_error_points_at_the_users_own_line(sources_store):
    with pytest.raises(QueryError, match=r"malformed SPARQL: error at 3:"):
        run_query(sources_store, "# one\n# two\nSELEC ?x WHERE { ?x ?y ?z }")


@pytest.mark.parametrize("engine", ENGINES)
def test_construct_prints_turtle_on_either_engine(graph_file, engine):
    result = CliRunner().invoke(main, ["query", str(graph_file), "--engine", engine,
                                       "CONSTRUCT { ?p a gb:Party } WHERE { ?p a gb:Party }"])
    assert result.exit_code == 0, result.output
    turtle = Graph().parse(data=result.output, format="turtle")
    assert len(turtle) == len(run_query(load_store(graph_file), "SELECT ?p WHERE { ?p a gb:Party }").rows) > 0
    as_json = CliRunner().invoke(main, ["query", str(graph_file), "--engine", engine, "--format", "json",
                                        "CONSTRUCT WHERE { ?p a gb:Party }"])
    assert as_json.exit_code == 1 and "Turtle" in as_json.output


@pytest.mark.parametrize("engine", ENGINES)
def test_a_malformed_query_file_is_named(tmp_path, engine):
    graph = tmp_path / "tiny.ttl"
    graph.write_text("<http://example.org/a> a <http://example.org/B> .\n", encoding="utf-8")
    broken = tmp_path / "broken.rq"
    broken.write_text("SELECT ?x WHERE { ?x a gb:Party ", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(graph), "--file", str(broken), "--engine", engine])
    assert result.exit_code == 1
    assert "query failed" in result.output and "broken.rq" in result.output and "malformed SPARQL" in result.output


@pytest.mark.parametrize("engine", ENGINES)
def test_a_graph_that_is_not_turtle_is_named(tmp_path, engine):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> \"unterminated .\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(bad), "ASK {}", "--engine", engine])
    assert result.exit_code == 1 and "bad.ttl" in result.output


def test_results_print_alike_as_table_csv_and_json(sources_store):
    result = run_query(sources_store, "SELECT ?n WHERE { ?p a gb:Party ; rdfs:label ?n } ORDER BY ?n LIMIT 2")
    assert format_result(result, "table").endswith("(2 rows)")
    assert format_result(result, "csv").splitlines()[0] == "n"
    cell = json.loads(format_result(result, "json"))["results"]["bindings"][0]["n"]
    assert cell["type"] == "literal" and cell["xml:lang"] == "fa"
