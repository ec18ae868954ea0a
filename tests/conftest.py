"""Shared fixtures: the loaded resources and one build of the repository's sources, made once per run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from graphbuild.document import SourceFile
from graphbuild.extract import extract
from graphbuild.normalise import normalise
from graphbuild.pipeline import BuildResult, build
from graphbuild.resources import Resources, load_resources

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


@pytest.fixture(scope="session")
def resources() -> Resources:
    return load_resources()


@pytest.fixture(scope="session")
def analyse(resources):
    """Normalise and extract a text given as a string: the per-document stages on invented input."""

    def run(text: str, identifier: str = "test.txt"):
        return extract(normalise(SourceFile(identifier, text), resources), resources)

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
