"""The command line as a user types it, through click's runner and as a real subprocess."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.export import get_exporter

from .conftest import ROOT


def test_build_with_sources_and_output(sources_copy, tmp_path):
    output = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(sources_copy), "-o", str(output), "--title", "نقشه"])
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.output
    assert (output / "graph.ttl").stat().st_size > 0
    assert "<title>نقشه</title>" in (output / "graph.html").read_text(encoding="utf-8")


def test_bad_files_are_named_and_the_build_goes_on(sources_copy, tmp_path):
    (sources_copy / "broken.txt").write_bytes(b"\xff\xfe\x00binary\x00")
    (sources_copy / "nested").mkdir()
    shutil.copy(sources_copy / "wpi-31st-plenum-party-resolution.txt", sources_copy / "nested" / "copy.txt")
    output = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(sources_copy), "-o", str(output)])
    assert result.exit_code == 0
    assert "broken.txt" in result.stderr and "binary" in result.stderr
    assert "6 documents" in result.stdout
    assert "nested/copy.txt" in (output / "graph.ttl").read_text(encoding="utf-8")


def test_a_missing_sources_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "nowhere" in result.output


def test_a_failed_build_leaves_earlier_output_whole(sources_copy, tmp_path, monkeypatch):
    output = tmp_path / "out"
    CliRunner().invoke(main, ["build", str(sources_copy), "-o", str(output)])
    before = {name: (output / name).read_bytes() for name in ("graph.ttl", "graph.html")}
    (sources_copy / "new.txt").write_text("حزب دموکرات کردستان ایران در اربیل.", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("template missing")

    # The map is rendered after the Turtle: a map that fails must not leave a new graph.ttl behind.
    html = dataclasses.replace(get_exporter("html"), write=broken)
    monkeypatch.setattr("graphbuild.pipeline.get_exporter",
                        lambda name: html if name == "html" else get_exporter(name))
    result = CliRunner().invoke(main, ["build", str(sources_copy), "-o", str(output)])
    assert result.exit_code != 0
    assert {name: (output / name).read_bytes() for name in before} == before
    assert not [p for p in output.iterdir() if p.name.endswith(".tmp")]


def test_query_prints_a_table_csv_and_json(sources_build, tmp_path):
    _, output = sources_build
    graph = str(output / "graph.ttl")
    sparql = "SELECT ?label WHERE { ?p a gb:Party ; rdfs:label ?label } ORDER BY ?label"
    table = CliRunner().invoke(main, ["query", graph, sparql])
    assert table.exit_code == 0 and "حزب کمونیست کارگری ایران" in table.output and "rows)" in table.output
    csv_out = CliRunner().invoke(main, ["query", graph, sparql, "--format", "csv"])
    assert csv_out.output.splitlines()[0] == "label"
    query_file = tmp_path / "q.rq"
    query_file.write_text(sparql, encoding="utf-8")
    as_json = CliRunner().invoke(main, ["query", graph, "--file", str(query_file), "--format", "json"])
    bindings = json.loads(as_json.output)["results"]["bindings"]
    assert {"type": "literal", "value": "حزب کمونیست کارگری ایران", "xml:lang": "fa"} in [b["label"] for b in bindings]


def test_a_bad_query_says_why(sources_build):
    _, output = sources_build
    result = CliRunner().invoke(main, ["query", str(output / "graph.ttl"), "SELEC nothing"])
    assert result.exit_code == 1 and "query failed" in result.output


def test_the_installed_console_script_builds_the_default_folders(tmp_path):
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    script = Path(sys.executable).parent / "graphbuild"
    run = subprocess.run([str(script), "build"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "output" / "graph.ttl").exists() and (tmp_path / "output" / "graph.html").exists()
