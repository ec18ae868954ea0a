"""The ontology (ontology/graphbuild.ttl) declares every term the graph uses; its page is generated from it."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from graphbuild import ontology as gbo
from graphbuild.ontology_doc import ONTOLOGY_PATH, PAGE_PATH, render
from graphbuild.validate import SHAPES_PATH, validate

DECLARING_TYPES = {OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                   RDF.Property}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_PATH, format="turtle")


def used_terms(graph: Graph) -> set[URIRef]:
    """Every predicate and every class (object of rdf:type) in a graph, by SPARQL as a user would list them."""
    rows = graph.query("SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s a ?term } }")
    return {row.term for row in rows}


def undeclared_or_unlabelled(ontology: Graph, terms: set[URIRef]) -> list[str]:
    problems = []
    for term in sorted(terms):
        if not DECLARING_TYPES & set(ontology.objects(term, RDF.type)):
            problems.append(f"{term}: not declared as a class or property")
        for predicate in (RDFS.label, RDFS.comment):
            languages = {o.language for o in ontology.objects(term, predicate) if isinstance(o, Literal)}
            name = ontology.namespace_manager.normalizeUri(predicate)
            problems += [f"{term}: no {name} @{lang}" for lang in ("en", "fa") if lang not in languages]
    return problems


def test_every_predicate_and_class_of_the_built_graph_is_declared_and_labelled_in_both_languages(
        ontology, sources_graph):
    terms = used_terms(sources_graph)
    assert {RDF.type, gbo.KIND_CLASS["Party"], gbo.MENTIONS, gbo.OA.Annotation} <= terms  # the query sees them
    assert undeclared_or_unlabelled(ontology, terms) == []


def test_the_check_finds_a_term_the_ontology_does_not_declare(ontology):
    invented = URIRef(f"{gbo.GB._NS}notATerm")
    graph = Graph()
    graph.add((gbo.GBR.x, invented, Literal(1)))
    assert undeclared_or_unlabelled(ontology, used_terms(graph)) == [
        f"{invented}: not declared as a class or property",
        f"{invented}: no rdfs:label @en", f"{invented}: no rdfs:label @fa",
        f"{invented}: no rdfs:comment @en", f"{invented}: no rdfs:comment @fa",
    ]


def test_every_term_the_code_knows_is_declared_also_before_the_graph_uses_it(ontology):
    """ontology.py's terms (the issue-4 document facts among them), whether or not a build produced them yet."""
    terms = {value for value in vars(gbo).values() if isinstance(value, URIRef)}
    terms |= set(gbo.KIND_CLASS.values()) | {c for classes in gbo.SCHEMA_CLASSES.values() for c in classes}
    assert {gbo.SIGNATORY, gbo.AUTHOR, gbo.LOCATION_CREATED, gbo.PUBLISHER, gbo.DATE_PUBLISHED,
            gbo.ISSUE_NUMBER} <= terms
    assert undeclared_or_unlabelled(ontology, terms) == []


def test_mappings_to_schema_org_org_and_prov(ontology):
    assert (gbo.SIGNATORY, RDFS.subPropertyOf, gbo.SCHEMA.contributor) in ontology
    for kind, classes in gbo.SCHEMA_CLASSES.items():
        for schema_class in classes:
            assert (gbo.KIND_CLASS[kind], RDFS.subClassOf, schema_class) in ontology
    assert (gbo.KIND_CLASS["Organization"], RDFS.subClassOf, gbo.ORG.Organization) in ontology
    assert (gbo.DOCUMENT_CLASS, RDFS.subClassOf, gbo.PROV.Entity) in ontology
    # schema.org by its https IRIs, as the graph uses it (rdflib's own bundled namespace is older)
    assert not [t for t in ontology.all_nodes() if str(t).startswith("http://schema.org/")]


def test_the_five_kinds_are_pairwise_disjoint(ontology):
    axiom = next(ontology.subjects(RDF.type, OWL.AllDisjointClasses))
    members = list(ontology.items(ontology.value(axiom, OWL.members)))
    assert sorted(members) == sorted(gbo.KIND_CLASS.values())


def test_the_committed_page_is_up_to_date_with_the_ttl():
    assert PAGE_PATH.read_text(encoding="utf-8") == render(ONTOLOGY_PATH), (
        "docs/ontology.md is out of date: run .venv/bin/python -m graphbuild.ontology_doc")


def test_the_page_shows_labels_comments_domains_and_mappings(ontology):
    page = render(ontology)
    assert "### `gb:signatory` · signatory · امضاکننده" in page
    assert "Subproperty of `schema:contributor`." in page
    assert "Domain → range: `gb:Event` → `xsd:integer`." in page  # gb:ordinal
    assert '<p dir="rtl" lang="fa">شماره ترتیبی کنگره' in page
    # a term added to the TTL appears on the page
    new_term = URIRef(f"{gbo.GB._NS}newTerm")
    ontology.add((new_term, RDF.type, OWL.Class))
    ontology.add((new_term, RDFS.label, Literal("new term", lang="en")))
    assert "### `gb:newTerm` · new term" in render(ontology)


def test_a_misspelt_term_fails_where_it_is_written():
    with pytest.raises(AttributeError):
        gbo.GB.Partyy  # noqa: B018
    with pytest.raises(AttributeError):
        gbo.SCHEMA.organiser  # noqa: B018  (schema.org spells it organizer)


def test_the_term_classes_and_the_ontology_declare_the_same_own_terms():
    """Every gb: term of the code is declared in graphbuild.ttl, and every gb: term declared there is in the code."""
    ontology = Graph().parse(ONTOLOGY_PATH, format="turtle")  # not the fixture: a test above adds a term to it
    in_code = {URIRef(f"{gbo.GB._NS}{name}") for name in gbo.GB.__annotations__}
    declared = {s for s in ontology.subjects(RDF.type, None)
                if isinstance(s, URIRef) and str(s).startswith(str(gbo.GB._NS)) and s != URIRef(str(gbo.GB._NS))}
    assert in_code == declared


def test_every_schema_oa_and_org_term_of_the_shapes_and_ontology_is_in_the_term_classes(ontology):
    """The shapes and the ontology use no term of these vocabularies that the code could not write."""
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    for namespace in (gbo.SCHEMA, gbo.OA, gbo.ORG, gbo.SHAPES):
        base = str(namespace._NS)
        used = {str(n)[len(base):] for g in (ontology, shapes) for triple in g for n in triple
                if isinstance(n, URIRef) and str(n).startswith(base) and str(n) != base}
        assert used <= set(namespace.__annotations__), (base, used - set(namespace.__annotations__))


def test_the_sources_graph_conforms_also_with_the_ontology_beside_it(ontology, sources_graph):
    """As in a triple store that holds both: schema:Message is a schema:CreativeWork there, and the document
    shapes must still hold (they once reported every message as a document without an identifier)."""
    report = validate(sources_graph, ontology=ontology)
    assert report.conforms, report.summary()
    assert validate(sources_graph).conforms


def test_with_the_ontology_a_stray_creative_work_is_still_caught(ontology):
    graph = Graph()
    graph.add((gbo.GBR.stray, RDF.type, gbo.SCHEMA.CreativeWork))
    report = validate(graph, ontology=ontology)
    assert not report.conforms
    assert {v.shape for v in report.violations} == {gbo.SHAPES.CreativeWork}
