"""The real texts of ../shared/realtexts (by others: read from there, never copied here): `evaluate` gives the
figures of their reference scorer score.py, and no folder's figures fall below the floors set here."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from graphbuild.cli import main
from graphbuild.evaluate import evaluate
from graphbuild.pipeline import build, build_graph

from .conftest import ROOT

REALTEXTS = ROOT.parent / "shared" / "realtexts"
pytestmark = pytest.mark.skipif(not (REALTEXTS / "score.py").is_file(),
                                reason=f"{REALTEXTS} is absent: the real texts are not on this machine")

# Per folder: entities' relaxed F1 (all kinds), dated events dated right (of how many), affiliations' F1.
# Measured on 2026-12-03 (relaxed F1 0.653 0.614 0.741 0.707 0.746 0.793; dated 2 1 4 5 3 3; affiliations
# 0.273 0.19 0.13 0.40 0.60 0.276); the F1 floors are a little below those, the date counts are today's.
FLOORS = {
    "history": (0.64, 2, 0.25),
    "labour": (0.60, 1, 0.15),
    "movements": (0.73, 4, 0.11),
    "parties": (0.69, 5, 0.36),
    "reports": (0.73, 3, 0.55),
    "statements": (0.78, 3, 0.25),
}


def test_every_realtexts_folder_has_a_floor():
    folders = {path.parent.name for path in REALTEXTS.glob("*/gold")}
    assert folders == set(FLOORS), "a folder was added or removed: give it a floor"


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_a_realtexts_folder_scores_above_its_floors(folder):
    built = build_graph(REALTEXTS / folder / "docs", jobs=1, report=lambda message: None)
    figures = evaluate(built.graph, REALTEXTS / folder / "gold").realtexts.as_dict()
    entities, dates, affiliations = (figures["relaxed"]["ALL"]["F1"], figures["event_dates"]["correct"],
                                     figures["affiliations"]["F1"])
    floor = FLOORS[folder]
    assert not figures["missing_docs"]
    below = [name for name, value, least in zip(("entities relaxed F1", "dated right", "affiliations F1"),
                                                 (entities, dates, affiliations), floor) if value < least]
    assert not below, f"{folder}: {', '.join(below)} fell below {floor}: {entities}, {dates}, {affiliations}"


def test_evaluate_gives_the_figures_of_score_py(tmp_path):
    folder = REALTEXTS / "labour"  # the smallest folder
    build(folder / "docs", tmp_path / "out", report=lambda message: None, check=False)
    graph = tmp_path / "out" / "graph.ttl"
    scored = subprocess.run([sys.executable, str(REALTEXTS / "score.py"), str(graph), str(folder / "gold"),
                             "--json", str(tmp_path / "score.json")], capture_output=True, text=True, timeout=120)
    assert scored.returncode == 0, scored.stderr
    evaluated = CliRunner().invoke(main, ["evaluate", str(graph), str(folder / "gold"),
                                          "--json", str(tmp_path / "evaluate.json")])
    assert evaluated.exit_code == 0, evaluated.output
    reference = json.loads((tmp_path / "score.json").read_text(encoding="utf-8"))
    ours = json.loads((tmp_path / "evaluate.json").read_text(encoding="utf-8"))["realtexts"]
    assert len(ours.pop("documents")) == len(list((folder / "gold").glob("*.json")))
    assert ours == reference
    relaxed, dates = reference["relaxed"]["ALL"], reference["event_dates"]
    assert f"{relaxed['P']:.3f}{relaxed['R']:>7.3f}{relaxed['F1']:>7.3f}" in evaluated.output
    assert f"dated events dated right  {dates['correct']}/{dates['gold_dated_events']}" in evaluated.output
    assert f"affiliations  P {reference['affiliations']['P']:.3f}" in evaluated.output
