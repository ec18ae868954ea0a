"""The recipes of docs/architecture.md, each done from outside the package as a third party would: a
component, a kind, a relation, a reader and an exporter, added with the public seams and nothing else, then
seen in a real build. If a recipe here needs another file of the package touched, the seam has broken."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from graphbuild import kinds
from graphbuild.components import Pipeline, mention_finder, read_pipeline_file, relation_finder
from graphbuild.document import Document, Mention, Relation, SourceFile
from graphbuild.export import ExportContext, exporter, exporters, get_exporter
from graphbuild.export import registry as export_registry
from graphbuild.export.html import render_html
from graphbuild.lang.fa import PIPELINE_FILE
from graphbuild.ontology import KIND_CLASS, OA
from graphbuild.pipeline import build_graph
from graphbuild.readers import reader, reader_for
from graphbuild.readers import registry as reader_registry

EX = "https://example.org/treaties#"
TREATY = URIRef(f"{EX}Treaty")
SIGNED = URIRef(f"{EX}signed")
TREATY_WORD = "معاهده"  # an invented treaty's head; the finder below is a toy, not Persian data of the package


@mention_finder("test-treaties")
class TreatyFinder:
    """«معاهده X»: the head and the next word."""

    name = "test-treaties"

    def __call__(self, doc: Document, resources) -> list[Mention]:
        return [Mention(m.start(), m.end(), "Treaty", m.group(), self.name)
                for m in re.finditer(rf"{TREATY_WORD} \w+", doc.text)]


@relation_finder("test-treaty-signers")
class TreatySignerFinder:
    """A party named in the same sentence before a treaty signed it (a toy rule for the recipe)."""

    name = "test-treaty-signers"

    def __call__(self, doc: Document, resources) -> list[Relation]:
        found = []
        for treaty in (m for m in doc.mentions if m.kind == "Treaty"):
            sentence = doc.sentence_of(treaty.start)
            for party in (m for m in doc.mentions if m.kind == "Party" and sentence[0] <= m.start < treaty.start):
                found.append(Relation("signedTreaty", (party.start, party.end), (treaty.start, treaty.end),
                                      evidence=sentence))
        return found


@pytest.fixture
def treaty_kind():
    """The kind and relation registered for one test, and removed after it."""
    kinds.register_kind(kinds.KindSpec("Treaty", class_term=str(TREATY), schema_terms=("schema:CreativeWork",),
                                       rank=5, colour="#000000", shape="hexagon"))
    kinds.register_relation(kinds.RelationSpec("signedTreaty", property_term=str(SIGNED), subject=("Party",),
                                               object=("Treaty",), colour="#111111"))
    yield
    kinds.unregister("signedTreaty")
    kinds.unregister("Treaty")


def _pipeline_with(resources, *extra: tuple[str, str]) -> Pipeline:
    """The language package's pipeline with components inserted: (name, the component to put it after)."""
    steps = read_pipeline_file(PIPELINE_FILE)
    for name, after in extra:
        index = [step for step, _ in steps].index(after) + 1
        steps.insert(index, (name, {}))
    return Pipeline(resources, steps)


TEXT = "حزب دموکرات کردستان ایران معاهده آشتی را در اربیل امضا کرد.\n"


def test_a_new_component_runs_where_the_pipeline_names_it(resources, tmp_path, treaty_kind):
    pipeline = _pipeline_with(resources, ("test-treaties", "recogniser"))
    assert pipeline.names.index("test-treaties") == pipeline.names.index("recogniser") + 1
    doc = pipeline(SourceFile("a.txt", TEXT))
    assert [m.text for m in doc.mentions if m.kind == "Treaty"] == ["معاهده آشتی"]


def test_a_new_kind_is_in_the_graph_and_on_the_map_with_only_its_spec_and_finder(resources, tmp_path, treaty_kind):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = build_graph(tmp_path, jobs=1, pipeline=_pipeline_with(resources, ("test-treaties", "recogniser")))
    treaties = list(result.graph.subjects(RDF.type, TREATY))
    assert len(treaties) == 1 and KIND_CLASS["Treaty"] == TREATY
    assert (treaties[0], RDF.type, URIRef("https://schema.org/CreativeWork")) in result.graph
    # its mention points at its characters in the file, as every mention's does
    exact = {str(o) for o in result.graph.objects(None, OA.exact)}
    assert "معاهده آشتی" in exact
    page = render_html(result.graph, documents=result.documents)
    assert '"Treaty"' in page and "#000000" in page  # the legend and the node's group carry the kind's style


def test_a_new_relation_is_stated_with_its_property_and_checked_for_what_it_links(resources, tmp_path, treaty_kind):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    pipeline = _pipeline_with(resources, ("test-treaties", "recogniser"), ("test-treaty-signers", "event-facts"))
    result = build_graph(tmp_path, jobs=1, pipeline=pipeline)
    (party, _, treaty), = result.graph.triples((None, SIGNED, None))
    assert (treaty, RDF.type, TREATY) in result.graph
    assert str(result.graph.value(party, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))).startswith("حزب")
    with pytest.raises(ValueError, match="undeclared kinds"):
        kinds.register_relation(kinds.RelationSpec("ratified", str(SIGNED), ("Party",), ("Law",)))


def test_a_new_reader_reads_its_files_into_the_build(tmp_path):
    """A reader for UTF-16 files saved with the suffix .u16 (a stand-in for any format)."""

    @reader("test-utf16", suffixes=(".u16",), media_types=("text/plain",))
    def read_utf16(path: Path, identifier: str) -> SourceFile:
        return SourceFile(identifier, path.read_bytes().decode("utf-16"), media_type="text/plain")

    try:
        (tmp_path / "b.u16").write_bytes(TEXT.encode("utf-16"))
        assert reader_for(tmp_path / "b.u16").name == "test-utf16"
        result = build_graph(tmp_path, jobs=1)
        assert [doc.identifier for doc in result.documents] == ["b.u16"]
        assert "اربیل" in {str(o) for o in result.graph.objects(None, OA.exact)}
    finally:
        catalogue_registry_delete(reader_registry, "test-utf16")


def test_a_new_exporter_is_offered_by_export_and_the_cli(sources_graph, tmp_path):
    @exporter("test-count", suffix=".count", description="the number of triples")
    def write_count(graph: Graph, stream, context: ExportContext) -> None:
        stream.write(f"{len(graph)}\n".encode())

    try:
        assert "test-count" in exporters()
        out = io.BytesIO()
        get_exporter("test-count").write(sources_graph, out, ExportContext())
        assert int(out.getvalue()) == len(sources_graph)
        from click.testing import CliRunner

        from graphbuild.cli import main

        graph_file = tmp_path / "g.ttl"
        sources_graph.serialize(graph_file, format="turtle")
        result = CliRunner().invoke(main, ["export", str(graph_file), "--format", "test-count", "-o", "-"])
        assert result.exit_code == 0, result.output
        assert int(result.output) == len(sources_graph)
    finally:
        catalogue_registry_delete(export_registry, "test-count")
    assert "test-count" not in exporters()


def catalogue_registry_delete(registry, name: str) -> None:
    """catalogue has no unregister: delete the entry from its table (tests only)."""
    from catalogue import REGISTRY

    REGISTRY.pop((*registry.namespace, name), None)
