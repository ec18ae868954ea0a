"""SHACL validation (ontology/shapes.ttl through graphbuild.validate): the sources' graph conforms, and each
way of breaking the graph contract is caught by the rule written for it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS, XSD

from graphbuild import ontology as gbo
from graphbuild import pipeline
from graphbuild.cli import main
from graphbuild.validate import SHAPES_PATH, GraphReadError, validate

SHAPES = gbo.SHAPES
KIND = gbo.KIND_CLASS
SHAPE_MESSAGES = {str(m) for m in Graph().parse(SHAPES_PATH, format="turtle").objects(None, SH.message)}


def test_every_build_validates_its_output_and_the_sources_conform(sources_build):
    result, _ = sources_build
    report = result.validation
    assert report is not None and report.triples == len(result.graph)
    assert report.violations == [], report.summary()
    assert report.conforms
    assert report.summary().startswith("the graph conforms to the shapes")


def _first(graph: Graph, subjects) -> URIRef:
    return min(subjects)


def _entities(graph: Graph, kind: str, exclude: set[URIRef]) -> list[URIRef]:
    return sorted(set(graph.subjects(RDF.type, KIND[kind])) - exclude)


@pytest.fixture(scope="module")
def broken(sources_graph):
    """The sources' graph broken in many ways at once, each on nodes of its own, and validated once (validation
    is the slow part); every case below looks for its own violation in the one report."""
    graph = Graph()
    for triple in sources_graph:
        graph.add(triple)
    used: set[URIRef] = set()
    cases: dict[str, URIRef] = {}

    def take(node: URIRef) -> URIRef:
        used.add(node)
        return node

    two_kinds = cases["two kinds"] = take(_entities(graph, "Person", used)[0])
    graph.add((two_kinds, RDF.type, KIND["Place"]))

    unlabelled = cases["no label"] = take(_entities(graph, "Organization", used)[0])
    graph.remove((unlabelled, RDFS.label, None))

    english = cases["label not Persian"] = take(_entities(graph, "Place", used)[0])
    label = graph.value(english, RDFS.label)
    graph.set((english, RDFS.label, Literal(str(label), lang="en")))

    party = cases["party without schema:PoliticalParty"] = take(_entities(graph, "Party", used)[0])
    graph.remove((party, RDF.type, gbo.SCHEMA.PoliticalParty))

    dated = cases["start date as a plain string"] = take(_first(graph, graph.subjects(gbo.START_DATE, None)))
    graph.set((dated, gbo.START_DATE, Literal(str(graph.value(dated, gbo.START_DATE)))))

    organised = cases["organizer is a Person"] = take(_first(graph, graph.subjects(gbo.ORGANIZER, None)))
    graph.set((organised, gbo.ORGANIZER, take(_entities(graph, "Person", used)[0])))

    member = cases["memberOf a Place"] = take(_first(graph, set(graph.subjects(gbo.MEMBER_OF, None)) - used))
    graph.set((member, gbo.MEMBER_OF, take(_entities(graph, "Place", used)[0])))

    selector = cases["mention ends before it starts"] = take(
        _first(graph, graph.subjects(RDF.type, gbo.OA.TextPositionSelector)))
    start = graph.value(selector, gbo.OA.start).toPython()
    graph.set((selector, gbo.OA.end, Literal(start - 1, datatype=XSD.nonNegativeInteger)))

    quote_less = cases["mention without exact text"] = take(
        max(set(graph.subjects(RDF.type, gbo.OA.SpecificResource)) - {selector}))
    for quote in graph.objects(quote_less, gbo.OA.hasSelector):
        graph.remove((quote, gbo.OA.exact, None))

    document = cases["document without identifier"] = take(_first(graph, graph.subjects(RDF.type, gbo.DOCUMENT_CLASS)))
    graph.remove((document, DCTERMS.identifier, None))

    windows = cases["identifier with a backslash"] = take(
        min(set(graph.subjects(RDF.type, gbo.DOCUMENT_CLASS)) - used))
    graph.set((windows, DCTERMS.identifier, Literal("batch\\a.txt")))

    alt = cases["alternative label not Persian"] = take(_entities(graph, "Event", used)[0])
    graph.add((alt, SKOS.altLabel, Literal("October Revolution", lang="en")))

    nothing = cases["mentions a node that is no entity"] = take(gbo.GBR["nothing"])
    graph.add((document, gbo.MENTIONS, nothing))

    signed = cases["signatory is a Place"] = take(_first(graph, set(graph.subjects(gbo.SIGNATORY, None)) - used))
    graph.add((signed, gbo.SIGNATORY, take(_entities(graph, "Place", used)[0])))

    membership = cases["membership without member"] = take(_first(graph, graph.subjects(RDF.type, gbo.ORG.Membership)))
    graph.remove((membership, gbo.ORG.member, None))

    statement = cases["stated fact without evidence"] = take(_first(graph, graph.subjects(RDF.type, RDF.Statement)))
    graph.remove((statement, gbo.PROV.wasDerivedFrom, None))

    return validate(graph), cases, used


# case → (node shape, path, constraint component) of the violation it must produce
EXPECTED = {
    "two kinds": (SHAPES.Person, RDF.type, SH.InConstraintComponent),
    "no label": (SHAPES.Entity, RDFS.label, SH.MinCountConstraintComponent),
    "label not Persian": (SHAPES.Entity, RDFS.label, SH.LanguageInConstraintComponent),
    "party without schema:PoliticalParty": (SHAPES.Party, RDF.type, SH.HasValueConstraintComponent),
    "start date as a plain string": (SHAPES.StartDate, gbo.START_DATE, SH.NodeConstraintComponent),
    "organizer is a Person": (SHAPES.Organizer, gbo.ORGANIZER, SH.NodeConstraintComponent),
    "memberOf a Place": (SHAPES.MemberOf, gbo.MEMBER_OF, SH.NodeConstraintComponent),
    "mention ends before it starts": (SHAPES.TextPosition, gbo.OA.start, SH.LessThanConstraintComponent),
    "mention without exact text": (SHAPES.TextStretch, (gbo.OA.hasSelector, gbo.OA.exact),
                                   SH.MinCountConstraintComponent),
    "document without identifier": (SHAPES.Document, DCTERMS.identifier, SH.MinCountConstraintComponent),
    "identifier with a backslash": (SHAPES.Document, DCTERMS.identifier, SH.PatternConstraintComponent),
    "alternative label not Persian": (SHAPES.Entity, SKOS.altLabel, SH.LanguageInConstraintComponent),
    "mentions a node that is no entity": (SHAPES.Entity, RDF.type, SH.MinCountConstraintComponent),
    "signatory is a Place": (SHAPES.Signatory, gbo.SIGNATORY, SH.NodeConstraintComponent),
    "membership without member": (SHAPES.Membership, gbo.ORG.member, SH.MinCountConstraintComponent),
    "stated fact without evidence": (SHAPES.Statement, gbo.PROV.wasDerivedFrom, SH.MinCountConstraintComponent),
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_a_broken_graph_gives_the_violation_written_for_it(broken, case):
    report, cases, _ = broken
    shape, path, component = EXPECTED[case]
    found = [(v.shape, v.path, v.component) for v in report.violations if v.focus == cases[case]]
    assert (shape, path, component) in found, found
    message = next(v.message for v in report.violations if (v.focus, v.shape, v.path) == (cases[case], shape, path))
    assert message in SHAPE_MESSAGES  # the shape's own sentence, not pyshacl's generic text


def test_nothing_but_the_broken_nodes_is_reported(broken):
    report, _, used = broken
    assert not report.conforms
    assert {v.focus for v in report.violations} <= used


def test_two_kinds_are_caught_from_both_sides(broken):
    report, cases, _ = broken
    shapes = {v.shape for v in report.violations if v.focus == cases["two kinds"]}
    assert shapes == {SHAPES.Person, SHAPES.Place}  # a person may not be a place, and a place must be schema:Place


def test_the_summary_counts_by_shape_and_lists_focus_nodes_with_their_labels(broken, sources_graph):
    report, cases, _ = broken
    summary = report.summary(limit=3)
    lines = summary.splitlines()
    assert lines[0] == f"{len(report.violations)} violation(s) of the shapes in {report.triples} triples:"
    assert "gbsh:Organizer schema:organizer: schema:organizer must point to a Party or Organization entity." in summary
    assert "oa:hasSelector/oa:exact" in summary  # a sequence path, written as SPARQL writes it
    listed = lines[lines.index("the first 3:") + 1:]
    assert len(listed) == 3
    organised = cases["organizer is a Person"]
    assert f"«{sources_graph.value(organised, RDFS.label)}»" in report.summary(limit=len(report.violations))


def _tiny_graph() -> Graph:
    """One person that is also a place, with no label and no mention count."""
    graph = gbo.new_graph()
    person = gbo.GBR["person-x"]
    for cls in (KIND["Person"], gbo.SCHEMA.Person, KIND["Place"], gbo.SCHEMA.Place):
        graph.add((person, RDF.type, cls))
    return graph


def test_cli_validate_exit_status(sources_build, tmp_path):
    _, output = sources_build
    runner = CliRunner()
    good = runner.invoke(main, ["validate", str(output / "graph.ttl")])
    assert good.exit_code == 0, good.output
    assert "conforms" in good.output

    bad_file = tmp_path / "bad.ttl"
    _tiny_graph().serialize(bad_file, format="turtle")
    bad = runner.invoke(main, ["validate", str(bad_file), "--limit", "1"])
    assert bad.exit_code == 1
    assert "violation(s) of the shapes" in bad.output and "rdfs:label" in bad.output

    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle", encoding="utf-8")
    unreadable = runner.invoke(main, ["validate", str(garbage)])
    assert unreadable.exit_code == 2
    assert str(garbage) in unreadable.output and "not a readable RDF graph" in unreadable.output


def test_validate_reads_a_path_and_names_a_missing_file(tmp_path):
    path = tmp_path / "tiny.nt"
    _tiny_graph().serialize(path, format="nt", encoding="utf-8")  # any RDF syntax, by its extension
    report = validate(path)
    assert not report.conforms and report.triples == 4
    with pytest.raises(GraphReadError, match="nowhere.ttl: no such file"):
        validate(tmp_path / "nowhere.ttl")


def test_a_build_reports_violations_but_does_not_fail(tmp_path, monkeypatch):
    """Shapes the output cannot meet (every document needs a schema:about): the build still writes its files,
    says what is wrong through its report callback, and carries the report."""
    strict = tmp_path / "strict.ttl"
    strict.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        f"<{SHAPES}Strict> a sh:NodeShape ; sh:targetClass <{gbo.DOCUMENT_CLASS}> ;\n"
        f"  sh:property [ sh:path <{gbo.SCHEMA.about}> ; sh:minCount 1 ; sh:message \"No schema:about.\" ] .\n",
        encoding="utf-8")
    monkeypatch.setattr(pipeline, "validate", lambda graph, documents=None: validate(graph, strict, documents=documents))
    sources = tmp_path / "sources"
    sources.mkdir()
    text = "حزب کمونیست کارگری ایران در تهران بیانیه داد."
    (sources / "a.txt").write_text(text, encoding="utf-8")
    messages: list[str] = []
    result = pipeline.build(sources, tmp_path / "out", report=messages.append)
    assert all(path.exists() for path in result.outputs)
    assert result.validation is not None and not result.validation.conforms
    assert len(result.validation.violations) == 1
    assert any(m.startswith("1 violation(s) of the shapes") and "No schema:about." in m for m in messages)
