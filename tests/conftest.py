"""Shared fixtures: the loaded resources and one build of the repository's sources, made once per run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from graphbuild.components import Pipeline
from graphbuild.document import SourceFile
from graphbuild.lang.fa import load
from graphbuild.pipeline import BuildResult, build, default_pipeline
from graphbuild.resources import Resources

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


@pytest.fixture(scope="session")
def resources() -> Resources:
    return load()


@pytest.fixture(scope="session")
def pipeline(resources) -> Pipeline:
    """The language package's per-document pipeline, made once (it reads the recogniser's model)."""
    return default_pipeline(resources)


@pytest.fixture(scope="session")
def analyse(pipeline):
    """Normalise and extract a text given as a string: the per-document stages on invented input."""

    def run(text: str, identifier: str = "test.txt", metadata: dict[str, str] | None = None):
        return pipeline(SourceFile(identifier, text, metadata or {}))

    return run


@pytest.fixture(scope="session")
def sources_build(tmp_path_factory) -> tuple[BuildResult, Path]:
    """The repository's sources built into a temporary output folder, as `graphbuild build` does."""
    output = tmp_path_factory.mktemp("output")
    result = build(SOURCES, output, report=lambda message: None)
    return result, output


@pytest.fixture(scope="session")
def sources_graph(sources_build) -> Graph:
    _, output = sources_build
    graph = Graph()
    graph.parse(output / "graph.ttl", format="turtle")
    return graph


@pytest.fixture()
def sources_copy(tmp_path) -> Path:
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    return target
