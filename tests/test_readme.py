"""The README's example answers are what the sources' graph says (scripts/readme_answers.py wrote them)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_the_readmes_example_answers_are_the_sources_graphs(sources_build):
    _, output = sources_build
    checked = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_answers.py"), str(output / "graph.ttl"), "--check"],
        capture_output=True, text=True, timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_check_fails_on_a_stale_answer(sources_build, tmp_path):
    _, output = sources_build
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stale = tmp_path / "README.md"
    stale.write_text(readme.replace("| 1917 |", "| 1918 |", 1), encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_answers.py"), str(output / "graph.ttl"), "--check",
         "--readme", str(stale)],
        capture_output=True, text=True, timeout=120,
    )
    assert "| 1917 |" in readme and checked.returncode == 1
