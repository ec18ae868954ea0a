"""Every example query in queries/ runs on the sources' graph and answers with rows."""

from __future__ import annotations

import pytest

from graphbuild.query import format_result, run_query

from .conftest import ROOT

QUERIES = sorted((ROOT / "queries").glob("*.rq"))


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_example_query_answers(sources_graph, path):
    result = run_query(sources_graph, path.read_text(encoding="utf-8"))
    assert result.rows, f"{path.name} returned no rows"
    assert format_result(result, "table")


def test_people_by_party_names_the_central_committee_member(sources_graph):
    result = run_query(sources_graph, (ROOT / "queries" / "people-by-party.rq").read_text(encoding="utf-8"))
    rows = {(str(r[0]), str(r[1]), str(r[2])) for r in result.rows}
    assert ("بهروز مهرآبادی", "حزب کمونیست کارگری ایران", "عضو کمیته مرکزی") in rows


def test_provenance_query_gives_offsets_and_exact_text(sources_graph):
    result = run_query(sources_graph, (ROOT / "queries" / "mentions-of-an-entity.rq").read_text(encoding="utf-8"))
    exact = {str(row[3]) for row in result.rows}
    assert {"حزب کمونیست کارگری ایران", "حزب کمونست کارگری"} <= exact
