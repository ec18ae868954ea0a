"""The example answers in the README and docs/queries.md are what the sources' graph says
(scripts/readme_answers.py wrote them), and the check of them fails when they are not."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "readme_answers.py"
EXAMPLE_HEADING = re.compile(r"^#{2,6} .*\(`queries/(?P<name>[\w-]+)\.rq`\)\s*$", re.MULTILINE)


def _check(graph: Path, *pages: Path) -> subprocess.CompletedProcess[str]:
    """scripts/readme_answers.py --check on the graph, for the pages given (its default pages if none)."""
    arguments = [sys.executable, str(SCRIPT), str(graph), "--check"]
    for page in pages:
        arguments += ["--page", str(page)]
    return subprocess.run(arguments, capture_output=True, text=True, timeout=120)


def test_the_example_answers_are_the_sources_graphs(sources_build):
    _, output = sources_build
    checked = _check(output / "graph.ttl")
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(("page", "fresh", "stale"), [
    ("README.md", "| روسیه | 1917 |", "| روسیه | 1918 |"),  # an answer
    ("README.md", "ORDER BY ?event\n```", "ORDER BY ?place\n```"),  # the query shown beside it
    ("docs/queries.md", "| IR-06 |", "| IR-07 |"),  # an answer only that page shows
])
def test_the_check_fails_on_a_stale_page(sources_build, tmp_path, page, fresh, stale):
    _, output = sources_build
    text = (ROOT / page).read_text(encoding="utf-8")
    copy = tmp_path / Path(page).name
    copy.write_text(text.replace(fresh, stale, 1), encoding="utf-8")
    checked = _check(output / "graph.ttl", copy)
    assert fresh in text, f"{page} no longer shows {fresh!r}: pick another cell for this test"
    assert checked.returncode == 1 and "out of date" in checked.stdout, checked.stdout + checked.stderr


def test_the_check_fails_on_a_page_that_shows_no_example(sources_build, tmp_path):
    """So that moving the examples elsewhere cannot leave a check that checks nothing."""
    _, output = sources_build
    page = tmp_path / "page.md"
    page.write_text("# A page\n\nNo example queries here.\n", encoding="utf-8")
    checked = _check(output / "graph.ttl", page)
    assert checked.returncode == 1 and "no example query section" in checked.stdout


def test_docs_queries_shows_every_example_query():
    shown = EXAMPLE_HEADING.findall((ROOT / "docs" / "queries.md").read_text(encoding="utf-8"))
    assert sorted(shown) == sorted(path.stem for path in (ROOT / "queries").glob("*.rq"))


def test_the_readme_shows_one_example_query():
    assert len(EXAMPLE_HEADING.findall((ROOT / "README.md").read_text(encoding="utf-8"))) == 1
